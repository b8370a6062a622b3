/**
 * A run: one apply (or undo) of a plan against its tenant, with its own journal. Starting a run
 * creates the journal; resuming reopens it and finishes what the journal says is unfinished.
 */
import { dirname, join } from 'node:path';
import { log } from '../log';
import { executePlan, type ExecuteOptions } from './execute';
import {
  JournalError,
  JournalWriter,
  journalDir,
  newRunId,
  readJournal,
  summarizeRun,
  type JournalState,
  type RunSummary,
} from './journal';
import { parsePlan } from './plan-file';
import { lockPlan } from './run-lock';
import { allVerified, type ItemResult, type Plan } from './types';

export interface RunResult {
  runId: string;
  /** The journal file of the run. */
  journal: string;
  results: ItemResult[];
  cancelled: boolean;
  /** True only when every item was verified (or found already done). */
  ok: boolean;
  summary: RunSummary;
}

/** A plan meant for another tenant than the one it is applied to. */
export class TenantMismatchError extends Error {
  override readonly name = 'TenantMismatchError';
}

/** Refuses a plan made for another base URL: the ids in it mean nothing elsewhere. */
export function checkPlanTenant(plan: Plan, baseUrl: string): void {
  // Scheme and host are case-insensitive; the path is not (`/scim/v2/{TenantId}`).
  const norm = (url: string): string => {
    const trimmed = url.trim().replace(/\/+$/, '');
    try {
      const parsed = new URL(trimmed);
      return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
    } catch {
      return trimmed;
    }
  };
  if (norm(plan.tenant.baseUrl) !== norm(baseUrl)) {
    throw new TenantMismatchError(
      `This plan was made for ${plan.tenant.baseUrl} ("${plan.tenant.name}"), not ${baseUrl}. Apply it to the tenant it was made for.`,
    );
  }
}

/** Applies a plan as a new run, journaled under `<dataDir>/journals/<tenant>/<runId>.jsonl`. */
export async function startRun(
  dataDir: string,
  plan: Plan,
  options: ExecuteOptions & { kind?: 'apply' | 'undo'; runId?: string },
): Promise<RunResult> {
  const runId = options.runId ?? newRunId();
  const dir = journalDir(dataDir, plan.tenant);
  const kind = options.kind ?? (plan.undoOf ? 'undo' : 'apply');
  const unlock = await lockPlan(dir, lockNameOf(plan));
  try {
    const journal = await JournalWriter.create(join(dir, `${runId}.jsonl`), {
      t: 'run',
      v: 1,
      runId,
      kind,
      startedAt: new Date().toISOString(),
      plan,
    });
    log.info(
      { runId, tenant: plan.tenant.name, kind, items: plan.items.length },
      'repair run started',
    );
    return await finish(runId, plan, journal, null, options);
  } finally {
    await unlock();
  }
}

/**
 * Finishes an interrupted or cancelled run from its journal. Writes that the journal shows as
 * started but not finished are checked on the server first and sent again only if they did not
 * take effect, so no write is sent twice.
 */
export async function resumeRun(journalFile: string, options: ExecuteOptions): Promise<RunResult> {
  // A journal given on the command line is input like a plan file: its plan is checked the same.
  const plan = parsePlan((await readJournal(journalFile)).run.plan, `The plan in ${journalFile}`);
  const unlock = await lockPlan(dirname(journalFile), lockNameOf(plan));
  try {
    // Read again under the lock: what a run that just ended wrote counts.
    const state = await readJournal(journalFile);
    const journal = await JournalWriter.reopen(journalFile);
    await journal.append({ t: 'resume', at: new Date().toISOString() });
    log.info({ runId: state.run.runId, tenant: plan.tenant.name }, 'repair run resumed');
    return await finish(state.run.runId, plan, journal, state.items, options);
  } finally {
    await unlock();
  }
}

async function finish(
  runId: string,
  plan: Plan,
  journal: JournalWriter,
  prior: JournalState['items'] | null,
  options: ExecuteOptions,
): Promise<RunResult> {
  let outcome: Awaited<ReturnType<typeof executePlan>>;
  try {
    outcome = await executePlan(runId, plan, journal, prior, options);
    await journal.append({
      t: 'end',
      at: new Date().toISOString(),
      status: outcome.cancelled ? 'cancelled' : 'completed',
    });
  } finally {
    await journal.close();
  }

  const summary = summarizeRun(await readJournal(journal.file));
  log.info(
    { runId, tenant: plan.tenant.name, status: summary.status, counts: summary.counts },
    'repair run ended',
  );
  return {
    runId,
    journal: journal.file,
    results: outcome.results,
    cancelled: outcome.cancelled,
    ok: !outcome.cancelled && allVerified(outcome.results),
    summary,
  };
}

/**
 * What one run at a time is about: a plan, or for undo plans (each made with a new id) the run
 * they undo, so two undos of one run never recreate the same group twice.
 */
function lockNameOf(plan: Plan): string {
  return plan.undoOf ? `undo-of-${plan.undoOf}` : plan.id;
}

/** A journal that cannot be resumed (already complete and nothing to retry). */
export function resumable(state: JournalState): boolean {
  return [...state.items.values()].some((i) => i.outcome === null);
}

export { JournalError };
