/**
 * Undo: turns the verified writes of a run into their inverse, as a plan of its own that is
 * previewed, confirmed, applied and journaled like any other. Deactivated users are reactivated,
 * removed members are put back, deleted groups are recreated with their members (under a new id:
 * SCIM servers assign ids). A deleted user cannot be recreated and is listed as such.
 */
import { randomUUID } from 'node:crypto';
import type { IntentRecord, ItemJournal, JournalState } from './journal';
import { memberCount } from './plan';
import {
  PLAN_VERSION,
  type Plan,
  type PlanItem,
  type PlannedGroupState,
  type PlannedUserState,
} from './types';

export interface UndoSelection {
  /** Only these items of the run; all verified items when absent. */
  itemIds?: string[];
  now?: Date;
}

/** Not undoable items of the run, each with the reason, for the preview. */
export interface UndoPlan {
  plan: Plan;
  notUndoable: { itemId: string; summary: string; reason: string }[];
}

export function buildUndoPlan(state: JournalState, selection: UndoSelection = {}): UndoPlan {
  const wanted = selection.itemIds ? new Set(selection.itemIds) : null;
  const items: PlanItem[] = [];
  const notUndoable: UndoPlan['notUndoable'] = [];
  // Users the run deleted cannot be put back into groups: a PATCH naming them would fail whole.
  const deleted = new Set(
    state.run.plan.items.flatMap((item) => {
      const status = state.items.get(item.id)?.outcome?.status;
      const gone = status === 'verified' || status === 'already-done';
      return item.op.type === 'delete-user' && gone ? [item.op.userId] : [];
    }),
  );

  for (const original of state.run.plan.items) {
    if (wanted && !wanted.has(original.id)) continue;
    const journal = state.items.get(original.id);
    const refuse = (reason: string): void => {
      notUndoable.push({ itemId: original.id, summary: original.summary, reason });
    };
    // Only writes this app made and verified are undone: "already done" ones were someone else's.
    // A failed member removal is the exception: it may have taken other members with it, and
    // its intent holds the members the group had, so undo can put them all back.
    const failedRemoval = failedRemovalUndo(original, journal, deleted);
    if (failedRemoval) {
      if ('notUndoable' in failedRemoval) refuse(failedRemoval.notUndoable);
      else items.push({ ...failedRemoval, id: original.id });
      continue;
    }
    if (journal?.outcome?.status === 'failed') {
      refuse(
        'the write failed and was not confirmed; resume the run with retry, which checks the ' +
          'server and makes the item undoable if the write took effect',
      );
      continue;
    }
    if (journal?.outcome?.status !== 'verified') {
      refuse('this app did not make that change, so there is nothing to undo');
      continue;
    }
    const inverse = inverseOf(
      original,
      journal.lastIntent?.beforeState ?? null,
      journal.outcome.createdId,
    );
    if ('notUndoable' in inverse) refuse(inverse.notUndoable);
    else items.push({ ...inverse, id: original.id });
  }

  const plan: Plan = {
    version: PLAN_VERSION,
    id: randomUUID(),
    createdAt: (selection.now ?? new Date()).toISOString(),
    tenant: state.run.plan.tenant,
    policy: state.run.plan.policy,
    protectedGroups: state.run.plan.protectedGroups,
    items: items.reverse(),
    skipped: [],
    undoOf: state.run.runId,
  };
  return { plan, notUndoable };
}

type Inverse = Omit<PlanItem, 'id'> | { notUndoable: string };

/** The members a group had right before this run's write, as its intent saved them. */
export function savedMembers(intent: IntentRecord | null | undefined): string[] | null {
  const state = intent?.beforeState;
  if (state?.type === 'group' && state.members) return state.members;
  const raw = intent?.before?.members;
  if (!Array.isArray(raw)) return null;
  return raw
    .map((m: unknown) => (m && typeof m === 'object' ? (m as { value?: unknown }).value : m))
    .filter((id): id is string => typeof id === 'string' && id !== '');
}

/**
 * The undo of a member removal that failed after its write was sent: add back every member the
 * group had before it (the one to remove too, in case it went), from the intent's saved state.
 * Members still there are not sent again. Null when the item is not such a removal.
 */
function failedRemovalUndo(
  item: PlanItem,
  journal: ItemJournal | undefined,
  deleted: Set<string>,
): Inverse | null {
  const op = item.op;
  if (op.type !== 'remove-member' || journal?.outcome?.status !== 'failed') return null;
  if (!journal.lastIntent) return null;
  const members = savedMembers(journal.lastIntent)?.filter((id) => !deleted.has(id)) ?? null;
  const state = journal.lastIntent.beforeState;
  const group = state?.type === 'group' ? state : item.expected;
  if (!members || group.type !== 'group') {
    return { notUndoable: 'the journal holds no member list of the group before the removal' };
  }
  if (members.length === 0) {
    return { notUndoable: 'every member the group had is a user this run deleted' };
  }
  const name = item.member?.userName ?? op.userId;
  return {
    kind: 'undo',
    reason: `Undo of the failed: ${item.summary}`,
    summary:
      `Put back the ${memberCount(members.length)} group "${group.displayName}" had ` +
      `before removing ${name} failed`,
    op: { type: 'add-members', groupId: op.groupId, userIds: [...members].sort() },
    expected: { ...group, members: null },
    confirmReasons: [],
    undoable: true,
  };
}

function inverseOf(
  item: PlanItem,
  before: PlannedUserState | PlannedGroupState | null,
  createdId: string | undefined,
): Inverse {
  const op = item.op;
  const base = {
    kind: 'undo' as const,
    reason: `Undo of: ${item.summary}`,
    confirmReasons: [],
    undoable: true,
  };
  switch (op.type) {
    case 'deactivate-user':
    case 'reactivate-user': {
      const user =
        before?.type === 'user' ? before : item.expected.type === 'user' ? item.expected : null;
      if (!user) return { notUndoable: 'the journal holds no state of the user before the change' };
      const back = op.type === 'deactivate-user' ? 'reactivate-user' : 'deactivate-user';
      return {
        ...base,
        summary: `${back === 'reactivate-user' ? 'Reactivate' : 'Deactivate'} user ${user.userName}`,
        op: { type: back, userId: op.userId },
        // The state the run left: inactive after a deactivation, active after a reactivation.
        expected: { ...user, active: op.type === 'reactivate-user' },
      };
    }
    case 'remove-member': {
      const group = before?.type === 'group' ? before : item.expected;
      if (group.type !== 'group') return { notUndoable: 'the journal holds no state of the group' };
      const name = item.member?.userName ?? op.userId;
      return {
        ...base,
        summary: `Add ${name} back to group "${group.displayName}"`,
        op: { type: 'add-members', groupId: op.groupId, userIds: [op.userId] },
        expected: { ...group, members: null },
      };
    }
    case 'delete-group': {
      const group = before?.type === 'group' ? before : item.expected;
      if (group.type !== 'group' || group.members === null) {
        return {
          notUndoable:
            "the group's members were not known when it was deleted, so it cannot be rebuilt",
        };
      }
      return {
        ...base,
        summary: `Recreate group "${group.displayName}" with ${memberCount(group.members.length)} (it gets a new id)`,
        op: {
          type: 'create-group',
          displayName: group.displayName,
          externalId: group.externalId,
          members: group.members,
        },
        expected: group,
      };
    }
    case 'delete-user':
      return {
        notUndoable:
          'a deleted user cannot be restored; JumpCloud provisions it again if it is back in a bound group',
      };
    case 'add-members':
      if (op.userIds.length !== 1)
        return { notUndoable: 'only single-member additions can be undone' };
      return {
        ...base,
        summary: `Remove ${op.userIds.length === 1 ? 'the member' : 'the members'} added back`,
        op: { type: 'remove-member', groupId: op.groupId, userId: op.userIds[0] as string },
        expected: item.expected,
      };
    case 'create-group':
      if (!createdId) return { notUndoable: 'the id of the recreated group was not recorded' };
      return {
        ...base,
        summary: `Delete the recreated group "${op.displayName}"`,
        op: { type: 'delete-group', groupId: createdId },
        expected: {
          type: 'group',
          id: createdId,
          displayName: op.displayName,
          externalId: op.externalId,
          members: [...op.members].sort(),
        },
      };
  }
}
