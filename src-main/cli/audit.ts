/**
 * `scim-companion audit`: reads a tenant over SCIM and a JumpCloud export, and prints what
 * differs, as a table or (with --json) as the public audit report. `--demo` audits the embedded
 * demo tenant against the bundled demo export.
 * Exit codes: 0 the audit ran, 1 it could not (token refused, tenant unreachable, export
 * unreadable), 2 bad arguments.
 */
import { demoAuditInputs, startDemoServer, type DemoServer } from '../core/demo';
import type { FileReport } from '../core/jumpcloud';
import type { AuditReport } from '../core/model';
import { describeBoundSource, formatAuditText, type AuditTextOptions } from '../core/reconcile';
import {
  AUDIT_OPTIONS,
  AUDIT_OPTIONS_HELP,
  auditTenant,
  checkExportOptions,
  connect,
  connectTo,
  type Connected,
  type ExportOptionValues,
} from './audit-inputs';
import { parseCommand } from './command';
import { UsageError, reportCliError, type ResolvedTenant } from './tenant-options';

const OPTIONS = {
  ...AUDIT_OPTIONS,
  demo: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type AuditValues = NonNullable<ReturnType<typeof parseAudit>>['values'];

const USAGE = `Usage:
  scim-companion audit --tenant NAME --export FILE [--export FILE ...] [options]
  scim-companion audit --url URL --token-env VAR --export FILE [options]
  scim-companion audit --demo [--json] [--policy deactivate|delete]

Compares what the tenant holds with what the JumpCloud export says should be there.

${AUDIT_OPTIONS_HELP}
  --demo                 Start the demo tenant in-process and audit it with the bundled export
  --json                 Print only the audit report (JSON) on stdout
  -h, --help             This help

Exit codes: 0 the audit ran, 1 it could not run, 2 bad arguments.`;

function parseAudit(argv: string[]) {
  return parseCommand(argv, { options: OPTIONS }, USAGE);
}

/** Runs the audit command; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  let values: AuditValues;
  try {
    const parsed = parseAudit(argv);
    if (!parsed) return 0;
    values = parsed.values;
    checkArguments(values);
  } catch (error) {
    return reportCliError('audit', error);
  }

  let demo: DemoServer | null = null;
  let connected: Connected | null = null;
  try {
    if (values.demo) demo = await startDemoServer();
    connected = demo ? connectTo(demoTenant(demo, values.policy)) : await connect(values);
    const { report, notes } = await audit(connected, demo ? demoExport(values) : values);
    if (values.json) {
      // stdout is the report alone; which groups counted as bound, and what the audit could not
      // judge, still reach the admin (a script's user above all, when every group counted).
      const lines = [notes.boundNote, ...(notes.warnings ?? [])].filter(Boolean);
      for (const line of lines) process.stderr.write(`Note: ${line}\n`);
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    } else {
      process.stdout.write(formatAuditText(report, notes));
    }
    return 0;
  } catch (error) {
    return reportCliError('audit', error);
  } finally {
    await connected?.client.close();
    await demo?.close();
  }
}

function checkArguments(values: AuditValues): void {
  if (values.policy !== undefined && values.policy !== 'deactivate' && values.policy !== 'delete') {
    throw new UsageError(`--policy must be "deactivate" or "delete", not "${values.policy}".`);
  }
  checkExportOptions(values);
  if (values.demo) {
    const clash = ['tenant', 'url', 'token-env', 'export'].filter(
      (name) => values[name as keyof AuditValues] !== undefined,
    );
    if (clash.length > 0) {
      throw new UsageError(
        `--demo uses the demo tenant and its bundled export; drop --${clash[0]}.`,
      );
    }
    return;
  }
  if (!values.export?.length) {
    throw new UsageError('Give the JumpCloud export with --export FILE (or use --demo).');
  }
  if (values.tenant === undefined && values.url === undefined) {
    throw new UsageError(
      'Name the tenant: --tenant NAME, or --url URL --token-env VAR (or --demo).',
    );
  }
}

function demoTenant(demo: DemoServer, policy: string | undefined): ResolvedTenant {
  return {
    name: 'demo',
    tenantId: null,
    baseUrl: demo.baseUrl,
    token: demo.token,
    policy: policy === 'delete' ? 'delete' : 'deactivate',
    protectedGroups: [],
    boundGroups: null,
    caFile: null,
    expiryWarning: null,
  };
}

/** The bundled demo export and its bound groups file (unless the admin named another). */
function demoExport(values: AuditValues): ExportOptionValues {
  const inputs = demoAuditInputs();
  return {
    ...values,
    export: inputs.exportFiles,
    'bound-file': inputs.boundGroupsFile ?? values['bound-file'],
  };
}

/** The audit report, plus the notes the text table prints under it. */
async function audit(
  connected: Connected,
  values: ExportOptionValues,
): Promise<{ report: AuditReport; notes: AuditTextOptions }> {
  const outcome = await auditTenant(connected, values);
  const { report, snapshot, directory, files, bound } = outcome;
  const unknown = bound.unknownNames;
  const warnings = [
    ...snapshot.warnings,
    ...directory.warnings,
    ...outcome.warnings,
    ...(unknown.length > 0
      ? [
          `Bound groups absent from the export (a group-members export has no rows for empty groups): ${unknown.join(', ')}.`,
        ]
      : []),
  ];
  const boundNote = describeBoundSource(bound.source, bound.names.length);
  return { report, notes: { boundNote, warnings, files: files.map(describeFile) } };
}

/** `members.csv: powershell-group-members-csv, 1,204 records; skipped 2 × empty row`. */
function describeFile(file: FileReport): string {
  const skipped = file.skipped.map((s) => `${s.count} × ${s.reason}`).join(', ');
  const read = `${file.name}: ${file.format}, ${file.rows.toLocaleString('en-US')} records`;
  return skipped ? `${read}; skipped ${skipped}` : read;
}
