/**
 * What the repair commands (plan, apply, undo, report) share: connecting to the tenant, running
 * the audit that plans are made from, asking for the typed confirmation, and printing progress
 * and per-item results.
 */
import { createInterface } from 'node:readline/promises';
import {
  confirmPrompt,
  confirmsTenant,
  previewPlan,
  previewText,
  repairClientOf,
  type ItemResult,
  type Plan,
  type RunProgress,
  type RunResult,
} from '../core/actions';
import { importExportFiles, readBoundGroupsFile } from '../core/jumpcloud';
import { log } from '../core/log';
import type { AuditReport, Finding } from '../core/model';
import { buildAuditReport, reconcile } from '../core/reconcile';
import { createScimClient, type ScimClient } from '../core/scim';
import { defaultDataDir } from '../core/tenants';
import {
  resolveTenant,
  UsageError,
  type ResolvedTenant,
  type TenantOptionValues,
} from './tenant-options';

/** Export options shared with `audit`: files, and the bound groups when the export has none. */
export const EXPORT_OPTIONS = {
  export: { type: 'string', multiple: true },
  bound: { type: 'string', multiple: true },
  'bound-file': { type: 'string' },
  application: { type: 'string' },
} as const;

export const EXPORT_OPTIONS_HELP = `  --export FILE          A JumpCloud export file (repeat for several files)
  --bound "A,B"          Groups bound to VaultOne in JumpCloud, comma-separated (repeatable);
                         used when the export has no binding data
  --bound-file FILE      Bound group names, one per line or a JSON array
  --application NAME     The JumpCloud application whose bindings count (org backups)`;

export interface ExportOptionValues {
  export?: string[];
  bound?: string[];
  'bound-file'?: string;
  application?: string;
}

/** The commands print their own output; the core's info lines would only clutter it. */
export function quietLogs(): void {
  if (!process.env.SCIM_COMPANION_LOG_LEVEL) log.level = 'warn';
}

/** The data folder the CLI shares with the app (SCIM_COMPANION_HOME in tests). */
export function dataDir(): string {
  return defaultDataDir(process.env);
}

export interface Connected {
  tenant: ResolvedTenant;
  client: ScimClient;
}

/** Resolves tenant options and opens a SCIM client; prints the token expiry warning if any. */
export async function connect(values: TenantOptionValues): Promise<Connected> {
  const tenant = await resolveTenant(values);
  if (tenant.expiryWarning) process.stderr.write(`${tenant.expiryWarning}\n`);
  const client = createScimClient({
    baseUrl: tenant.baseUrl,
    token: tenant.token,
    ...(tenant.caFile ? { caFile: tenant.caFile } : {}),
  });
  return { tenant, client };
}

/** Reads the tenant and the export and reconciles them, as `audit` does. */
export async function auditTenant(
  { tenant, client }: Connected,
  values: ExportOptionValues,
): Promise<{
  report: AuditReport;
  findings: Finding[];
  snapshot: Awaited<ReturnType<ScimClient['snapshot']>>;
}> {
  if (!values.export?.length) throw new UsageError('Give the JumpCloud export with --export FILE.');
  const boundGroups = await boundGroupsOf(values, tenant);
  const { directory } = await importExportFiles(values.export, {
    ...(values.application ? { application: values.application } : {}),
  });
  const snapshot = await client.snapshot();
  if (!snapshot.complete)
    throw new Error('The tenant could not be read completely; nothing was planned.');
  const result = reconcile(snapshot, directory, { boundGroups, policy: tenant.policy });
  const report = buildAuditReport({
    snapshot,
    directory,
    findings: result.findings,
    boundGroups: result.bound.names,
  });
  return { report, findings: result.findings, snapshot };
}

async function boundGroupsOf(
  values: ExportOptionValues,
  tenant: ResolvedTenant,
): Promise<string[] | null> {
  // Same reading as `audit`: each --bound may list several names, comma-separated.
  const names = (values.bound ?? []).flatMap((list) => list.split(','));
  if (values['bound-file']) names.push(...(await readBoundGroupsFile(values['bound-file'])));
  const picked = names.map((n) => n.trim()).filter(Boolean);
  return picked.length > 0 ? picked : tenant.boundGroups;
}

/** Prints the full preview of a plan on stdout. */
export function printPreview(plan: Plan, client: ScimClient): void {
  process.stdout.write(previewText(previewPlan(plan, repairClientOf(client))) + '\n');
}

/**
 * Asks for the tenant's name on the terminal (or reads one line of piped input). Resolves true
 * only when it matches.
 */
export async function askTenantName(tenantName: string, operations: number): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  try {
    process.stderr.write(confirmPrompt(tenantName, operations));
    const line = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return confirmsTenant(line, tenantName);
  } finally {
    rl.close();
  }
}

/** One progress line on stderr, rewritten in place on a terminal. */
export function progressPrinter(): (p: RunProgress) => void {
  const tty = process.stderr.isTTY;
  return (p) => {
    const line = `${p.finished}/${p.total} done: ${p.verified} verified, ${p.alreadyDone} already done, ${p.refused} refused, ${p.failed} failed`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (p.last && p.last.status !== 'started') process.stderr.write(`${line}\n`);
  };
}

const MARK: Record<ItemResult['status'], string> = {
  verified: 'ok     ',
  'already-done': 'already',
  refused: 'REFUSED',
  failed: 'FAILED ',
  cancelled: 'skipped',
};

/** Prints each item's outcome and the journal's path; exit code 0 only if all were verified. */
export function printRunResult(plan: Plan, result: RunResult): number {
  if (process.stderr.isTTY) process.stderr.write('\n');
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  for (const item of result.results) {
    const summary = byId.get(item.itemId)?.summary ?? item.itemId;
    process.stdout.write(`${MARK[item.status]}  ${item.itemId}  ${summary}: ${item.message}\n`);
  }
  const c = result.summary.counts;
  process.stdout.write(
    `\nRun ${result.runId}: ${c.verified} verified, ${c['already-done']} already done, ${c.refused} refused, ${c.failed} failed, ${c.cancelled} cancelled.\nJournal: ${result.journal}\n`,
  );
  return result.ok ? 0 : 1;
}

/** Cancels the run on Ctrl-C: writes in flight finish and are verified, nothing new starts. */
export function cancelOnInterrupt(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = (): void => {
    process.stderr.write('\nCancelling: waiting for the writes in flight to finish...\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
