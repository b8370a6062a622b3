/** The `tenants` CLI end to end, in child processes, against the real Secret Service. */
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeCliSandbox,
  filesContaining,
  KEYRING_AVAILABLE,
  openCliSandbox,
  recognisableToken,
  runCli,
} from './helpers';

describe.skipIf(!KEYRING_AVAILABLE)('scim-companion tenants (real keychain)', () => {
  let dataDir: string;
  let service: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    ({ dataDir, service, env } = openCliSandbox('cli-tenants-'));
  });

  afterEach(() => closeCliSandbox({ dataDir, service, env }));

  it('add, list, rename, replace-token and remove keep profile and keychain together', async () => {
    const token = recognisableToken();
    const add = ['tenants', 'add', 'Acme', '--url', 'https://acme.example.com/v2/'];

    const added = await runCli(
      [...add, '--policy', 'delete', '--expires', '2099-01-31'],
      env,
      `${token}\n`,
    );
    expect(added).toMatchObject({ code: 0 });
    const [entry] = await keytar.findCredentials(service);
    expect(entry?.password).toBe(token);

    const listed = JSON.parse((await runCli(['tenants', 'list', '--json'], env)).stdout);
    expect(listed).toMatchObject([
      {
        id: entry?.account,
        name: 'Acme',
        baseUrl: 'https://acme.example.com/v2',
        policy: 'delete',
        tokenExpiresAt: '2099-01-31',
        token: 'stored',
      },
    ]);

    expect((await runCli(['tenants', 'rename', 'acme', 'Acme EU'], env)).code).toBe(0);
    const updated = await runCli(
      ['tenants', 'update', 'Acme EU', '--protect', 'Break Glass, Admins', '--clear', 'expires'],
      env,
    );
    expect(updated.code).toBe(0);
    const [afterUpdate] = JSON.parse((await runCli(['tenants', 'list', '--json'], env)).stdout);
    expect(afterUpdate).toMatchObject({
      name: 'Acme EU',
      protectedGroups: ['Break Glass', 'Admins'],
    });
    expect(afterUpdate).not.toHaveProperty('tokenExpiresAt');

    const second = recognisableToken();
    expect((await runCli(['tenants', 'replace-token', 'Acme EU'], env, second)).code).toBe(0);
    expect(await keytar.findCredentials(service)).toEqual([
      { account: entry?.account, password: second },
    ]);

    const removed = await runCli(['tenants', 'remove', 'Acme EU'], env);
    expect(removed.code).toBe(0);
    expect(await keytar.findCredentials(service)).toEqual([]);
    expect(JSON.parse((await runCli(['tenants', 'list', '--json'], env)).stdout)).toEqual([]);
    expect(filesContaining(dataDir, token)).toEqual([]);
    expect(filesContaining(dataDir, second)).toEqual([]);
  });

  it('refuses a token argument and a duplicate name without storing anything', async () => {
    const token = recognisableToken();
    const withArg = await runCli(
      ['tenants', 'add', 'Acme', '--url', 'https://a.example.com', '--token', token],
      env,
    );
    expect(withArg.code).toBe(2);
    expect(withArg.stderr).toMatch(/never from an argument/);
    expect(await keytar.findCredentials(service)).toEqual([]);

    await runCli(['tenants', 'add', 'Acme', '--url', 'https://a.example.com'], env, 'first');
    const duplicate = await runCli(
      ['tenants', 'add', 'ACME', '--url', 'https://b.example.com'],
      env,
      'second',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists/);
    expect((await keytar.findCredentials(service)).map((c) => c.password)).toEqual(['first']);
  });

  it('exits 2 for bad arguments before asking for the token', async () => {
    const insecure = await runCli(
      ['tenants', 'add', 'Acme', '--url', 'http://acme.example.com'],
      env,
      'x',
    );
    expect(insecure.code).toBe(2);
    expect(insecure.stderr).toMatch(/https/);
    expect((await runCli(['tenants', 'frobnicate'], env)).code).toBe(2);
    expect(await keytar.findCredentials(service)).toEqual([]);
  });
});
