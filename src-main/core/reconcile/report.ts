/**
 * The public audit report (`scim-companion audit --json`): counts per kind with zeros included,
 * and every finding.
 */
import {
  FINDING_KINDS,
  type AuditReport,
  type Directory,
  type Finding,
  type FindingKind,
  type Snapshot,
} from '../model';

export interface AuditReportInput {
  snapshot: Snapshot;
  directory: Directory;
  findings: Finding[];
  /** The bound group names the audit used. */
  boundGroups: string[];
  /** Defaults to now. */
  generatedAt?: Date;
}

export function summarise(findings: Finding[]): Record<FindingKind, number> {
  const summary = Object.fromEntries(FINDING_KINDS.map((kind) => [kind, 0])) as Record<
    FindingKind,
    number
  >;
  for (const finding of findings) summary[finding.kind] += 1;
  return summary;
}

export function buildAuditReport(input: AuditReportInput): AuditReport {
  const { snapshot, directory, findings } = input;
  return {
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    tenant: {
      baseUrl: snapshot.baseUrl,
      users: snapshot.users.length,
      groups: snapshot.groups.length,
    },
    export: {
      format: directory.format,
      users: directory.users.length,
      groups: directory.groups.length,
      boundGroups: [...input.boundGroups],
    },
    summary: summarise(findings),
    findings,
  };
}
