/**
 * Decides, from an object as read right now, whether a planned write is still wanted: its
 * effect may already be there, the object may have changed since planning (then the write is
 * refused), or it is as planned (then it is sent). The same check decides, on resume, whether a
 * write that was started before a crash went through.
 */
import type { TenantGroup, TenantUser } from '../model';
import type { PlanItem } from './types';

/** The object a write is about, as read now; null when the server says it does not exist. */
export type CurrentObject =
  { type: 'user'; user: TenantUser | null } | { type: 'group'; group: TenantGroup | null };

export type Verdict =
  | { action: 'write' }
  | { action: 'already-done'; message: string }
  | { action: 'refuse'; message: string };

/** True when the write's effect is visible in `current`. Also the read-back check. */
export function effectPresent(item: PlanItem, current: CurrentObject): boolean {
  const op = item.op;
  if (current.type === 'user') {
    const user = current.user;
    if (op.type === 'delete-user') return user === null;
    // Some products remove a user outright when it is deactivated: the goal is met either way.
    if (op.type === 'deactivate-user') return user === null || !user.active;
    if (op.type === 'reactivate-user') return user !== null && user.active;
    return false;
  }
  const group = current.group;
  if (op.type === 'delete-group') return group === null;
  if (group === null || group.members === null) return false;
  if (op.type === 'remove-member') return !group.members.includes(op.userId);
  if (op.type === 'add-members') return op.userIds.every((id) => group.members?.includes(id));
  return false;
}

/** What differs between the object now and as planned; empty when nothing that matters does. */
export function changesSincePlanned(item: PlanItem, current: CurrentObject): string[] {
  const expected = item.expected;
  const changes: string[] = [];
  if (expected.type === 'user' && current.type === 'user') {
    const user = current.user;
    if (!user) return ['the user no longer exists'];
    if (user.userName !== expected.userName) changes.push(`userName is now "${user.userName}"`);
    if (user.externalId !== expected.externalId) changes.push('externalId changed');
    if (user.active !== expected.active) changes.push(`active is now ${user.active}`);
    // Its second confirmation was decided without roles or entitlements: decide it again. A
    // plan without the field (older, or edited) says it only through its confirmation reasons.
    const removes = item.op.type === 'deactivate-user' || item.op.type === 'delete-user';
    const recorded =
      expected.privileged ?? item.confirmReasons.some((r) => r.includes('roles or entitlements'));
    if (removes && user.privileged && !recorded) {
      changes.push('it now carries roles or entitlements');
    }
    return changes;
  }
  if (expected.type === 'group' && current.type === 'group') {
    const group = current.group;
    if (!group) return ['the group no longer exists'];
    if (group.displayName !== expected.displayName) {
      changes.push(`displayName is now "${group.displayName}"`);
    }
    if (group.externalId !== expected.externalId) changes.push('externalId changed');
    // Deleting a group whose members changed would act on a group nobody reviewed.
    if (item.op.type === 'delete-group' && !sameMembers(group.members, expected.members)) {
      changes.push(membersChange(group.members, expected.members));
    }
    return changes;
  }
  return ['the object is of another type than planned'];
}

/**
 * The decision before a write. The effect being present wins over a change (nothing to do);
 * otherwise any change since planning refuses the write.
 */
export function verdictFor(item: PlanItem, current: CurrentObject): Verdict {
  if (item.op.type === 'create-group') return { action: 'write' };
  if (effectPresent(item, current))
    return { action: 'already-done', message: doneMessage(current) };
  const changes = changesSincePlanned(item, current);
  if (changes.length > 0) {
    return {
      action: 'refuse',
      message: `Changed on the server since the plan was made (${changes.join('; ')}); not sent. Run the audit again.`,
    };
  }
  if (
    item.op.type === 'remove-member' &&
    current.type === 'group' &&
    current.group?.members === null
  ) {
    return {
      action: 'refuse',
      message:
        'The server did not return the group members, so the removal cannot be checked; not sent.',
    };
  }
  return { action: 'write' };
}

/** Gone is not the same news as changed as planned: an undo may have recreated it elsewhere. */
function doneMessage(current: CurrentObject): string {
  const gone = current.type === 'user' ? current.user === null : current.group === null;
  if (!gone) return 'Already done on the server; nothing was sent.';
  return current.type === 'user'
    ? 'The user no longer exists on the server; nothing was sent.'
    : 'No group with this id exists any more (deleted, or recreated under a new id by an ' +
        'undo); nothing was sent.';
}

function sameMembers(a: string[] | null, b: string[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

function membersChange(now: string[] | null, planned: string[] | null): string {
  if (now === null) return 'the server no longer returns its members';
  if (planned === null) return 'its members are now listed';
  const added = now.filter((id) => !planned.includes(id)).length;
  const removed = planned.filter((id) => !now.includes(id)).length;
  return `members changed (+${added}, -${removed})`;
}
