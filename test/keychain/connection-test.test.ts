/**
 * `tenants test` against a real SCIM server on 127.0.0.1 (the quirk server), with the token
 * stored in the real Secret Service: a good token passes every step, a wrong one fails at the
 * token step with the expired-token advice, and neither token reaches the output.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startQuirkServer, type QuirkServer } from '../servers/quirk-server';
import { closeCliSandbox, KEYRING_AVAILABLE, openCliSandbox, runCli } from './helpers';

describe.skipIf(!KEYRING_AVAILABLE)('scim-companion tenants test', () => {
  let server: QuirkServer;
  let dataDir: string;
  let service: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await startQuirkServer({ seed: { users: 3, groups: 1, membersPerGroup: 2 } });
  });
  afterAll(() => server.close());

  beforeEach(() => {
    ({ dataDir, service, env } = openCliSandbox('tenants-test-'));
  });
  afterEach(() => closeCliSandbox({ dataDir, service, env }));

  it('passes with the right token and sends only reads', async () => {
    await runCli(['tenants', 'add', 'Quirk', '--url', server.baseUrl], env, server.token);
    const writesBefore = ['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => server.count(m));

    const result = await runCli(['tenants', 'test', 'Quirk', '--json'], env);

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      steps: Array<{ step: string; ok: boolean }>;
    };
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.step)).toEqual(
      expect.arrayContaining(['auth', 'base-path', 'scim']),
    );
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => server.count(m))).toEqual(writesBefore);
    expect(result.stdout + result.stderr).not.toContain(server.token);
  });

  it('fails at the token step with expiry advice when the token is refused', async () => {
    const wrong = `WRONGTOKEN${Date.now()}`;
    await runCli(
      ['tenants', 'add', 'Quirk', '--url', server.baseUrl, '--expires', '2020-01-01'],
      env,
      wrong,
    );

    const result = await runCli(['tenants', 'test', 'Quirk'], env);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL auth/);
    expect(result.stdout).toMatch(/401/);
    expect(result.stdout).toMatch(/expired on 2020-01-01/);
    expect(result.stdout + result.stderr).not.toContain(wrong);
  });

  it('names the replace-token command for the tenant when the token is refused', async () => {
    await runCli(['tenants', 'add', 'Quirk EU', '--url', server.baseUrl], env, 'WRONG-TOKEN');

    const result = await runCli(['tenants', 'test', 'Quirk EU'], env);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain("scim-companion tenants replace-token 'Quirk EU'");
  });

  it('tells each step once when the base path is wrong', async () => {
    await runCli(
      ['tenants', 'add', 'Quirk', '--url', `${server.baseUrl}/wrong`],
      env,
      server.token,
    );

    const result = await runCli(['tenants', 'test', 'Quirk'], env);

    expect(result.code).toBe(1);
    const steps = result.stdout
      .split('\n')
      .map((line) => /^ {2}(ok {2}|FAIL) (\S+)/.exec(line)?.[2])
      .filter(Boolean);
    expect(steps).toEqual(['dns', 'connect', 'base-path']);

    const json = JSON.parse((await runCli(['tenants', 'test', 'Quirk', '--json'], env)).stdout);
    expect(json.steps.map((s: { step: string }) => s.step)).toEqual([
      'dns',
      'connect',
      'base-path',
    ]);
  });
});
