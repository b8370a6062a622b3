import { describe, expect, it } from 'vitest';
import { ScimError } from '../../../src-main/core/scim/errors';
import {
  joinUrl,
  normaliseBaseUrl,
  query,
  resourcePath,
  suggestedBaseUrl,
} from '../../../src-main/core/scim/url';

describe('normaliseBaseUrl', () => {
  it('trims spaces and trailing slashes and drops query and fragment', () => {
    expect(normaliseBaseUrl('  https://t.example.com/scim/v2///  ')).toBe(
      'https://t.example.com/scim/v2',
    );
    expect(normaliseBaseUrl('https://t.example.com/v2?x=1#top')).toBe('https://t.example.com/v2');
    expect(normaliseBaseUrl('https://t.example.com/')).toBe('https://t.example.com');
  });

  it('keeps ids inside the base path', () => {
    expect(normaliseBaseUrl('https://h.example.com/api/tenants/abc-123/scim/v2/')).toBe(
      'https://h.example.com/api/tenants/abc-123/scim/v2',
    );
  });

  it.each(['not a url', 'ftp://h.example.com/scim', 'https://user:pw@h.example.com/scim'])(
    'refuses %s with an invalid-url error',
    (input) => {
      expect(() => normaliseBaseUrl(input)).toThrow(ScimError);
      try {
        normaliseBaseUrl(input);
      } catch (err) {
        expect((err as ScimError).kind).toBe('invalid-url');
      }
    },
  );
});

describe('paths', () => {
  it('encodes an opaque id as one path segment', () => {
    expect(resourcePath('Users', 'a/b c?d#e')).toBe('/Users/a%2Fb%20c%3Fd%23e');
    expect(resourcePath('Groups', '42')).toBe('/Groups/42');
  });

  it('joins the base URL and a path without doubling slashes', () => {
    expect(joinUrl('https://h.example.com/scim/v2', '/Users')).toBe(
      'https://h.example.com/scim/v2/Users',
    );
    expect(joinUrl('https://h.example.com/scim/v2', 'Groups')).toBe(
      'https://h.example.com/scim/v2/Groups',
    );
  });

  it('builds an encoded query from defined values only', () => {
    expect(query({ filter: 'userName eq "a&b"', count: 5, x: undefined })).toBe(
      '?filter=userName%20eq%20%22a%26b%22&count=5',
    );
    expect(query({})).toBe('');
  });

  it('suggests the SCIM root when a resource endpoint was pasted', () => {
    expect(suggestedBaseUrl('https://h.example.com/scim/v2/Users')).toBe(
      'https://h.example.com/scim/v2',
    );
    expect(suggestedBaseUrl('https://h.example.com/scim/v2')).toBeNull();
  });
});
