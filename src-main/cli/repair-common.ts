/**
 * What the commands that run a plan (apply, undo) share: finding the plan's tenant, the preview,
 * the typed confirmation, Ctrl-C cancellation, and printing progress and per-item results.
 */
import { createInterface } from 'node:readline/promises';
import {
  checkPlanTenant,
  confirmPrompt,
  confirmsTenant,
  previewPlan,
  previewText,
  repairClientOf,
  type ItemResult,
  type Plan,
  type RepairClient,
  type RunProgress,
  type RunResult,
  TenantMismatchError,
} from '../core/actions';
import type { ScimClient } from '../core/scim';
import { defaultDataDir, TenantStore, type TenantProfile } from '../core/tenants';
import { withTenant } from './audit-inputs';
import { UsageError, type ResolvedTenant, type TenantOptionValues } from './tenant-options';

/** The options of every command that runs a plan: spread into its `parseArgs` options. */
export const RUN_OPTIONS = {
  yes: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

/** Help text lines for the options above. */
export const RUN_OPTIONS_HELP = `  --yes                  Do not ask for the tenant name (scripts)
  --quiet                Do not print the preview`;

/** The data folder the CLI shares with the app (SCIM_COMPANION_HOME in tests). */
export function dataDir(): string {
  return defaultDataDir(process.env);
}

/**
 * Without tenant options, a plan made from a stored tenant names that tenant itself: by its
 * profile id, since the name in a plan file can be edited.
 */
function tenantValuesFor(values: TenantOptionValues, plan: Plan): TenantOptionValues {
  if (values.tenant !== undefined || values.url !== undefined) return values;
  if (plan.tenant.id) {
    if (!storedProfile(plan.tenant.id)) {
      throw new Error(
        `This plan was made for the stored tenant "${plan.tenant.name}", which is no longer ` +
          `stored here. Name the tenant: --tenant NAME, or --url ${plan.tenant.baseUrl} ` +
          '--token-env VAR.',
      );
    }
    return { ...values, tenant: plan.tenant.id };
  }
  throw new UsageError(
    `Name the tenant of this plan: --url ${plan.tenant.baseUrl} --token-env VAR.`,
  );
}

/** The stored profile with this id, if any; read from tenants.json, without the keychain. */
function storedProfile(id: string): TenantProfile | undefined {
  return new TenantStore(dataDir()).list().find((profile) => profile.id === id);
}

/**
 * A plan made from a stored tenant keeps the profile's id. When the plan is applied through a
 * stored profile, the profile with that id must still have the plan's base URL: if not, the
 * plan file was edited or the tenant's URL changed since, and what the plan says it is for
 * cannot be trusted.
 */
function checkPlanProfile(plan: Plan, values: TenantOptionValues): void {
  const profile = plan.tenant.id && values.tenant !== undefined && storedProfile(plan.tenant.id);
  if (!profile) return;
  try {
    checkPlanTenant(plan, profile.baseUrl);
  } catch (error) {
    if (!(error instanceof TenantMismatchError)) throw error;
    throw new TenantMismatchError(
      `This plan names the stored tenant "${profile.name}" (base URL ${profile.baseUrl}) but ` +
        `says it was made for ${plan.tenant.baseUrl}: the plan file was edited, or the ` +
        "tenant's URL changed since. Make the plan again; nothing was sent.",
    );
  }
}

/**
 * The name the admin types to confirm: the stored profile's when one is used (a plan file's
 * name could have been edited to anything), else the name recorded in the plan.
 */
function confirmationName(plan: Plan, tenant: ResolvedTenant): string {
  return tenant.tenantId ? tenant.name : plan.tenant.name;
}

/** What a run needs from the command: the client, Ctrl-C cancellation, progress reporting. */
export interface RunContext {
  client: RepairClient;
  signal: AbortSignal;
  onProgress: (p: RunProgress) => void;
}

/** The values of the tenant options and of `RUN_OPTIONS`. */
export interface RunOptionValues extends TenantOptionValues {
  yes?: boolean;
  quiet?: boolean;
}

export interface ConfirmedRunOptions {
  /** A line printed on stderr after the preview, before the confirmation. */
  notice?: string | null;
  /** Starts (or resumes) the run. */
  start(context: RunContext): Promise<RunResult>;
}

/**
 * Connects to the plan's tenant, checks it is the one the plan was made for, prints the preview,
 * asks for the tenant name, runs with progress and Ctrl-C cancellation, and prints the results.
 * Returns the exit code: 0 only when every operation was verified.
 */
export async function runConfirmed(
  plan: Plan,
  values: RunOptionValues,
  options: ConfirmedRunOptions,
): Promise<number> {
  const tenantValues = tenantValuesFor(values, plan);
  checkPlanProfile(plan, tenantValues);
  return withTenant(tenantValues, async ({ client, tenant }) => {
    checkPlanTenant(plan, client.baseUrl);
    if (!values.quiet) printPreview(plan, client);
    if (options.notice) process.stderr.write(`${options.notice}\n`);
    const name = confirmationName(plan, tenant);
    if (!values.yes && !(await askTenantName(name, plan.items.length))) {
      process.stderr.write('The name typed is not the tenant name; nothing was sent.\n');
      return 1;
    }

    const cancel = cancelOnInterrupt();
    try {
      const result = await options.start({
        client: repairClientOf(client),
        signal: cancel.signal,
        onProgress: progressPrinter(),
      });
      return printRunResult(plan, result);
    } finally {
      cancel.dispose();
    }
  });
}

/** Prints the full preview of a plan on stdout. */
export function printPreview(plan: Plan, client: ScimClient): void {
  process.stdout.write(previewText(previewPlan(plan, repairClientOf(client))) + '\n');
}

/**
 * Asks for the tenant's name on the terminal (or reads one line of piped input). Resolves true
 * only when it matches.
 */
async function askTenantName(tenantName: string, operations: number): Promise<boolean> {
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
function progressPrinter(): (p: RunProgress) => void {
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
function printRunResult(plan: Plan, result: RunResult): number {
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
function cancelOnInterrupt(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = (): void => {
    process.stderr.write('\nCancelling: waiting for the writes in flight to finish...\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
