/**
 * `scim-companion audit`: reads a tenant over SCIM and a JumpCloud export, and prints what
 * differs, as a table or (with --json) as the public audit report. `--demo` audits the embedded
 * demo tenant against the bundled demo export.
 * Exit codes: 0 the audit ran, 1 it could not (token refused, tenant unreachable, export
 * unreadable), 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { demoAuditInputs, startDemoServer, type DemoServer } from '../core/demo';
import { importExportFiles, readBoundGroupsFile } from '../core/jumpcloud';
import { log } from '../core/log';
import type { AuditReport } from '../core/model';
import {
  buildAuditReport,
  describeBoundSource,
  formatAuditText,
  reconcile,
} from '../core/reconcile';
import { createScimClient } from '../core/scim';
import {
  TENANT_OPTIONS,
  TENANT_OPTIONS_HELP,
  UsageError,
  reportCliError,
  resolveTenant,
  type ResolvedTenant,
} from './tenant-options';

const OPTIONS = {
  ...TENANT_OPTIONS,
  demo: { type: 'boolean' },
  export: { type: 'string', multiple: true },
  bound: { type: 'string', multiple: true },
  'bound-file': { type: 'string' },
  application: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type AuditValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

const USAGE = `Usage:
  scim-companion audit --tenant NAME --export FILE [--export FILE ...] [options]
  scim-companion audit --url URL --token-env VAR --export FILE [options]
  scim-companion audit --demo [--json] [--policy deactivate|delete]

Compares what the tenant holds with what the JumpCloud export says should be there.

${TENANT_OPTIONS_HELP}
  --export FILE          A JumpCloud export file (repeat for files that belong together)
  --bound "A,B"          Groups bound to VaultOne in JumpCloud, comma-separated (repeatable);
                         used when the export has no binding data
  --bound-file FILE      Bound group names, one per line or a JSON array
  --application NAME     The JumpCloud application whose bindings count (org backups)
  --demo                 Start the demo tenant in-process and audit it with the bundled export
  --json                 Print only the audit report (JSON) on stdout
  -h, --help             This help

Exit codes: 0 the audit ran, 1 it could not run, 2 bad arguments.`;

/** Runs the audit command; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  let values: AuditValues;
  try {
    values = parseArgs({
      args: argv,
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }).values;
    checkArguments(values);
  } catch (error) {
    return reportCliError('audit', error);
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  // The CLI prints its own output; the importer's and client's info lines would only clutter it.
  if (!process.env.SCIM_COMPANION_LOG_LEVEL) log.level = 'warn';

  let demo: DemoServer | null = null;
  try {
    if (values.demo) demo = await startDemoServer();
    const tenant = demo ? demoTenant(demo, values.policy) : await resolveTenant(values);
    if (tenant.expiryWarning) process.stderr.write(`${tenant.expiryWarning}\n`);
    const { report, notes } = await audit(tenant, values);
    process.stdout.write(
      values.json ? JSON.stringify(report, null, 2) + '\n' : formatAuditText(report, notes),
    );
    return 0;
  } catch (error) {
    return reportCliError('audit', error);
  } finally {
    await demo?.close();
  }
}

function checkArguments(values: AuditValues): void {
  if (values.help) return;
  if (values.policy !== undefined && values.policy !== 'deactivate' && values.policy !== 'delete') {
    throw new UsageError(`--policy must be "deactivate" or "delete", not "${values.policy}".`);
  }
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

/** Reads the export first (a bad file fails fast, before any network), then the tenant. */
async function audit(
  tenant: ResolvedTenant,
  values: AuditValues,
): Promise<{ report: AuditReport; notes: { boundNote: string; warnings: string[] } }> {
  const inputs = values.demo ? demoAuditInputs() : null;
  const exportFiles = inputs?.exportFiles ?? values.export ?? [];
  const boundFile = inputs?.boundGroupsFile ?? values['bound-file'];
  const boundNames = (values.bound ?? []).flatMap((list) => list.split(','));
  if (boundFile) boundNames.push(...(await readBoundGroupsFile(boundFile)));

  const { directory } = await importExportFiles(exportFiles, {
    ...(values.application ? { application: values.application } : {}),
  });
  const client = createScimClient({
    baseUrl: tenant.baseUrl,
    token: tenant.token,
    ...(tenant.caFile ? { caFile: tenant.caFile } : {}),
  });
  try {
    const snapshot = await client.snapshot();
    if (!snapshot.complete) throw new Error('The tenant could not be read completely.');
    const admin = boundNames.map((name) => name.trim()).filter(Boolean);
    const result = reconcile(snapshot, directory, {
      boundGroups: admin.length > 0 ? admin : tenant.boundGroups,
      policy: tenant.policy,
    });
    const report = buildAuditReport({
      snapshot,
      directory,
      findings: result.findings,
      boundGroups: result.bound.names,
    });
    const unknown = result.bound.unknownNames;
    const warnings = [
      ...snapshot.warnings,
      ...directory.warnings,
      ...(unknown.length > 0
        ? [`Bound groups absent from the export: ${unknown.join(', ')}.`]
        : []),
    ];
    const boundNote = describeBoundSource(result.bound.source, result.bound.names.length);
    return { report, notes: { boundNote, warnings } };
  } finally {
    await client.close();
  }
}
