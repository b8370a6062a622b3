/**
 * Every format the demo export ships in, read the two ways an admin reads it: the CLI's
 * `audit --url … --export …` in a child process, and the app's `importExport` and `runAudit`
 * through the contract. The expected counts come from the demo generator, which counts what it
 * planted without the reconcile engine.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src-main/api/backend';
import { methods } from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import { unwrapWireResult } from '../../src-main/api/errors';
import type { ImportSummary } from '../../src-main/api/methods/import';
import {
  DEMO_EXPECTED_SUMMARY,
  DEMO_EXPORT_WRITERS,
  buildDemoOrganisation,
  demoAssetsDir,
  startDemoServer,
  writeBoundGroupsFile,
  type DemoServer,
} from '../../src-main/core/demo';
import {
  DEMO_EXPORT_SETS,
  DEMO_MORE_EXPORT_WRITERS,
} from '../../src-main/core/demo/more-export-writers';
import { FINDING_KINDS, type AuditReport } from '../../src-main/core/model';
import { runCli } from './run-cli';

const org = buildDemoOrganisation();
const WRITERS = { ...DEMO_EXPORT_WRITERS, ...DEMO_MORE_EXPORT_WRITERS };
const pathOf = (writer: string) => join(demoAssetsDir(), WRITERS[writer].write(org).fileName);
const boundFile = join(demoAssetsDir(), writeBoundGroupsFile(org).fileName);
const boundNames = readFileSync(boundFile, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const exportedMemberships = org.jumpcloud.groups.reduce((sum, g) => sum + g.members.length, 0);

/** What the generator put in the demo export, which every complete format must read back. */
const EXPECTED_EXPORT = {
  users: org.jumpcloud.users.length,
  groupsWithMembers: org.jumpcloud.groups.filter((g) => g.members.length > 0).length,
};

const cli = runCli;

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(async () => {
  await server?.close();
});

function auditArgs(files: string[], bindings: boolean, ...more: string[]): string[] {
  const exports = files.flatMap((file) => ['--export', pathOf(file)]);
  const bound = bindings ? [] : ['--bound-file', boundFile];
  return [
    'audit',
    '--url',
    server.baseUrl,
    '--token-env',
    'DEMO_TOKEN',
    ...exports,
    ...bound,
    ...more,
  ];
}

describe('scim-companion audit reads every bundled format', () => {
  for (const set of DEMO_EXPORT_SETS.filter((s) => s.complete)) {
    it(`finds exactly what the demo planted from ${set.files.join(' + ')}`, async () => {
      const result = await cli(auditArgs(set.files, set.bindings, '--json'), {
        DEMO_TOKEN: server.token,
      });

      expect(result.code).toBe(0);
      // Notes only (the demo's hidden group members, the built-in "All Users" group).
      expect(result.stderr.split('\n').filter(Boolean)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Note: /)]),
      );
      expect(result.stderr.split('\n').filter((l) => l && !l.startsWith('Note: '))).toEqual([]);
      const report = JSON.parse(result.stdout) as AuditReport;
      expect(report.summary).toEqual(DEMO_EXPECTED_SUMMARY);
      expect(report.export.users).toBe(EXPECTED_EXPORT.users);
      expect([...report.export.boundGroups].sort()).toEqual([...boundNames].sort());
      expect(report.export.format.split('+')).toHaveLength(set.files.length);
    });
  }

  it('shows per file what it detected and skipped before the findings', async () => {
    const report = pathOf('admin-users-to-groups-csv');
    const result = await cli(auditArgs(['admin-users-to-groups-csv'], false), {
      DEMO_TOKEN: server.token,
    });

    expect(result.code).toBe(0);
    const fileLine = result.stdout.split('\n').find((line) => line.startsWith('File'));
    // The report lists each membership once, plus one placeholder row per group without users.
    const emptyGroups = org.jumpcloud.groups.filter((g) => g.members.length === 0).length;
    const usersInNoGroup = org.jumpcloud.users.filter(
      (u) => !org.jumpcloud.groups.some((g) => g.members.includes(u.id)),
    ).length;
    const rows = exportedMemberships + emptyGroups + usersInNoGroup;
    expect(fileLine).toContain(basename(report));
    expect(fileLine).toContain('admin-users-to-groups-csv');
    expect(fileLine).toContain(`${rows.toLocaleString('en-US')} records`);
    expect(fileLine).toContain(`skipped ${emptyGroups} × placeholder row: group with no users`);
  });

  it('audits the PowerShell members CSV, saying what it cannot judge', async () => {
    const result = await cli(auditArgs(['powershell-group-members-csv'], false), {
      DEMO_TOKEN: server.token,
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${exportedMemberships.toLocaleString('en-US')} records`);
    expect(result.stdout).toContain('carries no user states');
    // Fewer findings, never more: only what needs states or emails can be missed.
    const counts = Object.fromEntries(
      [...result.stdout.matchAll(/^ {2}([a-z-]+) +(\d+)$/gm)].map((m) => [m[1], Number(m[2])]),
    );
    for (const kind of FINDING_KINDS)
      expect(counts[kind]).toBeLessThanOrEqual(DEMO_EXPECTED_SUMMARY[kind]);
    expect(counts['orphan-group']).toBe(DEMO_EXPECTED_SUMMARY['orphan-group']);
  });

  it('refuses the SSO applications report alone, naming the file to add', async () => {
    const result = await cli(auditArgs(['admin-users-to-sso-apps-csv'], false), {
      DEMO_TOKEN: server.token,
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/Users to User Groups/);
  });
});

describe('the app imports every bundled format', () => {
  let dir: string;
  let backend: Backend;
  const call = (name: string, input: unknown) => dispatch(methods, backend.handlers, name, input);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'formats-app-'));
    backend = createBackend({ dataDir: dir });
    await backend.handlers.openDemoTenant({});
    const { runId } = await backend.handlers.startSnapshot({ tenantId: 'demo' });
    await new Promise<void>((resolve) => {
      const stop = backend.events.on((event) => {
        if (event.type === 'snapshot-finished' && event.runId === runId) {
          stop();
          resolve();
        }
      });
    });
  });

  afterAll(async () => {
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function importSet(files: string[]): Promise<ImportSummary> {
    const picked = files.map((file) => ({
      name: basename(pathOf(file)),
      base64: readFileSync(pathOf(file)).toString('base64'),
    }));
    return unwrapWireResult(
      await call('importExport', { tenantId: 'demo', files: picked }),
    ) as ImportSummary;
  }

  for (const set of DEMO_EXPORT_SETS.filter((s) => s.complete)) {
    it(`shows the counts and finds what the demo planted from ${set.files.join(' + ')}`, async () => {
      const summary = await importSet(set.files);

      expect(summary.users).toBe(EXPECTED_EXPORT.users);
      expect(summary.groupList.filter((g) => (g.members ?? 0) > 0)).toHaveLength(
        EXPECTED_EXPORT.groupsWithMembers,
      );
      expect(summary.files.map((f) => f.name)).toEqual(set.files.map((f) => basename(pathOf(f))));
      expect(summary.boundGroupsFromExport === null).toBe(!set.bindings);

      const audit = await backend.handlers.runAudit({
        tenantId: 'demo',
        boundGroups: set.bindings ? null : boundNames,
      });
      expect(audit.report.summary).toEqual(DEMO_EXPECTED_SUMMARY);
    });
  }

  it('reads the SSO report whole and says it cannot be audited alone', async () => {
    const summary = await importSet(['admin-users-to-sso-apps-csv']);

    expect(summary.format).toBe('admin-users-to-sso-apps-csv');
    expect(summary.users).toBeGreaterThan(0);
    expect(summary.groups).toBe(0);
    await expect(
      backend.handlers.runAudit({ tenantId: 'demo', boundGroups: null }),
    ).rejects.toThrow(/Users to User Groups/);
  });
});
