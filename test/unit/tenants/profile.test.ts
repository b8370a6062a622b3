import { describe, expect, it } from 'vitest';
import { baseUrlSchema, profileFieldsSchema, tokenSchema } from '../../../src-main/core/tenants';

describe('baseUrlSchema', () => {
  it('trims trailing slashes and keeps the path', () => {
    expect(baseUrlSchema.parse(' https://acme.example.com/scim/v2/ ')).toBe(
      'https://acme.example.com/scim/v2',
    );
  });

  it.each(['http://127.0.0.1:8080/v2', 'http://localhost/scim'])(
    'accepts loopback http: %s',
    (url) => {
      expect(baseUrlSchema.safeParse(url).success).toBe(true);
    },
  );

  it.each([
    ['http://acme.example.com/v2', /https/],
    ['ftp://acme.example.com', /https/],
    ['not a url', /not a valid URL/],
    ['https://user:pw@acme.example.com/v2', /credentials/],
    ['https://acme.example.com/v2?x=1', /query/],
  ])('refuses %s', (url, message) => {
    const result = baseUrlSchema.safeParse(url);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(' ')).toMatch(message);
  });
});

describe('profileFieldsSchema', () => {
  it('fills defaults: deactivate, nothing protected, no bound-group choice', () => {
    expect(profileFieldsSchema.parse({ name: ' Acme ', baseUrl: 'https://a.example.com' })).toEqual(
      {
        name: 'Acme',
        baseUrl: 'https://a.example.com',
        policy: 'deactivate',
        protectedGroups: [],
        boundGroups: null,
      },
    );
  });

  it('cuts an ISO timestamp to its day and refuses impossible dates', () => {
    const base = { name: 'A', baseUrl: 'https://a.example.com' };
    expect(
      profileFieldsSchema.parse({ ...base, tokenExpiresAt: '2027-02-28T10:00:00Z' }).tokenExpiresAt,
    ).toBe('2027-02-28');
    expect(profileFieldsSchema.safeParse({ ...base, tokenExpiresAt: '2027-02-30' }).success).toBe(
      false,
    );
    expect(profileFieldsSchema.safeParse({ ...base, tokenExpiresAt: '28/02/2027' }).success).toBe(
      false,
    );
  });
});

describe('tokenSchema', () => {
  it('trims the newline a pipe adds', () => {
    expect(tokenSchema.parse('abc.def-123\n')).toBe('abc.def-123');
  });

  it('refuses inner whitespace without echoing the token in the message', () => {
    const result = tokenSchema.safeParse('secret-part-one secret-part-two');
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues.map((i) => i.message))).not.toContain('secret-part');
  });
});
