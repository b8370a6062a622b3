/**
 * `scim-companion report`: the findings of an audit, or the results of a run, as CSV, JSON or a
 * self-contained HTML page for an access review.
 */
import { promises as fs } from 'node:fs';
import { extname } from 'node:path';
import {
  REPORT_FORMATS,
  readJournal,
  renderFindings,
  renderRun,
  type ReportFormat,
} from '../core/actions';
import type { AuditReport } from '../core/model';
import {
  AUDIT_OPTIONS,
  AUDIT_OPTIONS_HELP,
  auditTenant,
  checkExportOptions,
  withTenant,
} from './audit-inputs';
import { runCommand } from './command';
import { fsReason, readable } from './files';
import { UsageError } from './tenant-options';

const HELP = `Usage: scim-companion report --journal JOURNAL [--format F] [--out FILE]
       scim-companion report --audit AUDIT.json [--format F] [--out FILE]
       scim-companion report [tenant options] [export options] [--format F] [--out FILE]

Writes a report for an access review: a run's results (from its journal), or the findings of
an audit (from "audit --json" output, or by auditing the tenant now).

  --format F             csv | json | html (default: from --out's extension, else csv)
  --out FILE             Write to FILE instead of stdout
${AUDIT_OPTIONS_HELP}`;

const OPTIONS = {
  ...AUDIT_OPTIONS,
  journal: { type: 'string' },
  audit: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
} as const;

export function run(argv: string[]): Promise<number> {
  return runCommand('report', argv, { options: OPTIONS }, HELP, async ({ values }) => {
    if (values.journal && values.audit) {
      throw new UsageError('Give either --journal or --audit, not both.');
    }
    const format = formatOf(values.format, values.out);

    let text: string;
    if (values.journal) {
      text = renderRun(await readJournal(await readable(values.journal, 'journal')), format);
    } else if (values.audit) {
      text = renderFindings(await readAuditFile(await readable(values.audit, 'audit')), format);
    } else {
      checkExportOptions(values);
      const { report } = await withTenant(values, (connected) => auditTenant(connected, values));
      text = renderFindings(report, format);
    }

    if (values.out) {
      await fs.writeFile(values.out, text, { encoding: 'utf8', mode: 0o600 }).catch((error) => {
        throw new Error(`Cannot write the report to ${values.out}: ${fsReason(error)}.`, {
          cause: error,
        });
      });
      process.stderr.write(`Report written to ${values.out}\n`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  });
}

function formatOf(format: string | undefined, out: string | undefined): ReportFormat {
  const fromName = out ? extname(out).slice(1).toLowerCase() : 'csv';
  const wanted = format ?? (fromName === 'htm' ? 'html' : fromName);
  if (!REPORT_FORMATS.includes(wanted as ReportFormat)) {
    if (format) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}.`);
    throw new UsageError(
      `--out ${out}: cannot tell the format from ".${fromName}"; name the file .csv, .json or ` +
        `.html, or give --format ${REPORT_FORMATS.join('|')}.`,
    );
  }
  return wanted as ReportFormat;
}

async function readAuditFile(file: string): Promise<AuditReport> {
  const value: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
  const report = value as Partial<AuditReport>;
  if (!report || !Array.isArray(report.findings) || !report.tenant || !report.export) {
    throw new Error(
      `${file} is not an audit report (make one with "scim-companion audit --json").`,
    );
  }
  return report as AuditReport;
}
