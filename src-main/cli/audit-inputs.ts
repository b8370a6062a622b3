/**
 * What `audit`, `plan` and `report` share: the export options (`--export`, `--bound`,
 * `--bound-file`, `--application`), connecting to the tenant, and the audit itself (read the
 * export and the bound groups, snapshot the tenant, reconcile).
 */
import {
  DEFAULT_MAX_BYTES,
  ExportTooLargeError,
  ImportError,
  importExportFiles,
  readBoundGroupsFile,
  UnknownApplicationError,
  type FileReport,
} from '../core/jumpcloud';
import { formatBytes } from '../core/jumpcloud/errors';
import type { AuditReport, Directory, Finding, Snapshot } from '../core/model';
import {
  AuditInputError,
  buildAuditReport,
  checkAuditInputs,
  reconcile,
  resolveBoundGroups,
  type ReconcileOptions,
  type ReconcileResult,
} from '../core/reconcile';
import { createScimClient, type ScimClient } from '../core/scim';
import { readable } from './files';
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
  'max-file-mb': { type: 'string' },
} as const;

const EXPORT_OPTIONS_HELP = `  --export FILE          A JumpCloud export file (repeat for files that belong together)
  --bound "A,B"          Groups bound to VaultOne in JumpCloud, comma-separated (repeatable);
                         used when the export has no binding data (else ignored, with a note).
                         A name not in the export, or a value naming no group, is an error.
  --bound-file FILE      Bound group names: one per line (blank lines and # comments ignored)
                         or a JSON array of names; an empty file is an error
  --application NAME     The JumpCloud application (name or id) whose bindings count, for an
                         export with several applications' bindings (org backups)
  --max-file-mb N        Largest export file to read, in MiB (default ${DEFAULT_MAX_BYTES / 1024 / 1024})`;

/** The tenant options and the export options: spread into a `parseArgs` options object. */
export const AUDIT_OPTIONS = { ...TENANT_OPTIONS, ...EXPORT_OPTIONS } as const;

/** Help text lines for `AUDIT_OPTIONS`, for a command's `--help`. */
export const AUDIT_OPTIONS_HELP = `${TENANT_OPTIONS_HELP}\n${EXPORT_OPTIONS_HELP}`;

export interface ExportOptionValues {
  export?: string[];
  bound?: string[];
  'bound-file'?: string;
  application?: string;
  'max-file-mb'?: string;
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
  /** Per export file: the detected format, records read and rows skipped. */
  files: FileReport[];
  bound: ReconcileResult['bound'];
  /** What the audit could not conclude (members unknown), for the admin. */
  warnings: string[];
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
  checkExportOptions(values);
  const named = await boundGroupsNamed(values);
  const maxBytes = maxFileBytes(values['max-file-mb']);
  const application = values.application;
  const { directory, files } = await importExportFiles(values.export, {
    ...(application ? { application } : {}),
    maxBytes,
  }).catch((error: unknown) => {
    if (error instanceof ExportTooLargeError) throw tooLargeForCli(error);
    if (application && error instanceof UnknownApplicationError) {
      throw new UsageError(
        `--application ${JSON.stringify(application)}: the export binds no groups to an ` +
          `application of that name or id; it has ${error.found ?? 'no bindings'}.`,
      );
    }
    throw error;
  });
  if (named.length > 0 && (directory.boundGroups?.length ?? 0) > 0) {
    process.stderr.write(
      'Note: the export carries binding data; its bound groups were used and --bound/--bound-file ignored.\n',
    );
  }
  const options: ReconcileOptions = {
    boundGroups: named.length > 0 ? named : tenant.boundGroups,
    policy: tenant.policy,
  };
  // Checked before the tenant is read: a bad export or bound list fails without any network.
  asUsageError(() => {
    checkAuditInputs(directory);
    resolveBoundGroups(directory, options.boundGroups);
  });

  const snapshot = await client.snapshot();
  if (!snapshot.complete) throw new Error('The tenant could not be read completely.');

  const result = reconcile(snapshot, directory, options);
  const report = buildAuditReport({
    snapshot,
    directory,
    findings: result.findings,
    boundGroups: result.bound.names,
  });
  const { findings, bound, warnings } = result;
  return { report, findings, snapshot, directory, files, bound, warnings };
}

/**
 * Checks the export options that need no file or network: run it before connecting, so a bad
 * argument is refused at once. `auditTenant` runs it too.
 */
export function checkExportOptions(values: ExportOptionValues): void {
  for (const list of values.bound ?? []) namesIn(list);
  maxFileBytes(values['max-file-mb']);
}

/**
 * The names in one `--bound` value. One that names no group is refused: `--bound "$GROUPS"` with
 * the variable unset would otherwise leave the list empty, and every group would count as bound.
 */
function namesIn(list: string): string[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) {
    throw new UsageError(
      `--bound names no group (got ${JSON.stringify(list)}): give the bound group names, e.g. ` +
        '--bound "Engineering,Finance", or leave --bound out.',
    );
  }
  return names;
}

/** The names from `--bound` (each comma-separated, repeatable) and `--bound-file`. */
async function boundGroupsNamed(values: ExportOptionValues): Promise<string[]> {
  const names = (values.bound ?? []).flatMap(namesIn);
  const file = values['bound-file'];
  if (file) names.push(...(await boundGroupsFromFile(file)));
  return names;
}

/**
 * The names in a `--bound-file`. A file that cannot be read fails like an unreadable export (exit
 * 1); one that reads but names no group, or is not a list of names, is a bad argument (exit 2),
 * as a mistyped `--bound` is.
 */
async function boundGroupsFromFile(file: string): Promise<string[]> {
  await readable(file, 'bound groups');
  try {
    return await readBoundGroupsFile(file);
  } catch (error) {
    if (error instanceof ImportError) throw new UsageError(`--bound-file: ${error.message}`);
    throw error;
  }
}

/** Bound names the export lacks are an argument mistake (exit 2); an unusable export is not. */
function asUsageError(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (
      error instanceof AuditInputError &&
      error.problem !== 'no-users' &&
      error.problem !== 'no-groups'
    ) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

/** `--max-file-mb N` in bytes, the default when absent. */
function maxFileBytes(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_BYTES;
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) {
    throw new UsageError(`--max-file-mb must be a positive number of MiB, not "${value}".`);
  }
  return Math.round(mb * 1024 * 1024);
}

/** The size error, naming the option that raises the limit. */
function tooLargeForCli(error: ExportTooLargeError): Error {
  const needed = Math.ceil(error.bytes / (1024 * 1024));
  return new Error(
    `${error.file}: ${formatBytes(error.bytes)} is larger than the ${formatBytes(error.maxBytes)} ` +
      `limit; raise it with --max-file-mb ${needed}.`,
  );
}
