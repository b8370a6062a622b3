/**
 * What `scim-companion tenants add` and `update` refuse, in child processes against the real
 * Secret Service: a CA file that is no certificate, the demo tenant's name, a badly written date
 * and a base URL on another host without --yes. Each is refused with exit 2 and leaves the
 * keychain and the profile as they were; `add` refuses before it reads the token.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeCliSandbox,
  KEYRING_AVAILABLE,
  openCliSandbox,
  recognisableToken,
  runCli,
} from './helpers';

const TEST_CERT = resolve(import.meta.dirname, '../interop/tls/test-only-cert.pem');

describe.skipIf(!KEYRING_AVAILABLE)('tenants add and update refuse bad settings', () => {
  let dataDir: string;
  let service: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    ({ dataDir, service, env } = openCliSandbox('cli-tenant-checks-'));
  });

  afterEach(() => closeCliSandbox({ dataDir, service, env }));

  const list = async () => JSON.parse((await runCli(['tenants', 'list', '--json'], env)).stdout);
  const addAcme = (...extra: string[]) =>
    runCli(
      ['tenants', 'add', 'Acme', '--url', 'https://acme.example.com/v2', ...extra],
      env,
      recognisableToken(),
    );

  it.each([
    [
      'a missing file',
      join(tmpdir(), 'no-such-ca-file.pem'),
      /no-such-ca-file\.pem does not exist/,
    ],
    ['a file that is no PEM certificate', '/etc/hostname', /\/etc\/hostname is not a PEM cert/],
  ])('add refuses %s as --ca-file before reading the token', async (_what, caFile, message) => {
    // No token on stdin: had the token been asked for, the refusal would be "No token on stdin".
    const result = await runCli(
      ['tenants', 'add', 'Acme', '--url', 'https://acme.example.com/v2', '--ca-file', caFile],
      env,
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/No token on stdin/);
    expect(await keytar.findCredentials(service)).toEqual([]);
    expect(await list()).toEqual([]);
  });

  it('add stores a good --ca-file as an absolute path, and update checks a new one', async () => {
    const relativeCa = join('test', 'interop', 'tls', 'test-only-cert.pem');
    expect((await addAcme('--ca-file', relativeCa)).code).toBe(0);
    expect((await list())[0]).toMatchObject({ caFile: TEST_CERT });

    const notPem = join(dataDir, 'key.pem');
    writeFileSync(notPem, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    const refused = await runCli(['tenants', 'update', 'Acme', '--ca-file', notPem], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${notPem} is not a PEM certificate`);
    expect((await list())[0]).toMatchObject({ caFile: TEST_CERT });
  });

  it('refuses the demo tenant name for add and rename', async () => {
    const added = await runCli(
      ['tenants', 'add', 'demo tenant', '--url', 'https://d.example.com'],
      env,
      recognisableToken(),
    );
    expect(added.code).toBe(2);
    expect(added.stderr).toContain('"Demo tenant" is kept for the built-in demo tenant');
    expect(await keytar.findCredentials(service)).toEqual([]);

    await addAcme();
    const renamed = await runCli(['tenants', 'rename', 'Acme', 'Demo Tenant'], env);
    expect(renamed.code).toBe(2);
    expect((await list())[0]).toMatchObject({ name: 'Acme' });
  });

  it('says once that a date is badly written', async () => {
    const added = await addAcme('--expires', '2027/01/31');
    expect(added.code).toBe(2);
    expect(added.stderr).toBe(
      'scim-companion tenants add: The token expiry date must be written YYYY-MM-DD.\n',
    );

    await addAcme();
    const updated = await runCli(['tenants', 'update', 'Acme', '--expires', '31.01.2027'], env);
    expect(updated.stderr).toBe(
      'scim-companion tenants update: The token expiry date must be written YYYY-MM-DD.\n',
    );
  });

  it('update --url to another host needs --yes; another path on the same host does not', async () => {
    await addAcme();

    const refused = await runCli(
      ['tenants', 'update', 'Acme', '--url', 'https://other.example.net/v2'],
      env,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('would be sent to https://other.example.net');
    expect(refused.stderr).toContain('add --yes');
    expect(refused.stderr).toContain('scim-companion tenants replace-token Acme');
    expect((await list())[0]).toMatchObject({ baseUrl: 'https://acme.example.com/v2' });

    const samePath = await runCli(
      ['tenants', 'update', 'Acme', '--url', 'https://acme.example.com/scim/v2'],
      env,
    );
    expect(samePath.code).toBe(0);

    const moved = await runCli(
      ['tenants', 'update', 'Acme', '--url', 'https://other.example.net/v2', '--yes'],
      env,
    );
    expect(moved.code).toBe(0);
    expect((await list())[0]).toMatchObject({ baseUrl: 'https://other.example.net/v2' });
  });
});
