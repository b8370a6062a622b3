import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  baseUrlSchema,
  caFileSchema,
  profileFieldsSchema,
  profilePatchSchema,
  tenantNameSchema,
  tokenSchema,
} from '../../../src-main/core/tenants';

/** A real PEM certificate (the interop tests' TLS server uses it). */
const TEST_CERT = resolve(import.meta.dirname, '../../interop/tls/test-only-cert.pem');

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

describe('tenant names', () => {
  it.each(['Demo tenant', 'demo TENANT', '  Demo Tenant '])(
    'keeps %j for the built-in demo tenant',
    (name) => {
      const result = tenantNameSchema.safeParse(name);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual([
        'The name "Demo tenant" is kept for the built-in demo tenant. Pick another name.',
      ]);
    },
  );

  it('accepts a name that only contains the demo name', () => {
    expect(tenantNameSchema.parse('Demo tenant EU')).toBe('Demo tenant EU');
    expect(tenantNameSchema.safeParse('DEMO tenant').success).toBe(false);
  });
});

describe('the token expiry date', () => {
  const base = { name: 'A', baseUrl: 'https://a.example.com' };
  const problems = (tokenExpiresAt: string) =>
    profileFieldsSchema.safeParse({ ...base, tokenExpiresAt }).error?.issues.map((i) => i.message);

  it.each(['2027/01/31', '31.01.2027', 'next year'])('gives one problem for %j', (date) => {
    expect(problems(date)).toEqual(['The token expiry date must be written YYYY-MM-DD.']);
  });

  it('says a well-written impossible date is no real date', () => {
    expect(problems('2027-02-30')).toEqual(['The token expiry date is not a real date.']);
  });
});

describe('caFileSchema', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ca-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const problems = (path: string) =>
    caFileSchema.safeParse(path).error?.issues.map((i) => i.message);

  it('accepts a PEM certificate and keeps its absolute path', () => {
    expect(caFileSchema.parse(` ${TEST_CERT} `)).toBe(TEST_CERT);
    const bundle = join(dir, 'bundle.pem');
    writeFileSync(bundle, `# our CAs\n${readFileSync(TEST_CERT, 'utf8')}`);
    expect(caFileSchema.parse(bundle)).toBe(bundle);
  });

  it('refuses a file that does not exist', () => {
    const missing = join(dir, 'missing.pem');
    expect(problems(missing)).toEqual([`The CA certificate file ${missing} does not exist.`]);
  });

  it.each([
    ['a text file', 'hostname'],
    ['a private key', 'key.pem'],
  ])('refuses %s, which holds no certificate', (_what, name) => {
    const file = join(dir, name);
    writeFileSync(file, name === 'key.pem' ? '-----BEGIN PRIVATE KEY-----\nAAAA\n' : 'host-1\n');
    expect(problems(file)).toEqual([
      `The CA certificate file ${file} is not a PEM certificate: it has no ` +
        `"-----BEGIN CERTIFICATE-----" line. Give your certificate authority's certificate in ` +
        'PEM form.',
    ]);
  });

  it('refuses a folder and an empty path', () => {
    expect(problems(dir)).toEqual([
      `The CA certificate file ${dir} is a folder. Give the PEM file itself.`,
    ]);
    expect(problems('  ')).toEqual(['The CA certificate file path is empty.']);
  });

  it('is checked wherever a profile is, added or patched', () => {
    const base = { name: 'A', baseUrl: 'https://a.example.com' };
    const missing = join(dir, 'missing.pem');
    expect(profileFieldsSchema.safeParse({ ...base, caFile: missing }).success).toBe(false);
    expect(profilePatchSchema.safeParse({ caFile: missing }).success).toBe(false);
    expect(profilePatchSchema.parse({ caFile: TEST_CERT }).caFile).toBe(TEST_CERT);
  });
});

describe('the CA file of a profile', () => {
  it('reads no more than its size limit, whatever the file says of its size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-limit-'));
    const big = join(dir, 'big.pem');
    writeFileSync(big, '-----BEGIN CERTIFICATE-----\n' + 'A'.repeat(5 * 1024 * 1024));
    const result = caFileSchema.safeParse(big);
    expect(result.success ? null : result.error.issues[0]?.message).toMatch(/over 4 MiB/);
    // A /proc file reports size 0 and would go on for gigabytes.
    expect(caFileSchema.safeParse('/proc/self/pagemap').success).toBe(false);
  });

  it('wants a full path, since the app has no working folder of its own', () => {
    const result = caFileSchema.safeParse('certs/acme.pem');
    expect(result.success ? null : result.error.issues[0]?.message).toMatch(/not a full path/);
  });
});
