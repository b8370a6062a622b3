/**
 * Applies a plan: checks each object against the state it was planned from, journals an intent,
 * sends one verified write, reads the object back, journals the outcome. Bounded concurrency,
 * progress counts, cancel. The same code resumes an interrupted run from its journal.
 */
import { log } from '../log';
import type { WriteResult } from '../scim';
import type { RepairClient } from './client';
import type { ItemJournal, JournalState, JournalWriter } from './journal';
import { runPool } from './pool';
import { effectPresent, verdictFor, type CurrentObject } from './state-check';
import { groupState, userState } from './plan';
import type { ItemResult, ItemStatus, Plan, PlanItem, RunProgress } from './types';

export interface ExecuteOptions {
  client: RepairClient;
  /** Writes in flight at once (default 4). */
  concurrency?: number;
  /** The admin confirmed the items that need a second confirmation. */
  confirmPrivileged?: boolean;
  /** Stops starting new writes; writes already sent finish and are verified. */
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** On resume, also try again items that failed or were refused. */
  retry?: boolean;
}

interface ExecuteContext extends ExecuteOptions {
  runId: string;
  journal: JournalWriter;
  prior: Map<string, ItemJournal>;
  progress: RunProgress;
}

/** Runs every item of `plan` not finished according to `prior`; returns per-item results. */
export async function executePlan(
  runId: string,
  plan: Plan,
  journal: JournalWriter,
  prior: JournalState['items'] | null,
  options: ExecuteOptions,
): Promise<{ results: ItemResult[]; cancelled: boolean }> {
  const progress: RunProgress = {
    runId,
    total: plan.items.length,
    finished: 0,
    verified: 0,
    alreadyDone: 0,
    refused: 0,
    failed: 0,
    cancelled: 0,
    running: 0,
  };
  const ctx: ExecuteContext = { ...options, runId, journal, prior: prior ?? new Map(), progress };
  const results = new Map<string, ItemResult>();
  const record = (result: ItemResult): void => {
    results.set(result.itemId, result);
    count(progress, result.status);
    progress.last = { itemId: result.itemId, status: result.status };
    options.onProgress?.({ ...progress });
  };

  const tasks = plan.items.map((item) => ({
    key: lockKey(item),
    run: async () => {
      progress.running++;
      options.onProgress?.({ ...progress, last: { itemId: item.id, status: 'started' } });
      try {
        record(await runItem(item, ctx));
      } finally {
        progress.running--;
      }
    },
  }));
  await runPool(tasks, options.concurrency ?? 4, () => !options.signal?.aborted);

  const cancelled = plan.items.some((item) => !results.has(item.id));
  for (const item of plan.items) {
    if (!results.has(item.id)) {
      record({
        itemId: item.id,
        status: 'cancelled',
        message: 'Not started: the run was cancelled.',
        before: null,
      });
    }
  }
  return { results: plan.items.map((item) => results.get(item.id) as ItemResult), cancelled };
}

function count(progress: RunProgress, status: ItemStatus): void {
  progress.finished++;
  const field = (
    {
      verified: 'verified',
      'already-done': 'alreadyDone',
      refused: 'refused',
      failed: 'failed',
      cancelled: 'cancelled',
    } as const
  )[status];
  progress[field]++;
}

function lockKey(item: PlanItem): string {
  const op = item.op;
  if ('groupId' in op) return `group:${op.groupId}`;
  if ('userId' in op) return `user:${op.userId}`;
  return `new-group:${op.displayName.toLowerCase()}`;
}

async function runItem(item: PlanItem, ctx: ExecuteContext): Promise<ItemResult> {
  const prior = ctx.prior.get(item.id);
  const finished = prior?.outcome;
  if (finished && !(ctx.retry && (finished.status === 'failed' || finished.status === 'refused'))) {
    return {
      itemId: item.id,
      status: finished.status,
      message: finished.message,
      before: prior.lastIntent?.before ?? null,
      createdId: finished.createdId,
    };
  }

  // A write was started before an interruption and never recorded: find out from the server.
  if (prior?.lastIntent && !finished) {
    let settled: ItemResult | null;
    try {
      settled = await settleInterrupted(item, prior, ctx);
    } catch (error) {
      const message = `Could not check whether the interrupted write went through: ${messageOf(error)}. Resume again with retry.`;
      return outcome(item, ctx, 'failed', message, prior.lastIntent.before);
    }
    if (settled) return settled;
  }
  if (item.confirmReasons.length > 0 && !ctx.confirmPrivileged) {
    const message = `Needs the second confirmation: ${item.confirmReasons.join('; ')}. Not sent.`;
    return outcome(item, ctx, 'refused', message, null);
  }

  let current: CurrentObject;
  try {
    current = await readCurrent(item, ctx);
  } catch (error) {
    return outcome(
      item,
      ctx,
      'failed',
      `Could not read the object before writing: ${messageOf(error)}. Nothing was sent.`,
      null,
    );
  }
  const verdict = verdictFor(item, current);
  if (verdict.action === 'already-done')
    return outcome(item, ctx, 'already-done', verdict.message, null);
  if (verdict.action === 'refuse') return outcome(item, ctx, 'refused', verdict.message, null);
  if (item.op.type === 'create-group') {
    const blocker = await createGroupBlocker(item, current, ctx);
    if (blocker) {
      return outcome(item, ctx, blocker.status, blocker.message, null, blocker.existingId);
    }
  }
  return write(item, current, (prior?.attempts ?? 0) + 1, ctx);
}

async function write(
  item: PlanItem,
  current: CurrentObject,
  attempt: number,
  ctx: ExecuteContext,
): Promise<ItemResult> {
  const before = rawOf(current);
  await ctx.journal.append({
    t: 'intent',
    itemId: item.id,
    at: new Date().toISOString(),
    attempt,
    before,
    beforeState: stateOf(current),
  });
  log.info({ runId: ctx.runId, item: item.id, op: item.op.type }, 'repair write');

  let result: WriteResult;
  try {
    result = await ctx.client.applyWrite(item.op);
  } catch (error) {
    return outcome(item, ctx, 'failed', `The write failed: ${messageOf(error)}`, before);
  }

  // The client read the object back; the effect is checked here again on what it read, so the
  // journal's "verified" does not rest on the client's own judgement alone.
  const createdId = result.createdId ?? undefined;
  const problem = readBackProblem(item, result);
  if (problem) return outcome(item, ctx, 'failed', problem, before, createdId);
  const created = createdId ? ` The recreated group has a new id, ${createdId}.` : '';
  const notes = result.notes.map((n) => ` ${n}`).join('');
  return outcome(
    item,
    ctx,
    'verified',
    `Done and verified by reading it back.${created}${notes}`,
    before,
    createdId,
  );
}

/** For an item whose write may or may not have reached the server before an interruption. */
async function settleInterrupted(
  item: PlanItem,
  prior: ItemJournal,
  ctx: ExecuteContext,
): Promise<ItemResult | null> {
  const before = prior.lastIntent?.before ?? null;
  if (item.op.type === 'create-group') {
    const found = await ctx.client.findGroupsByName(item.op.displayName);
    const match = found[0];
    if (!match) return null;
    return outcome(
      item,
      ctx,
      'verified',
      `Completed before the interruption; the recreated group has the new id ${match.id}.`,
      before,
      match.id,
    );
  }
  const current = await readCurrent(item, ctx);
  if (effectPresent(item, current)) {
    return outcome(
      item,
      ctx,
      'verified',
      'Completed before the interruption; confirmed by reading it back.',
      before,
    );
  }
  return null;
}

/**
 * Why a group must not be created: it exists again under its old id, or a group of that name
 * exists. A same-named group that is exactly what the create would make (same externalId, same
 * members: a second undo of the same run) counts as already done; any other is refused.
 */
async function createGroupBlocker(
  item: PlanItem,
  current: CurrentObject,
  ctx: ExecuteContext,
): Promise<{ status: 'refused' | 'already-done'; message: string; existingId?: string } | null> {
  const op = item.op;
  if (op.type !== 'create-group') return null;
  if (current.type === 'group' && current.group)
    return {
      status: 'refused',
      message: 'The group exists again under its old id; nothing was sent.',
    };
  const existing = await ctx.client.findGroupsByName(op.displayName);
  if (existing.length === 0) return null;
  const same = existing.find(
    (group) =>
      group.displayName === op.displayName &&
      (group.externalId ?? null) === (op.externalId ?? null) &&
      group.members !== null &&
      sameMemberSet(group.members, op.members),
  );
  if (same) {
    return {
      status: 'already-done',
      message: `A group named "${op.displayName}" with the same externalId and members exists already (id ${same.id}); nothing was sent.`,
      existingId: same.id,
    };
  }
  const other = existing[0];
  const why =
    other?.members === null
      ? 'its members could not be read'
      : (other?.externalId ?? null) !== (op.externalId ?? null)
        ? 'its externalId differs'
        : 'its members differ';
  return {
    status: 'refused',
    message: `A group named "${op.displayName}" exists already (id ${other?.id}) but ${why}; nothing was sent. Compare it with the journal and fix it by hand.`,
  };
}

function sameMemberSet(a: string[], b: string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
}

async function readCurrent(item: PlanItem, ctx: ExecuteContext): Promise<CurrentObject> {
  const op = item.op;
  if (op.type === 'deactivate-user' || op.type === 'reactivate-user' || op.type === 'delete-user') {
    return { type: 'user', user: await ctx.client.getUser(op.userId) };
  }
  const groupId = 'groupId' in op ? op.groupId : item.expected.id;
  return { type: 'group', group: await ctx.client.getGroup(groupId) };
}

/** Why the object the client read back does not show the write's effect; null when it does. */
function readBackProblem(item: PlanItem, result: WriteResult): string | null {
  const after = result.after;
  if (item.op.type === 'create-group') {
    const members = after && 'members' in after ? after.members : null;
    if (!result.createdId || !members)
      return 'The new group could not be read back with its members.';
    const missing = item.op.members.filter((id) => !members.includes(id));
    return missing.length > 0
      ? `The group was recreated (new id ${result.createdId}) but ${missing.length === 1 ? '1 member is' : `${missing.length} members are`} missing.`
      : null;
  }
  const current: CurrentObject =
    item.expected.type === 'user'
      ? { type: 'user', user: after && 'userName' in after ? after : null }
      : { type: 'group', group: after && 'members' in after ? after : null };
  if (effectPresent(item, current)) return null;
  return 'The server answered success, but the object read back does not show the change.';
}

async function outcome(
  item: PlanItem,
  ctx: ExecuteContext,
  status: Exclude<ItemStatus, 'cancelled'>,
  message: string,
  before: Record<string, unknown> | null,
  createdId?: string,
): Promise<ItemResult> {
  await ctx.journal.append({
    t: 'outcome',
    itemId: item.id,
    at: new Date().toISOString(),
    status,
    message,
    ...(createdId ? { createdId } : {}),
  });
  if (status === 'failed')
    log.warn({ runId: ctx.runId, item: item.id, op: item.op.type }, 'repair write failed');
  return { itemId: item.id, status, message, before, ...(createdId ? { createdId } : {}) };
}

function rawOf(current: CurrentObject): Record<string, unknown> | null {
  if (current.type === 'user') return current.user?.raw ?? null;
  return current.group?.raw ?? null;
}

function stateOf(current: CurrentObject) {
  if (current.type === 'user') return current.user ? userState(current.user) : null;
  return current.group ? groupState(current.group) : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
