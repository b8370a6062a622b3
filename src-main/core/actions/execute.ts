/**
 * Applies a plan: checks each object against the state it was planned from, journals an intent,
 * sends one verified write, reads the object back, journals the outcome. Bounded concurrency,
 * progress counts, cancel. The same code resumes an interrupted run from its journal.
 */
import { log } from '../log';
import type { TenantGroup } from '../model';
import type { WriteOp, WriteResult } from '../scim';
import type { RepairClient } from './client';
import type { IntentRecord, ItemJournal, JournalState, JournalWriter } from './journal';
import { runPool } from './pool';
import { effectPresent, verdictFor, type CurrentObject } from './state-check';
import { groupState, userState } from './plan';
import type { ItemResult, ItemStatus, Plan, PlanItem, RunProgress } from './types';
import { savedMembers } from './undo';

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
  /** Users this plan deletes or deactivates: their leaving a group is no collateral loss. */
  leavingUsers: Set<string>;
  /** The plan's protected groups as read once in this run, on first need. */
  protectedGroups: () => Promise<ProtectedGroup[]>;
}

/** A protected group as read at apply time; `members` null when it could not be read. */
interface ProtectedGroup {
  name: string;
  members: string[] | null;
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
  // Some products remove a deactivated user from its groups too: no collateral loss either.
  const leavingUsers = new Set(
    plan.items.flatMap((item) =>
      item.op.type === 'delete-user' || item.op.type === 'deactivate-user' ? [item.op.userId] : [],
    ),
  );
  const ctx: ExecuteContext = {
    ...options,
    runId,
    journal,
    prior: prior ?? new Map(),
    progress,
    leavingUsers,
    protectedGroups: once(() => readProtectedGroups(plan.protectedGroups, options.client)),
  };
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

  // A write of this run was started and either never recorded (an interruption) or recorded as
  // failed (it may have taken effect all the same): find out from the server first. Its intent
  // holds the object as it was before, which stays the state undo and later checks go by.
  const earlier = prior?.lastIntent;
  if (prior && earlier && (!finished || finished.status === 'failed')) {
    const how: SettleHow = finished ? 'retry' : 'interruption';
    let settled: ItemResult | null;
    try {
      settled = await settleEarlier(item, prior, earlier, how, ctx);
    } catch (error) {
      const what =
        how === 'retry' ? 'the earlier attempt took effect' : 'the interrupted write went through';
      const message =
        `Could not check whether ${what}: ${messageOf(error)}. ` + 'Resume again with retry.';
      return outcome(item, ctx, 'failed', message, earlier.before);
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
  const joined = await protectedNow(item, ctx);
  if (joined) return outcome(item, ctx, 'refused', joined, null);
  if (item.op.type === 'create-group') {
    const blocker = await createGroupBlocker(item, current, ctx);
    if (blocker) {
      return outcome(item, ctx, blocker.status, blocker.message, null, blocker.existingId);
    }
  }
  return write(item, current, (prior?.attempts ?? 0) + 1, ctx);
}

/**
 * A user planned without a second confirmation who is now in a protected group (or may be:
 * its members cannot be read) was never shown to the admin as needing one: refused, with why.
 */
async function protectedNow(item: PlanItem, ctx: ExecuteContext): Promise<string | null> {
  const op = item.op;
  if (op.type !== 'deactivate-user' && op.type !== 'delete-user') return null;
  if (item.confirmReasons.length > 0) return null;
  const groups = await ctx.protectedGroups();
  const holding = groups.filter((g) => g.members === null || g.members.includes(op.userId));
  if (holding.length === 0) return null;
  const name = item.expected.type === 'user' ? item.expected.userName : op.userId;
  const why = holding
    .map((g) =>
      g.members === null
        ? `the members of the protected group "${g.name}" cannot be read`
        : `${name} is now in the protected group "${g.name}"`,
    )
    .join('; ');
  return `Needs the second confirmation, which the plan did not ask for: ${why}. Not sent. Make the plan again.`;
}

/** Reads each protected group (by name, else by id); one that cannot be read counts as unknown. */
async function readProtectedGroups(
  keys: string[],
  client: RepairClient,
): Promise<ProtectedGroup[]> {
  const groups: ProtectedGroup[] = [];
  for (const key of keys) {
    try {
      const named = await client.findGroupsByName(key);
      const byId = named.length > 0 ? [] : [await client.getGroup(key)];
      // The item asks no confirmation, so this group's members were known when planned: the
      // server sends members, and a group read without them is empty (as in the snapshot).
      for (const g of [...named, ...byId]) {
        if (g) groups.push({ name: g.displayName, members: g.members ?? [] });
      }
    } catch {
      groups.push({ name: key, members: null });
    }
  }
  return groups;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => (promise ??= make());
}

async function write(
  item: PlanItem,
  current: CurrentObject,
  attempt: number,
  ctx: ExecuteContext,
): Promise<ItemResult> {
  const before = rawOf(current);
  const beforeState = stateOf(current);
  await ctx.journal.append({
    t: 'intent',
    itemId: item.id,
    at: new Date().toISOString(),
    attempt,
    before,
    beforeState,
  });
  log.info({ runId: ctx.runId, item: item.id, op: item.op.type }, 'repair write');
  const saved = beforeState?.type === 'group' ? beforeState.members : null;

  let result: WriteResult;
  try {
    result = await ctx.client.applyWrite(item.op, { leaving: ctx.leavingUsers });
  } catch (error) {
    let message = `The write failed: ${messageOf(error)}`;
    // A removal may have taken other members with it (and the client's put-back may have
    // failed): check the group against the members saved in the intent, put back any missing.
    if (item.op.type === 'remove-member' && saved) {
      message += await checkOtherMembers(item, item.op, saved, before, ctx);
    }
    return outcome(item, ctx, 'failed', message, before);
  }

  // The client read the object back; the effect is checked here again on what it read, so the
  // journal's "verified" does not rest on the client's own judgement alone.
  const createdId = result.createdId ?? undefined;
  if (item.op.type === 'remove-member' && saved && result.after && 'members' in result.after) {
    const lost = lostMembers(saved, item.op.userId, result.after.members, ctx);
    if (lost.length > 0) {
      const found = await putBack(item, item.op, lost, before, ctx);
      return outcome(item, ctx, 'failed', found.message, before);
    }
  }
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

/** How an earlier write of this run is being settled: after an interruption, or on retry. */
type SettleHow = 'interruption' | 'retry';

/**
 * For an item whose earlier write may or may not have taken effect (an interruption before its
 * outcome, or a failure): the result when the server shows it did, null when it should be
 * written (again). The earlier intent belongs to this run, so an effect present now is this
 * run's doing, recorded as verified and undoable from the intent's saved object.
 */
async function settleEarlier(
  item: PlanItem,
  prior: ItemJournal,
  intent: IntentRecord,
  how: SettleHow,
  ctx: ExecuteContext,
): Promise<ItemResult | null> {
  const before = intent.before;
  if (item.op.type === 'create-group') {
    return settleCreateGroup(item, item.op, prior, intent, how, ctx);
  }
  const current = await readCurrent(item, ctx);
  const saved = item.op.type === 'remove-member' ? savedMembers(intent) : null;
  if (item.op.type === 'remove-member' && saved && current.type === 'group' && current.group) {
    const op = item.op;
    if (current.group.members === null) {
      // An emptied group may come back without a `members` attribute at all.
      const others = saved.filter((id) => id !== op.userId && !ctx.leavingUsers.has(id));
      if (others.length > 0) {
        const message =
          `The group now reads without a member list, so whether the earlier removal took ` +
          `effect, or took some of its ${memberWord(others.length)} with it, cannot be checked; ` +
          'nothing was sent. Undo this item to add back the members saved in the journal.';
        return outcome(item, ctx, 'failed', message, before);
      }
    }
    const lost = lostMembers(saved, op.userId, current.group.members, ctx);
    // Only a removal that took effect can have taken others with it; with the member still
    // there, whoever removed them since (JumpCloud, another admin) is not undone here.
    const removed = !current.group.members?.includes(op.userId);
    if (lost.length > 0 && removed) {
      // The members-value form empties whole groups on some strict servers: the earlier attempt
      // may have wiped the group and been stopped before putting the others back.
      await reopenItem(item, prior, intent, ctx);
      const found = await putBack(item, op, lost, before, ctx, how);
      return outcome(item, ctx, 'failed', found.message, before);
    }
  }
  if (!effectPresent(item, current)) return null;
  const toggles = item.op.type === 'deactivate-user' || item.op.type === 'reactivate-user';
  if (how === 'retry' && toggles) {
    // JumpCloud suspends and reactivates users too, perhaps since the failure: claiming it as
    // this run's would let an undo reverse JumpCloud's own change.
    const message =
      'The change is there now, but the earlier attempt failed, so it may be JumpCloud or ' +
      'another admin who made it: recorded as already done, and undo leaves it alone.';
    return outcome(item, ctx, 'already-done', message, null);
  }
  const message =
    how === 'retry'
      ? 'Confirmed on retry: the earlier attempt had taken effect after all (its intent and ' +
        'the object as it was before are in the journal); checked by reading it back.'
      : 'Completed before the interruption; confirmed by reading it back.';
  return outcome(item, ctx, 'verified', message, before);
}

/**
 * An interrupted or failed re-creation of a group: a POST that landed is found by name, but a
 * namesake is adopted only when it is what that POST made: the saved externalId, and no member
 * that was not in the saved group. Saved members its member PATCH never added are added now.
 * Any other namesake is someone else's (JumpCloud may have pushed one): nothing is sent.
 */
async function settleCreateGroup(
  item: PlanItem,
  op: Extract<WriteOp, { type: 'create-group' }>,
  prior: ItemJournal,
  intent: IntentRecord,
  how: SettleHow,
  ctx: ExecuteContext,
): Promise<ItemResult | null> {
  const found = await ctx.client.findGroupsByName(op.displayName);
  if (found.length === 0) return null;
  const saved = new Set(op.members);
  const sameExternalId = (g: TenantGroup): boolean =>
    (g.externalId ?? null) === (op.externalId ?? null);
  const ours = found.filter(
    (g) =>
      g.displayName === op.displayName &&
      sameExternalId(g) &&
      g.members !== null &&
      g.members.every((id) => saved.has(id)),
  );
  const whenFound = how === 'retry' ? 'on retry' : 'after the interruption';
  if (ours.length !== 1) {
    const ids = found.map((g) => g.id).join(', ');
    const why =
      ours.length > 1
        ? `${ours.length} of them match the saved externalId and members, so it is not ` +
          'known which one this run created'
        : found.some((g) => !sameExternalId(g))
          ? found.length === 1
            ? 'its externalId is not the saved one'
            : 'not all of them have the saved externalId'
          : found.some((g) => g.members === null)
            ? 'its members could not be read'
            : 'it has members that were not in the deleted group';
    const message =
      `Checked ${whenFound}: a group named "${op.displayName}" exists (id ${ids}) but ${why}, ` +
      'so it was not taken for the one this run recreates; nothing was sent. Compare it with ' +
      'the journal and fix it by hand.';
    return outcome(item, ctx, 'failed', message, intent.before);
  }

  const group = ours[0] as TenantGroup;
  const missing = op.members.filter((id) => !group.members?.includes(id));
  if (missing.length === 0) {
    const message =
      how === 'retry'
        ? 'Confirmed on retry: the earlier attempt had recreated the group with its members; ' +
          `it has the new id ${group.id}.`
        : 'Completed before the interruption; the recreated group has the new id ' +
          `${group.id} (externalId and members checked).`;
    return outcome(item, ctx, 'verified', message, intent.before, group.id);
  }
  // The POST landed but its member PATCH did not: finish it on the same group.
  await reopenItem(item, prior, intent, ctx);
  const count = missing.length === 1 ? '1 member' : `${missing.length} members`;
  try {
    await ctx.client.applyWrite({ type: 'add-members', groupId: group.id, userIds: missing });
    const after = await ctx.client.getGroup(group.id);
    const still = op.members.filter((id) => !after?.members?.includes(id));
    if (still.length > 0) throw new Error(`${still.length} are still missing when read back`);
  } catch (error) {
    const message =
      `Found ${whenFound}: the earlier attempt had recreated the group (new id ${group.id}) ` +
      `without ${count}; adding them failed: ${messageOf(error)}. Resume again with retry.`;
    return outcome(item, ctx, 'failed', message, intent.before, group.id);
  }
  const message =
    `Completed ${whenFound}: the earlier attempt had recreated the group (new id ${group.id}) ` +
    `without ${count}; they were added and the group read back with all its members.`;
  return outcome(item, ctx, 'verified', message, intent.before, group.id);
}

/**
 * Journals an intent again before a settling write on an item whose outcome is already
 * recorded, carrying the earlier intent's saved object, so a crash now leaves it unfinished and
 * a resume compares with the object as it was before this run changed it.
 */
async function reopenItem(
  item: PlanItem,
  prior: ItemJournal,
  intent: IntentRecord,
  ctx: ExecuteContext,
): Promise<void> {
  if (!prior.outcome) return;
  await ctx.journal.append({
    t: 'intent',
    itemId: item.id,
    at: new Date().toISOString(),
    attempt: prior.attempts + 1,
    before: intent.before,
    beforeState: intent.beforeState,
  });
}

/**
 * Members saved before a removal that the group lacks now: not the one removed, nor users this
 * plan deletes (they leave their groups).
 */
function lostMembers(
  saved: string[],
  userId: string,
  now: string[] | null,
  ctx: ExecuteContext,
): string[] {
  const present = new Set(now ?? []);
  return saved.filter((id) => id !== userId && !present.has(id) && !ctx.leavingUsers.has(id));
}

const UNDO_HINT =
  'undo this item to put back any that are missing, from the members saved in the journal.';

/** After a failed removal: the sentence for the journal about the group's other members. */
async function checkOtherMembers(
  item: PlanItem,
  op: Extract<WriteOp, { type: 'remove-member' }>,
  saved: string[],
  before: Record<string, unknown> | null,
  ctx: ExecuteContext,
): Promise<string> {
  let group: TenantGroup | null;
  try {
    group = await ctx.client.getGroup(op.groupId);
  } catch (error) {
    return (
      ` The group could not be read again to check its other members (${messageOf(error)}); ` +
      UNDO_HINT
    );
  }
  if (!group?.members) return ` The group could not be read again with its members; ${UNDO_HINT}`;
  const lost = lostMembers(saved, op.userId, group.members, ctx);
  if (lost.length === 0) {
    return saved.some((id) => id !== op.userId)
      ? ' Read again: every other member saved before the write is in the group.'
      : '';
  }
  if (group.members.includes(op.userId)) {
    // The write did not remove its own member, so it did not take the others: not ours to undo.
    return ` Read again: ${memberWord(lost.length)} saved before the write are gone, but the write did not remove its member, so they were left as they are.`;
  }
  return ` ${(await putBack(item, op, lost, before, ctx)).message}`;
}

/**
 * Puts back members a removal took with it, then reads the group again. The message names
 * them and says whether they are back; the item stays failed either way, for the admin to see.
 */
async function putBack(
  item: PlanItem,
  op: Extract<WriteOp, { type: 'remove-member' }>,
  lost: string[],
  before: Record<string, unknown> | null,
  ctx: ExecuteContext,
  how?: SettleHow,
): Promise<{ message: string; still: string[] }> {
  const groupName = item.expected.type === 'group' ? item.expected.displayName : op.groupId;
  const who = item.member?.userName ?? op.userId;
  let problem = '';
  try {
    await ctx.client.applyWrite({ type: 'add-members', groupId: op.groupId, userIds: lost });
  } catch (error) {
    problem = ` (${messageOf(error)})`;
  }
  let after: TenantGroup | null = null;
  try {
    after = await ctx.client.getGroup(op.groupId);
  } catch (error) {
    problem += ` (reading the group again failed: ${messageOf(error)})`;
  }
  const still = after?.members ? lostMembers(lost, op.userId, after.members, ctx) : lost;
  const removed = after?.members ? !after.members.includes(op.userId) : null;
  const found =
    how === 'retry' ? 'Checked on retry: ' : how ? 'Checked after the interruption: ' : '';
  const target =
    removed === null
      ? `removing ${who} from group "${groupName}" may have taken effect`
      : removed
        ? `removing ${who} from group "${groupName}" took effect`
        : `${who} is still in group "${groupName}"`;
  const dropped = `${memberWord(lost.length)} besides: ${labels(lost, before)}`;
  const lead = `${found}${capitalise(target)}, but the server had dropped ${dropped}.`;
  const notBack =
    still.length === lost.length
      ? 'They'
      : `${memberWord(still.length)} (${labels(still, before)})`;
  const rest =
    still.length === 0
      ? ' They were put back, and the group read back with all of them. Check why the server ' +
        'did this before trying again.'
      : ` ${notBack} could not be put back${problem}. Undo this item to add them back from the ` +
        'members saved in the journal, or add them by hand.';
  if (still.length > 0) {
    log.warn({ runId: ctx.runId, item: item.id, missing: still.length }, 'members not put back');
  }
  return { message: lead + rest, still };
}

function memberWord(n: number): string {
  return n === 1 ? '1 other member' : `${n} other members`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Member ids with the display names the saved group carried, for a message an admin reads. */
function labels(ids: string[], before: Record<string, unknown> | null): string {
  const names = new Map<string, string>();
  const members = Array.isArray(before?.members) ? (before.members as unknown[]) : [];
  for (const m of members) {
    if (!m || typeof m !== 'object') continue;
    const { value, display } = m as { value?: unknown; display?: unknown };
    if (typeof value === 'string' && typeof display === 'string') names.set(value, display);
  }
  const shown = ids.slice(0, 20).map((id) => (names.has(id) ? `${names.get(id)} (${id})` : id));
  return shown.join(', ') + (ids.length > 20 ? ` and ${ids.length - 20} more` : '');
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
