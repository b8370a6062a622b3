/**
 * `plan` and `apply` with files that are missing or empty: one line an admin can act on, no raw
 * file system error, and nothing asked or journaled when there is nothing to do.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssetsDir, startDemoServer, type DemoServer } from '../../src-main/core/demo';
import { runCli } from './run-cli';

let server: DemoServer;
let dir: string;
let env: Record<string, string>;
let tenant: string[];

beforeAll(async () => {
  server = await startDemoServer();
  dir = mkdtempSync(join(tmpdir(), 'cli-repair-files-'));
  env = { DEMO_TOKEN: server.token, SCIM_COMPANION_HOME: join(dir, 'data') };
  tenant = ['--url', server.baseUrl, '--token-env', 'DEMO_TOKEN'];
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The PowerShell members export carries no user states, so it never gives inactive-user. */
const noInactiveUsers = () => [
  '--export',
  join(demoAssetsDir(), 'powershell-group-members.csv'),
  '--bound-file',
  join(demoAssetsDir(), 'bound-groups.txt'),
  '--only',
  'inactive-user',
];

describe('plan --out', () => {
  it('names the plan file and says the folder does not exist, before auditing', async () => {
    const out = join(dir, 'no-such-folder', 'p.json');
    const result = await runCli(['plan', ...tenant, ...noInactiveUsers(), '--out', out], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `scim-companion plan: Cannot write the plan to ${out}: the folder does not exist.\n`,
    );
    expect(result.stdout).toBe('');
  });

  it('refuses a folder as the plan file', async () => {
    const result = await runCli(['plan', ...tenant, ...noInactiveUsers(), '--out', dir], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `scim-companion plan: Cannot write the plan to ${dir}: it is a folder; name a file in it.\n`,
    );
  });
});

describe('apply', () => {
  it('says the plan file cannot be read, without the raw file system error', async () => {
    const missing = join(dir, 'nonexist.json');
    const result = await runCli(['apply', missing, ...tenant], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      new RegExp(`^scim-companion apply: Cannot read the plan file ${missing}: no such file`),
    );
    expect(result.stderr).not.toMatch(/ENOENT|open '/);
  });

  it('of a plan with no operations neither asks for the tenant name nor journals', async () => {
    const plan = join(dir, 'empty-plan.json');
    const made = await runCli(['plan', ...tenant, ...noInactiveUsers(), '--out', plan], env);
    expect(made.code, made.stderr).toBe(0);
    expect((JSON.parse(readFileSync(plan, 'utf8')) as { items: unknown[] }).items).toEqual([]);

    const result = await runCli(['apply', plan, ...tenant], env, 'typed by mistake\n');
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: 'The plan has no operations; nothing to apply.\n',
    });
    expect(existsSync(join(dir, 'data', 'journals'))).toBe(false);
  });
});
