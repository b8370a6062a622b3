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

  it('undo brings the tenant back', async () => {
    const result = await cli(['undo', journal, ...tenantArgs(), '--yes', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('new id');
    const restored = await tenantState(tenant.client);
    expect(restored.users).toEqual(original.users);
    expect(byGroupName(restored)).toEqual(byGroupName(original));
  });
});
