/**
 * No token leaks. With a recognisable token (and a second, refused one), run what an admin runs:
 * `tenants add`, `list`, `test`, `audit` (snapshot included), `plan`, `apply`, `report`, and a
 * failing 401, through the CLI in child processes; then the same through the backend's contract
 * handlers as the Electron IPC layer serves them. Afterwards, search every file in the data dir
 * (profiles, logs at debug level, plans, journals, reports), every contract answer and event, and
 * all stdout and stderr for either token: there must be no hit.
 *
 * Needs the real Secret Service that test/run-tests.sh starts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allFiles,
  KEYRING_AVAILABLE,
  recognisableToken,
  REPO,
  runCli,
  SKIP_REASON,
  testServiceName,
  type CliResult,
} from '../keychain/helpers';
import { startQuirkServer, type QuirkServer } from '../servers/quirk-server';

const EXPORT = join(
  REPO,
  'assets/demo/users-to-user-groups-59ca7151a650accf0e2bb218-20261101Z.csv',
);

/** Every way a token could be written down: as is, base64 (e.g. a Basic header), URL-encoded. */
function forms(token: string): string[] {
  return [token, Buffer.from(token).toString('base64'), encodeURIComponent(token)];
}

describe.skipIf(!KEYRING_AVAILABLE)(`no token leaks (${SKIP_REASON})`, () => {
  const token = recognisableToken();
  const refused = recognisableToken();
  const service = testServiceName();
  let server: QuirkServer;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const outputs: string[] = [];
  const answers: unknown[] = [];

  async function cli(
    args: string[],
    input = '',
    extraEnv: NodeJS.ProcessEnv = {},
  ): Promise<CliResult> {
    const result = await runCli(args, { ...env, ...extraEnv }, input);
    outputs.push(`$ ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  beforeAll(async () => {
    server = await startQuirkServer({ token, seed: { users: 30, groups: 6, membersPerGroup: 4 } });
    dataDir = mkdtempSync(join(tmpdir(), 'no-leak-'));
    env = {
      ...process.env,
      SCIM_COMPANION_HOME: dataDir,
      SCIM_COMPANION_KEYCHAIN_SERVICE: service,
      SCIM_COMPANION_LOG_LEVEL: 'debug',
      SCIM_COMPANION_LOG_FILE: join(dataDir, 'companion.log'),
      LEAK_TOKEN: token,
      REFUSED_TOKEN: refused,
    };
  });

  afterAll(async () => {
    for (const { account } of await keytar.findCredentials(service)) {
      await keytar.deletePassword(service, account);
    }
    await server?.close();
    if (dataDir && !process.env.KEEP_NO_LEAK_DIR) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the CLI: add, list, test, audit, plan, apply, report, and a refused token', async () => {
    const url = server.baseUrl;
    expect(
      (await cli(['tenants', 'add', 'Leak', '--url', url, '--expires', '2099-01-01'], token)).code,
    ).toBe(0);
    expect((await cli(['tenants', 'list'])).code).toBe(0);
    expect((await cli(['tenants', 'list', '--json'])).code).toBe(0);
    expect((await cli(['tenants', 'test', 'Leak'])).code).toBe(0);
    expect((await cli(['tenants', 'test', 'Leak', '--json'])).code).toBe(0);
    expect((await cli(['audit', '--tenant', 'Leak', '--export', EXPORT])).code).toBe(0);
    expect((await cli(['audit', '--tenant', 'Leak', '--export', EXPORT, '--json'])).code).toBe(0);
    expect(
      (await cli(['audit', '--url', url, '--token-env', 'LEAK_TOKEN', '--export', EXPORT])).code,
    ).toBe(0);

    const plan = join(dataDir, 'plan.json');
    expect((await cli(['plan', '--tenant', 'Leak', '--export', EXPORT, '--out', plan])).code).toBe(
      0,
    );
    const applied = await cli(['apply', plan, '--tenant', 'Leak', '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    const journals = readdirSync(join(dataDir, 'journals'), { recursive: true })
      .map(String)
      .filter((name) => /\.jsonl?$/.test(name));
    expect(journals.length).toBeGreaterThan(0);
    const journal = join(dataDir, 'journals', journals[0]!);
    for (const format of ['html', 'csv', 'json']) {
      const out = join(dataDir, `report.${format}`);
      expect(
        (await cli(['report', '--journal', journal, '--format', format, '--out', out])).code,
      ).toBe(0);
    }

    // A refused token: stored, tested, audited, and given through the environment.
    expect((await cli(['tenants', 'replace-token', 'Leak'], refused)).code).toBe(0);
    const test401 = await cli(['tenants', 'test', 'Leak']);
    expect(test401.code).toBe(1);
    expect(test401.stdout).toMatch(/401/);
    const audit401 = await cli(['audit', '--tenant', 'Leak', '--export', EXPORT]);
    expect(audit401.code).toBe(1);
    expect(audit401.stderr).toMatch(/expired/);
    expect(
      (await cli(['audit', '--url', url, '--token-env', 'REFUSED_TOKEN', '--export', EXPORT])).code,
    ).toBe(1);
    expect((await cli(['tenants', 'remove', 'Leak'])).code).toBe(0);
  });

  it('the contract handlers and events, as the Electron IPC layer serves them', async () => {
    // The backend reads these when it is loaded: log at debug level into the data dir.
    process.env.SCIM_COMPANION_KEYCHAIN_SERVICE = service;
    process.env.SCIM_COMPANION_LOG_LEVEL = 'debug';
    process.env.SCIM_COMPANION_LOG_FILE = join(dataDir, 'backend.log');
    const { createBackend } = await import('../../src-main/api/backend');
    const { methods } = await import('../../src-main/api/contract');
    const { dispatch } = await import('../../src-main/api/dispatch');

    const backend = createBackend({ dataDir });
    const events: Array<{ type: string; [key: string]: unknown }> = [];
    backend.events.on((event) => {
      events.push(event);
      answers.push(event);
    });
    const call = async (name: string, input: unknown) => {
      const result = await dispatch(methods, backend.handlers, name, input);
      answers.push(result);
      return result as { ok: boolean; result?: unknown; error?: unknown };
    };
    const value = async <T>(name: string, input: unknown): Promise<T> => {
      const result = await call(name, input);
      expect(result.ok, `${name}: ${JSON.stringify(result.error)}`).toBe(true);
      return result.result as T;
    };
    const finished = (type: string, count: number) =>
      expect
        .poll(() => events.filter((e) => e.type === type).length, { timeout: 60_000 })
        .toBeGreaterThanOrEqual(count);

    try {
      const tenant = await value<{ id: string }>('addTenant', {
        name: 'Leak UI',
        baseUrl: server.baseUrl,
        token,
      });
      const tenantId = tenant.id;
      await value('listTenants', {});
      await value('testConnection', { tenantId });
      await value('startSnapshot', { tenantId });
      await finished('snapshot-finished', 1);
      await value('getSnapshot', { tenantId });
      await value('discover', { tenantId });
      await value('importExport', {
        tenantId,
        files: [{ name: 'export.csv', base64: readFileSync(EXPORT).toString('base64') }],
      });
      const audit = await value<{ findings?: unknown[] }>('runAudit', { tenantId });
      await value('getAudit', { tenantId });
      await value('getRequestLog', { tenantId });
      await value('exportRequestLog', { tenantId, format: 'csv' });
      await value('exportRequestLog', { tenantId, format: 'json' });
      if ('findingsReport' in methods) await value('findingsReport', { tenantId, format: 'html' });
      expect(audit).toBeTruthy();

      // The refused token: replaced, tested, snapshotted.
      await value('replaceToken', { tenantId, token: refused });
      await value('testConnection', { tenantId });
      await call('startSnapshot', { tenantId });
      await finished('snapshot-finished', 2);
      await value('listTenants', {});
      await value('removeTenant', { tenantId });
    } finally {
      await backend.close();
    }
    expect(events.some((e) => e.type === 'snapshot-finished' && e.status === 'failed')).toBe(true);
  });

  it('finds neither token in any file of the data dir, any answer, or any output', () => {
    const files = allFiles(dataDir);
    expect(files).toEqual(expect.arrayContaining(['tenants.json', 'companion.log', 'plan.json']));
    expect(files.some((file) => file.startsWith('journals/'))).toBe(true);

    const whereFound = (needle: string): string[] => {
      const hits = files.filter((file) => readFileSync(join(dataDir, file)).includes(needle));
      if (JSON.stringify(answers).includes(needle)) hits.push('a contract answer or event');
      outputs.forEach((output, i) => output.includes(needle) && hits.push(`output of run ${i}`));
      return hits;
    };

    // The search finds what is there: the base URL is in the journal, answers and output.
    expect(whereFound(server.baseUrl)).toEqual(
      expect.arrayContaining(['a contract answer or event', expect.stringMatching(/^journals\//)]),
    );
    for (const secret of [token, refused]) {
      for (const form of forms(secret)) expect(whereFound(form), form).toEqual([]);
    }
  });
});
