/**
 * The audit report as plain text for a terminal: what was compared, the count per kind, then one
 * line per finding.
 */
import { FINDING_KINDS, type AuditReport } from '../model';

export interface AuditTextOptions {
  /** One line per export file: what was detected, read and skipped. */
  files?: string[];
  /** A sentence saying where the bound groups came from. */
  boundNote?: string;
  /** Plain sentences from the snapshot and the import (assumptions, skipped rows). */
  warnings?: string[];
  /** Cut a finding's reason to this many characters (default 110). */
  reasonWidth?: number;
}

export function formatAuditText(report: AuditReport, options: AuditTextOptions = {}): string {
  const lines: string[] = [];
  const { tenant, export: exported } = report;
  lines.push(`Tenant   ${tenant.baseUrl}  (${tenant.users} users, ${tenant.groups} groups)`);
  lines.push(`Export   ${exported.format}  (${exported.users} users, ${exported.groups} groups)`);
  for (const file of options.files ?? []) lines.push(`File     ${file}`);
  lines.push(`Bound    ${options.boundNote ?? exported.boundGroups.join(', ')}`);
  for (const warning of options.warnings ?? []) lines.push(`Note     ${warning}`);

  lines.push('', 'Summary');
  for (const kind of FINDING_KINDS) {
    lines.push(`  ${kind.padEnd(20)}${String(report.summary[kind]).padStart(6)}`);
  }
  lines.push(`  ${'total'.padEnd(20)}${String(report.findings.length).padStart(6)}`);

  if (report.findings.length === 0) {
    lines.push('', 'No findings: the tenant matches the export.');
    return lines.join('\n') + '\n';
  }
  const nameWidth = Math.min(36, Math.max(6, ...report.findings.map((f) => f.target.name.length)));
  const width = options.reasonWidth ?? 110;
  lines.push(
    '',
    `${'KIND'.padEnd(20)}${'TARGET'.padEnd(nameWidth + 2)}${'ACTION'.padEnd(17)}REASON`,
  );
  for (const finding of report.findings) {
    const reason =
      finding.reason.length > width ? `${finding.reason.slice(0, width - 1)}…` : finding.reason;
    lines.push(
      finding.kind.padEnd(20) +
        cut(finding.target.name, nameWidth).padEnd(nameWidth + 2) +
        (finding.action ?? '-').padEnd(17) +
        reason,
    );
  }
  return lines.join('\n') + '\n';
}

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
