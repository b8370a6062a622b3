/**
 * The repair commands as an admin runs them: `plan`, `apply` (typed confirmation on stdin),
 * `report` and `undo`, through the real `scim-companion` bin against the demo tenant.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src-main/core/actions';
import { demoAuditInputs } from '../../src-main/core/demo';
import {
  byGroupName,
  demoTenant,
  tempDir,
  tenantState,
  writesOf,
  type DemoTenant,
  type TenantState,
} from './helpers';

const BIN = join(import.meta.dirname, '../../bin/scim-companion.js');

let tenant: DemoTenant;
let dataDir: string;
let original: TenantState;

beforeAll(async () => {
  tenant = await demoTenant();
  dataDir = tempDir('repair-cli-');
  original = await tenantState(tenant.client);
});
afterAll(async () => {
  await tenant.close();
});

function cli(
  args: string[],
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      DEMO_TOKEN: tenant.server.token,
      SCIM_COMPANION_HOME: dataDir,
      SCIM_COMPANION_LOG_LEVEL: 'warn',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const tenantArgs = () => ['--url', tenant.server.baseUrl, '--token-env', 'DEMO_TOKEN'];

describe('scim-companion plan, apply, report, undo', () => {
  let planFile: string;
  let journal: string;

  it('plan writes a plan file and prints every request with curl, never the token', async () => {
    const { exportFiles, boundGroupsFile } = demoAuditInputs();
    planFile = join(dataDir, 'plan.json');
    const exportArgs = exportFiles.flatMap((f) => ['--export', f]);
    const result = await cli([
      'plan',
      ...tenantArgs(),
      ...exportArgs,
      '--bound-file',
      boundGroupsFile,
      '--only',
      'orphan-group,membership-extra',
      '--out',
      planFile,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const plan = await loadPlan(planFile);
    expect(plan.items.length).toBeGreaterThan(0);
    expect(new Set(plan.items.map((i) => i.kind))).toEqual(
      new Set(['orphan-group', 'membership-extra']),
    );
    for (const item of plan.items) {
      if (item.op.type === 'delete-group')
        expect(result.stdout).toContain(`DELETE /Groups/${item.op.groupId}`);
    }
    expect(result.stdout).toContain('Bearer $SCIM_TOKEN');
    expect(result.stdout + result.stderr + readFileSync(planFile, 'utf8')).not.toContain(
      tenant.server.token,
    );

    const refused = await cli([
      'plan',
      ...tenantArgs(),
      ...exportArgs,
      '--only',
      'unmanaged-user',
      '--out',
      planFile,
    ]);
    expect(refused.code).toBe(2);
  });

  it('apply sends nothing when the typed name is wrong', async () => {
    const before = tenant.server.requests.length;
    const result = await cli(['apply', planFile, ...tenantArgs(), '--quiet'], 'acme-prod\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing was sent');
    expect(writesOf(tenant.server.requests.slice(before))).toEqual([]);
  });

  it('apply runs after the tenant name is typed and exits 0 when every write is verified', async () => {
    const plan = await loadPlan(planFile);
    const result = await cli(
      ['apply', planFile, ...tenantArgs(), '--quiet'],
      `${plan.tenant.name}\n`,
    );
    expect(result.code, result.stderr).toBe(0);
    journal = /Journal: (.+\.jsonl)/.exec(result.stdout)?.[1] ?? '';
    expect(existsSync(journal)).toBe(true);
    expect(journal.startsWith(join(dataDir, 'journals'))).toBe(true);
    for (const item of plan.items) {
      if (item.op.type === 'delete-group')
        expect(await tenant.client.getGroup(item.op.groupId)).toBeNull();
    }
  });

  it('report writes the run as an HTML page', async () => {
    const out = join(dataDir, 'run.html');
    const result = await cli(['report', '--journal', journal, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('verified');
  });

  it('report refuses bad files and mixed sources with one readable line', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [
        ['--journal', journal, '--out', '/nonexistent/dir/x.csv'],
        1,
        /Cannot write the report to \/nonexistent\/dir\/x\.csv: no such file or folder\./,
      ],
      [
        ['--journal', '/nonexistent.jsonl'],
        1,
        /Cannot read the journal file \/nonexistent\.jsonl: no such file or folder\./,
      ],
      [
        ['--journal', journal, '--out', join(dataDir, 'x.xlsx')],
        2,
        /cannot tell the format from "\.xlsx"/,
      ],
      [['--journal', journal, '--audit', journal], 2, /either --journal or --audit, not both/],
    ];
    for (const [args, code, message] of cases) {
      const result = await cli(['report', ...args]);
      expect({ args, code: result.code }).toEqual({ args, code });
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/ENOENT|\n\s+at /);
    }
    expect(existsSync(join(dataDir, 'x.xlsx'))).toBe(false);
  });

  it('plan refuses a protected group the tenant does not have, and writes no plan', async () => {
    const { exportFiles, boundGroupsFile } = demoAuditInputs();
    const out = join(dataDir, 'protected-typo.json');
    const result = await cli([
      'plan',
      ...tenantArgs(),
      ...exportFiles.flatMap((f) => ['--export', f]),
      '--bound-file',
      boundGroupsFile,
      '--protected',
      'NoSuchGroup',
      '--out',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--protected: no tenant group is named NoSuchGroup\./);
    expect(existsSync(out)).toBe(false);
  });

  it('undo refuses item ids that are not in the run, before any write', async () => {
    const before = tenant.server.requests.length;
    for (const items of ['op-001,op-999', 'op-999']) {
      const result = await cli(['undo', journal, ...tenantArgs(), '--items', items, '--yes']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--items: not an item of this run: op-999 /);
    }
    expect(tenant.server.requests.length).toBe(before);
  });

  it('undo brings the tenant back', async () => {
    const result = await cli(['undo', journal, ...tenantArgs(), '--yes', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('new id');
    const restored = await tenantState(tenant.client);
    expect(restored.users).toEqual(original.users);
    expect(byGroupName(restored)).toEqual(byGroupName(original));
  });

  it('a second undo of the same run finds the groups recreated and sends nothing', async () => {
    const writesBefore = writesOf(tenant.server.requests).length;
    const result = await cli(['undo', journal, ...tenantArgs(), '--yes', '--quiet']);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toMatch(/: 0 verified, \d+ already done, 0 refused, 0 failed/);
    expect(result.stdout).toMatch(/same externalId and members exists already/);
    expect(writesOf(tenant.server.requests).length).toBe(writesBefore);
    expect(byGroupName(await tenantState(tenant.client))).toEqual(byGroupName(original));
  });
});
