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

  /** Runs the CLI and expects success, showing its stderr when it fails. */
  async function ok(args: string[], input = ''): Promise<CliResult> {
    const result = await cli(args, input);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
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
    await ok(['tenants', 'add', 'Leak', '--url', url, '--expires', '2099-01-01'], token);
    await ok(['tenants', 'list']);
    await ok(['tenants', 'list', '--json']);
    await ok(['tenants', 'test', 'Leak']);
    await ok(['tenants', 'test', 'Leak', '--json']);
    await ok(['audit', '--tenant', 'Leak', '--export', EXPORT]);
    await ok(['audit', '--tenant', 'Leak', '--export', EXPORT, '--json']);
    await ok(['audit', '--url', url, '--token-env', 'LEAK_TOKEN', '--export', EXPORT]);

    const plan = join(dataDir, 'plan.json');
    await ok(['plan', '--tenant', 'Leak', '--export', EXPORT, '--out', plan]);
    await ok(['apply', plan, '--tenant', 'Leak', '--yes']);
    const journals = readdirSync(join(dataDir, 'journals'), { recursive: true })
      .map(String)
      .filter((name) => /\.jsonl?$/.test(name));
    expect(journals.length).toBeGreaterThan(0);
    const journal = join(dataDir, 'journals', journals[0]!);
    for (const format of ['html', 'csv', 'json']) {
      const out = join(dataDir, `report.${format}`);
      await ok(['report', '--journal', journal, '--format', format, '--out', out]);
    }

    // A refused token: stored, tested, audited, and given through the environment.
    await ok(['tenants', 'replace-token', 'Leak'], refused);
    const test401 = await cli(['tenants', 'test', 'Leak']);
    expect(test401.code).toBe(1);
    expect(test401.stdout).toMatch(/401/);
    const audit401 = await cli(['audit', '--tenant', 'Leak', '--export', EXPORT]);
    expect(audit401.code).toBe(1);
    expect(audit401.stderr).toMatch(/expired/);
    const env401 = ['audit', '--url', url, '--token-env', 'REFUSED_TOKEN', '--export', EXPORT];
    expect((await cli(env401)).code).toBe(1);
    await ok(['tenants', 'remove', 'Leak']);
  });

  it('the contract handlers and events, as the Electron IPC layer serves them', async () => {
    // The backend reads these when it is loaded: log at debug level into the data dir.
    process.env.SCIM_COMPANION_KEYCHAIN_SERVICE = service;
    process.env.SCIM_COMPANION_LOG_LEVEL = 'debug';
    process.env.SCIM_COMPANION_LOG_FILE = join(dataDir, 'backend.log');
    const { createBackend } = await import('../../src-main/api/backend');
    const { methods } = await import('../../src-main/api/contract');
    const { dispatch } = await import('../../src-main/api/dispatch');

    // A tenant of its own: the CLI run above already repaired the first one.
    const tenantServer = await startQuirkServer({
      token,
      seed: { users: 30, groups: 6, membersPerGroup: 4 },
    });
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

    // Plan, apply, report and undo-plan the actionable findings, as the Repair page does.
    const repairThroughContract = async (
      tenantId: string,
      findings: Array<{ action: string | null }>,
    ) => {
      const actionable = findings.flatMap((finding, index) => (finding.action ? [index] : []));
      expect(actionable.length).toBeGreaterThan(0);
      // Before the run: a repair makes the audit stale, and the findings report needs one.
      for (const format of ['html', 'csv', 'json'])
        await value('findingsReport', { tenantId, format });
      const plan = await value<{ planId: string }>('makePlan', { tenantId, findings: actionable });
      const run = await value<{ runId: string }>('applyPlan', {
        planId: plan.planId,
        typedName: 'Leak UI',
      });
      await finished('repair-finished', 1);
      await value('getRun', { tenantId, runId: run.runId });
      await value('listRuns', { tenantId });
      for (const format of ['html', 'csv', 'json']) {
        await value('runReport', { tenantId, runId: run.runId, format });
      }
      await value('planUndo', { tenantId, runId: run.runId });
    };

    try {
      const tenant = await value<{ id: string }>('addTenant', {
        name: 'Leak UI',
        baseUrl: tenantServer.baseUrl,
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
      const audit = await value<{ report: { findings: Array<{ action: string | null }> } }>(
        'runAudit',
        { tenantId },
      );
      await value('getAudit', { tenantId });
      await value('getRequestLog', { tenantId });
      await value('exportRequestLog', { tenantId, format: 'csv' });
      await value('exportRequestLog', { tenantId, format: 'json' });
      await repairThroughContract(tenantId, audit.report.findings);

      // The refused token: replaced, tested, snapshotted.
      await value('replaceToken', { tenantId, token: refused });
      await value('testConnection', { tenantId });
      await call('startSnapshot', { tenantId });
      await finished('snapshot-finished', 2);
      await value('listTenants', {});
      await value('removeTenant', { tenantId });
    } finally {
      await backend.close();
      await tenantServer.close();
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

    // The search finds what is there: the tenant's base URL in a journal and the output, the
    // contract tenant's name in the answers.
    expect(whereFound(server.baseUrl)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^journals\//),
        expect.stringMatching(/^output/),
      ]),
    );
    expect(whereFound('Leak UI')).toContain('a contract answer or event');
    for (const secret of [token, refused]) {
      for (const form of forms(secret)) expect(whereFound(form), form).toEqual([]);
    }
  });
});
