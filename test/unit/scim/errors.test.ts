import { describe, expect, it } from 'vitest';
import {
  ScimError,
  errorFromResponse,
  isScimErrorBody,
  parseErrorBody,
} from '../../../src-main/core/scim/errors';

describe('parseErrorBody', () => {
  it('reads status given as a string, a number, or not at all', () => {
    expect(parseErrorBody('{"status":"400","detail":"bad"}')).toEqual({
      status: 400,
      scimType: null,
      detail: 'bad',
    });
    expect(parseErrorBody('{"status":409,"scimType":"uniqueness"}').status).toBe(409);
    expect(parseErrorBody('{"detail":"no status here"}')).toEqual({
      status: null,
      scimType: null,
      detail: 'no status here',
    });
  });

  it('finds the message in non-SCIM shapes', () => {
    expect(parseErrorBody('{"error":{"code":5,"message":"nested"}}').detail).toBe('nested');
    expect(parseErrorBody('{"message":"flat"}').detail).toBe('flat');
    expect(parseErrorBody('{"errors":[{"detail":"first"}]}').detail).toBe('first');
    expect(parseErrorBody('[{"detail":"in an array"}]').detail).toBe('in an array');
  });

  it('gives nothing for bodies that are not JSON', () => {
    expect(parseErrorBody('<html>oops</html>')).toEqual({
      status: null,
      scimType: null,
      detail: null,
    });
    expect(parseErrorBody(null).detail).toBeNull();
  });
});

describe('errorFromResponse', () => {
  const kinds: [number, string][] = [
    [400, 'bad-request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [405, 'unsupported'],
    [409, 'conflict'],
    [412, 'precondition-failed'],
    [429, 'throttled'],
    [500, 'server'],
    [501, 'unsupported'],
    [502, 'server'],
  ];
  it.each(kinds)('maps HTTP %i to %s whatever the body claims', (status, kind) => {
    const error = errorFromResponse(
      status,
      'GET',
      '/Users',
      '{"status":"200"}',
      'application/json',
    );
    expect(error).toBeInstanceOf(ScimError);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
  });

  it('tells the admin what to do about a refused token and keeps the raw body', () => {
    const raw = '{"detail":"expired"}';
    const error = errorFromResponse(401, 'GET', '/Users', raw, 'application/scim+json');
    expect(error.message).toMatch(/create a new integration token/i);
    expect(error.raw).toBe(raw);
  });

  it('points at the base URL when a 404 is a web page', () => {
    const error = errorFromResponse(404, 'GET', '/Users', '<!DOCTYPE html><p>no', 'text/html');
    expect(error.message).toMatch(/base URL/);
  });

  it('quotes the server detail and keeps scimType', () => {
    const raw = '{"status":"400","scimType":"invalidFilter","detail":"bad filter"}';
    const error = errorFromResponse(400, 'GET', '/Users?filter=x', raw, 'application/json');
    expect(error.scimType).toBe('invalidFilter');
    expect(error.message).toContain('bad filter');
  });
});

describe('isScimErrorBody', () => {
  it('recognises SCIM error bodies and not pages or other JSON', () => {
    expect(
      isScimErrorBody('{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404"}'),
    ).toBe(true);
    expect(isScimErrorBody('{"status":404,"detail":"gone"}')).toBe(true);
    expect(isScimErrorBody('<html>404</html>')).toBe(false);
    expect(isScimErrorBody('{"ok":false}')).toBe(false);
  });
});
