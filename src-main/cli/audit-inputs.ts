/**
 * What `audit`, `plan` and `report` share: the export options (`--export`, `--bound`,
 * `--bound-file`, `--application`), connecting to the tenant, and the audit itself (read the
 * export and the bound groups, snapshot the tenant, reconcile).
 */
import { importExportFiles, readBoundGroupsFile } from '../core/jumpcloud';
import type { AuditReport, Directory, Finding, Snapshot } from '../core/model';
import { buildAuditReport, reconcile, type ReconcileResult } from '../core/reconcile';
import { createScimClient, type ScimClient } from '../core/scim';
import {
  resolveTenant,
  TENANT_OPTIONS,
  TENANT_OPTIONS_HELP,
  UsageError,
  type ResolvedTenant,
  type TenantOptionValues,
} from './tenant-options';

const EXPORT_OPTIONS = {
  export: { type: 'string', multiple: true },
  bound: { type: 'string', multiple: true },
  'bound-file': { type: 'string' },
  application: { type: 'string' },
} as const;

const EXPORT_OPTIONS_HELP = `  --export FILE          A JumpCloud export file (repeat for files that belong together)
  --bound "A,B"          Groups bound to VaultOne in JumpCloud, comma-separated (repeatable);
                         used when the export has no binding data
  --bound-file FILE      Bound group names, one per line or a JSON array
  --application NAME     The JumpCloud application whose bindings count (org backups)`;

/** The tenant options and the export options: spread into a `parseArgs` options object. */
export const AUDIT_OPTIONS = { ...TENANT_OPTIONS, ...EXPORT_OPTIONS } as const;

/** Help text lines for `AUDIT_OPTIONS`, for a command's `--help`. */
export const AUDIT_OPTIONS_HELP = `${TENANT_OPTIONS_HELP}\n${EXPORT_OPTIONS_HELP}`;

export interface ExportOptionValues {
  export?: string[];
  bound?: string[];
  'bound-file'?: string;
  application?: string;
}

/** A tenant and an open SCIM client to it; close the client when done. */
export interface Connected {
  tenant: ResolvedTenant;
  client: ScimClient;
}

/** Opens a SCIM client to an already resolved tenant. */
export function connectTo(tenant: ResolvedTenant): Connected {
  const client = createScimClient({
    baseUrl: tenant.baseUrl,
    token: tenant.token,
    ...(tenant.caFile ? { caFile: tenant.caFile } : {}),
  });
  return { tenant, client };
}

/** Resolves the tenant options and opens a SCIM client; prints the token expiry warning if any. */
export async function connect(values: TenantOptionValues): Promise<Connected> {
  const tenant = await resolveTenant(values);
  if (tenant.expiryWarning) process.stderr.write(`${tenant.expiryWarning}\n`);
  return connectTo(tenant);
}

/** Runs `use` with a connection to the tenant, and closes the client afterwards. */
export async function withTenant<T>(
  values: TenantOptionValues,
  use: (connected: Connected) => Promise<T>,
): Promise<T> {
  const connected = await connect(values);
  try {
    return await use(connected);
  } finally {
    await connected.client.close();
  }
}

/** An audit's result: the public report, and what plans and notes are made from. */
export interface AuditOutcome {
  report: AuditReport;
  findings: Finding[];
  snapshot: Snapshot;
  directory: Directory;
  bound: ReconcileResult['bound'];
}

/**
 * Reads the export first (a bad file fails before any network), then snapshots the tenant and
 * reconciles the two. Bound groups named on the command line win over the tenant's remembered
 * ones.
 */
export async function auditTenant(
  { tenant, client }: Connected,
  values: ExportOptionValues,
): Promise<AuditOutcome> {
  if (!values.export?.length) throw new UsageError('Give the JumpCloud export with --export FILE.');
  const named = await boundGroupsNamed(values);
  const { directory } = await importExportFiles(values.export, {
    ...(values.application ? { application: values.application } : {}),
  });

  const snapshot = await client.snapshot();
  if (!snapshot.complete) throw new Error('The tenant could not be read completely.');

  const result = reconcile(snapshot, directory, {
    boundGroups: named.length > 0 ? named : tenant.boundGroups,
    policy: tenant.policy,
  });
  const report = buildAuditReport({
    snapshot,
    directory,
    findings: result.findings,
    boundGroups: result.bound.names,
  });
  return { report, findings: result.findings, snapshot, directory, bound: result.bound };
}

/** The names from `--bound` (each comma-separated, repeatable) and `--bound-file`. */
async function boundGroupsNamed(values: ExportOptionValues): Promise<string[]> {
  const names = (values.bound ?? []).flatMap((list) => list.split(','));
  if (values['bound-file']) names.push(...(await readBoundGroupsFile(values['bound-file'])));
  return names.map((name) => name.trim()).filter(Boolean);
}
