import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  exitCodeOf,
  resolveTenant,
  TENANT_OPTIONS,
  UsageError,
} from '../../../src-main/cli/tenant-options';
import { TenantNotFoundError } from '../../../src-main/core/tenants';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tenant-options-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function values(args: string[]) {
  return parseArgs({ args, options: TENANT_OPTIONS }).values;
}

describe('resolveTenant with --url and --token-env', () => {
  it('reads the token from the named variable and names the tenant after the host', async () => {
    const env = { ACME_TOKEN: 'tok-123\n' };
    const resolved = await resolveTenant(
      values(['--url', 'https://acme.example.com:8443/scim/v2/', '--token-env', 'ACME_TOKEN']),
      { env, dataDir },
    );
    expect(resolved).toEqual({
      name: 'acme.example.com:8443',
      tenantId: null,
      baseUrl: 'https://acme.example.com:8443/scim/v2',
      token: 'tok-123',
      policy: 'deactivate',
      protectedGroups: [],
      boundGroups: null,
      caFile: null,
      expiryWarning: null,
    });
  });

  it('applies --policy and an existing --ca-file', async () => {
    const caFile = join(dataDir, 'ca.pem');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\n');
    const resolved = await resolveTenant(
      values([
        '--url',
        'https://a.example.com',
        '--token-env',
        'T',
        '--policy',
        'delete',
        '--ca-file',
        caFile,
      ]),
      { env: { T: 'x' }, dataDir },
    );
    expect(resolved.policy).toBe('delete');
    expect(resolved.caFile).toBe(caFile);
  });

  it('is a runtime error (exit 1) when the variable is unset or the CA file is missing', async () => {
    const unset = resolveTenant(values(['--url', 'https://a.example.com', '--token-env', 'NOPE']), {
      env: {},
      dataDir,
    });
    await expect(unset).rejects.toThrow(/NOPE .* not set or empty/);
    expect(exitCodeOf(await unset.catch((e: unknown) => e))).toBe(1);

    const missingCa = resolveTenant(
      values([
        '--url',
        'https://a.example.com',
        '--token-env',
        'T',
        '--ca-file',
        join(dataDir, 'no.pem'),
      ]),
      { env: { T: 'x' }, dataDir },
    );
    expect(exitCodeOf(await missingCa.catch((e: unknown) => e))).toBe(1);
  });

  it('never echoes a malformed token from the variable', async () => {
    const error = await resolveTenant(
      values(['--url', 'https://a.example.com', '--token-env', 'T']),
      { env: { T: 'secret-one secret-two' }, dataDir },
    ).then(
      () => new Error('resolved'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/does not hold a usable token/);
    expect(error.message).not.toContain('secret-one');
  });
});

describe('resolveTenant usage errors (exit 2)', () => {
  it.each([
    [[], /Name the tenant/],
    [['--tenant', 'A', '--url', 'https://a.example.com'], /not both/],
    [['--url', 'https://a.example.com'], /--token-env/],
    [['--url', 'http://remote.example.com', '--token-env', 'T'], /https/],
    [['--tenant', 'A', '--token', 'abc'], /never accepted as an argument/],
    [['--tenant', 'A', '--policy', 'purge'], /deactivate.*delete/],
  ])('%j', async (args, message) => {
    const error = await resolveTenant(values(args), { env: { T: 'x' }, dataDir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect(exitCodeOf(error)).toBe(2);
  });

  it('counts a parseArgs failure as a usage error', () => {
    let thrown: unknown;
    try {
      parseArgs({ args: ['--bogus'], options: TENANT_OPTIONS });
    } catch (error) {
      thrown = error;
    }
    expect(exitCodeOf(thrown)).toBe(2);
  });
});

describe('resolveTenant with --tenant', () => {
  it('is a runtime error naming the known tenants when the name is unknown', async () => {
    const error = await resolveTenant(values(['--tenant', 'Ghost']), { dataDir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TenantNotFoundError);
    expect(exitCodeOf(error)).toBe(1);
  });
});
