import { describe, expect, it } from 'vitest';
import { buildDemoOrganisation, demoDirectory, demoSnapshot } from '../../../src-main/core/demo';
import { FINDING_KINDS } from '../../../src-main/core/model';
import { buildAuditReport, reconcile } from '../../../src-main/core/reconcile';

describe('reconcile on the demo organisation', () => {
  const org = buildDemoOrganisation();
  const snap = demoSnapshot(org);
  const dir = demoDirectory(org);
  const result = reconcile(snap, dir, { boundGroups: org.jumpcloud.boundGroupNames });

  it('finds exactly what the generator planted, kind by kind and target by target', () => {
    const planted = org.plants.map((p) => `${p.kind} ${p.name}`).sort();
    const found = result.findings.map((f) => `${f.kind} ${f.target.name}`).sort();
    expect(found).toEqual(planted);
  });

  it('reports the generator counts in the audit summary, zeros included', () => {
    const report = buildAuditReport({
      snapshot: snap,
      directory: dir,
      findings: result.findings,
      boundGroups: result.bound.names,
      generatedAt: new Date('2026-12-01T10:00:00Z'),
    });
    expect(Object.keys(report.summary)).toEqual([...FINDING_KINDS]);
    expect(report.summary).toEqual(org.expected);
    expect(report.generatedAt).toBe('2026-12-01T10:00:00.000Z');
    expect(report.tenant).toEqual({
      baseUrl: 'demo:',
      users: org.tenant.users.length,
      groups: org.tenant.groups.length,
    });
    expect(report.export.boundGroups).toEqual(org.jumpcloud.boundGroupNames);
  });

  it('counts zero for kinds with no finding', () => {
    const empty = buildAuditReport({
      snapshot: snap,
      directory: dir,
      findings: [],
      boundGroups: [],
    });
    expect(Object.values(empty.summary)).toEqual(FINDING_KINDS.map(() => 0));
  });
});
