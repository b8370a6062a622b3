/**
 * The bundled demo export, in every format it ships in, audited against the real demo tenant over
 * SCIM: every format that carries what the audit uses gives exactly the findings of the Admin
 * Portal report, and the formats with binding data give the demo's bound groups by themselves.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EXPECTED_SUMMARY,
  DEMO_EXPORT_WRITERS,
  buildDemoOrganisation,
  demoAssetsDir,
  startDemoServer,
  writeBoundGroupsFile,
  type DemoServer,
} from '../../../src-main/core/demo';
import {
  DEMO_EXPORT_SETS,
  DEMO_MORE_EXPORT_WRITERS,
} from '../../../src-main/core/demo/more-export-writers';
import { importExportFiles, readBoundGroupsFile } from '../../../src-main/core/jumpcloud';
import { FINDING_KINDS, type Finding, type Snapshot } from '../../../src-main/core/model';
import { AuditInputError, reconcile } from '../../../src-main/core/reconcile';
import { createScimClient } from '../../../src-main/core/scim';

const org = buildDemoOrganisation();
const dir = demoAssetsDir();
const WRITERS = { ...DEMO_EXPORT_WRITERS, ...DEMO_MORE_EXPORT_WRITERS };
const pathOf = (writer: string) => join(dir, WRITERS[writer].write(org).fileName);

let server: DemoServer;
let snapshot: Snapshot;
let adminBound: string[];

beforeAll(async () => {
  server = await startDemoServer();
  const client = createScimClient({ baseUrl: server.baseUrl, token: server.token });
  try {
    snapshot = await client.snapshot();
  } finally {
    await client.close();
  }
  adminBound = await readBoundGroupsFile(join(dir, writeBoundGroupsFile(org).fileName));
});

afterAll(async () => {
  await server?.close();
});

/** Imports one set of shipped files and audits the demo tenant with it. */
async function audit(files: string[], bindings: boolean) {
  const { directory, files: reports } = await importExportFiles(files.map(pathOf));
  const result = reconcile(snapshot, directory, {
    boundGroups: bindings ? null : adminBound,
    policy: 'deactivate',
  });
  return { directory, reports, result };
}

function withoutGroupId(finding: Finding): Finding {
  const { jumpcloudGroupId: _omitted, ...detail } = finding.detail;
  return { ...finding, detail };
}

function summary(findings: Finding[]): Record<string, number> {
  const counts = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0]));
  for (const f of findings) counts[f.kind] += 1;
  return counts;
}

describe('the demo tenant audited from every format of the bundled export', () => {
  let reference: Finding[];
  beforeAll(async () => {
    reference = (await audit(['admin-users-to-groups-csv'], false)).result.findings;
  });

  it('the reference (Admin Portal report CSV) gives the counts the demo was built to show', () => {
    expect(summary(reference)).toEqual(DEMO_EXPECTED_SUMMARY);
  });

  for (const set of DEMO_EXPORT_SETS.filter((s) => s.complete)) {
    it(`gives the same findings from ${set.files.join(' + ')}`, async () => {
      const { directory, result } = await audit(set.files, set.bindings);

      expect(directory.users).toHaveLength(org.jumpcloud.users.length);
      // Get-JCBackup's members CSV, like Get-JCUserGroupMember, has no rows for empty groups.
      const withMembers = (groups: Array<{ members: unknown[] | null }>) =>
        groups.filter((g) => (g.members?.length ?? 0) > 0).length;
      expect(withMembers(directory.groups)).toBe(withMembers(org.jumpcloud.groups));
      if (directory.groups.every((g) => g.id === null)) {
        // Group ids are not in this export: only the detail that repeats them may differ.
        expect(result.findings.map(withoutGroupId)).toEqual(reference.map(withoutGroupId));
        expect(result.findings.filter((f) => f.detail.jumpcloudGroupId)).toEqual([]);
      } else {
        expect(result.findings).toEqual(reference);
      }
      if (set.bindings) {
        // Bound groups come from the export itself, not from the admin's list.
        expect(result.bound.source).toBe('export');
        expect([...(directory.boundGroups ?? [])].sort()).toEqual(
          [...org.jumpcloud.boundGroupNames].sort(),
        );
      }
    });
  }

  it('reads the PowerShell CSV whole, though it lacks states and emails', async () => {
    const { directory, reports } = await audit(['powershell-group-members-csv'], false);

    const memberships = org.jumpcloud.groups.reduce((sum, g) => sum + g.members.length, 0);
    expect(reports[0]).toMatchObject({ format: 'powershell-group-members-csv', rows: memberships });
    expect(directory.users.every((u) => u.state === null && u.email === null)).toBe(true);
  });

  // Exports that lack a column give fewer findings, never different ones, and say what they
  // cannot judge. What they miss is only what needs the absent column.
  const needsState = (f: Finding) =>
    f.kind === 'inactive-user' || (f.kind === 'deprovision-user' && f.detail.cause === 'suspended');
  const needsEmail = (f: Finding) =>
    f.kind === 'attribute-drift' && f.detail.attribute !== 'userName';
  const partialSets = [
    {
      files: ['powershell-group-members-csv'],
      missable: (f: Finding) => needsState(f) || needsEmail(f),
      note: /carries no user states/,
    },
    {
      files: ['powershell-group-members-csv', 'admin-users-to-sso-apps-csv'],
      // The SSO report has states and emails but not whose password expired.
      missable: (f: Finding) => f.kind === 'inactive-user',
      note: /does not say whose password has expired/,
    },
  ];
  for (const set of partialSets) {
    it(`gives a subset of the findings, and says why, from ${set.files.join(' + ')}`, async () => {
      const { directory, result } = await audit(set.files, false);
      const key = (f: Finding) => `${f.kind} ${f.target.type} ${f.target.id} ${f.action}`;
      const referenceKeys = new Set(reference.map(key));
      const gotKeys = new Set(result.findings.map(key));

      expect(result.findings.filter((f) => !referenceKeys.has(key(f)))).toEqual([]);
      const missed = reference.filter((f) => !gotKeys.has(key(f)));
      expect(missed.length).toBeGreaterThan(0);
      expect(missed.filter((f) => !set.missable(f))).toEqual([]);
      expect(directory.warnings.join(' ')).toMatch(set.note);
    });
  }

  it('reads the SSO report as the users who reach VaultOne, with no groups', async () => {
    const { directory } = await importExportFiles([pathOf('admin-users-to-sso-apps-csv')]);
    // Without groups the audit refuses rather than calling every tenant group an orphan.
    expect(() => reconcile(snapshot, directory, { boundGroups: adminBound })).toThrow(
      AuditInputError,
    );
    expect(() => reconcile(snapshot, directory, { boundGroups: adminBound })).toThrow(
      /carries no user groups/,
    );

    const bound = org.jumpcloud.groups.filter((g) =>
      org.jumpcloud.boundGroupNames.includes(g.name),
    );
    const reach = new Set(bound.flatMap((g) => g.members));
    expect(directory.users.map((u) => u.username).sort()).toEqual(
      org.jumpcloud.users
        .filter((u) => reach.has(u.id))
        .map((u) => u.username)
        .sort(),
    );
    expect(directory.groups).toEqual([]);
  });
});
