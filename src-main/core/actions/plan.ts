/**
 * Turns the findings an admin selected into a plan: the writes that fix them, in a safe order,
 * each with the state its object was in when planned and whether it needs a second confirmation.
 */
import { randomUUID } from 'node:crypto';
import type { Finding, FindingKind, Snapshot, TenantGroup, TenantUser } from '../model';
import { editDistance } from '../reconcile/bound';
import {
  PLAN_VERSION,
  type DeprovisionPolicy,
  type Plan,
  type PlanItem,
  type PlanTenant,
  type PlannedGroupState,
  type PlannedUserState,
  type WriteOp,
} from './types';

/** The finding kinds a plan can act on; every other kind is reported only. */
export const ACTIONABLE_KINDS: readonly FindingKind[] = [
  'deprovision-user',
  'orphan-group',
  'membership-extra',
  'inactive-user',
];

/** What `plan` selects when the admin names no kinds: reactivation is opt-in. */
export const DEFAULT_PLAN_KINDS: readonly FindingKind[] = [
  'deprovision-user',
  'orphan-group',
  'membership-extra',
];

export interface PlanOptions {
  tenant: PlanTenant;
  /** The snapshot the findings were computed from. */
  snapshot: Snapshot;
  /** The selected findings. Kinds without an action are skipped with a reason. */
  findings: Finding[];
  policy: DeprovisionPolicy;
  /** Group names or ids the admin marked as protected (case-insensitive names). */
  protectedGroups?: string[];
  now?: Date;
}

type Draft = Omit<PlanItem, 'id'> & { order: number };

/** Runs group memberships first, then whole groups, then users: nothing acts on a gone object. */
const ORDER: Record<WriteOp['type'], number> = {
  'remove-member': 0,
  'add-members': 0,
  'delete-group': 1,
  'create-group': 1,
  'deactivate-user': 2,
  'delete-user': 2,
  'reactivate-user': 3,
};

/** Builds a plan from selected findings. Pure: reads nothing but its arguments. */
export function buildPlan(options: PlanOptions): Plan {
  const { snapshot, policy } = options;
  const protectedGroups = options.protectedGroups ?? [];
  const ctx = new PlanContext(snapshot, protectedGroups);
  const drafts: Draft[] = [];
  const skipped: Plan['skipped'] = [];

  const reportOnly = new Map<FindingKind, number>();
  for (const finding of options.findings) {
    if (!ACTIONABLE_KINDS.includes(finding.kind) && finding.kind !== 'unmanaged-user') {
      reportOnly.set(finding.kind, (reportOnly.get(finding.kind) ?? 0) + 1);
      continue;
    }
    const result = draftFor(finding, ctx, policy);
    if ('skip' in result)
      skipped.push({ kind: finding.kind, name: finding.target.name, reason: result.skip });
    else drafts.push(result);
  }
  for (const [kind, count] of reportOnly) {
    const reason = 'reported only; no repair acts on this kind';
    skipped.push({ kind, name: `${count} ${count === 1 ? 'finding' : 'findings'}`, reason });
  }

  const items = dropRedundant(dedupe(drafts), skipped)
    .sort((a, b) => a.order - b.order)
    .map(({ order: _order, ...item }, index) => ({
      id: `op-${String(index + 1).padStart(3, '0')}`,
      ...item,
    }));

  return {
    version: PLAN_VERSION,
    id: randomUUID(),
    createdAt: (options.now ?? new Date()).toISOString(),
    tenant: options.tenant,
    policy,
    protectedGroups,
    items,
    skipped,
  };
}

/** A protected name that matches no tenant group, with the group name it most likely meant. */
export interface UnknownProtectedGroup {
  name: string;
  didYouMean: string | null;
}

/**
 * The protected names that are no group of the tenant (by id, or by name ignoring case), as
 * `buildPlan` matches them. Such a name protects nothing, so it is most likely a typo.
 */
export function unknownProtectedGroups(
  names: string[],
  groups: Pick<TenantGroup, 'id' | 'displayName'>[],
): UnknownProtectedGroup[] {
  const known = new Set(groups.flatMap((g) => [g.id.toLowerCase(), g.displayName.toLowerCase()]));
  return names
    .filter((name) => !known.has(name.trim().toLowerCase()))
    .map((name) => ({ name, didYouMean: closestGroupName(name, groups) }));
}

/** The tenant group name closest to `name`, when close enough to be what was meant. */
function closestGroupName(name: string, groups: Pick<TenantGroup, 'displayName'>[]): string | null {
  const wanted = name.trim().toLowerCase();
  let best: { name: string; distance: number } | null = null;
  for (const group of groups) {
    const distance = editDistance(wanted, group.displayName.toLowerCase());
    if (!best || distance < best.distance) best = { name: group.displayName, distance };
  }
  // At most a third of the name may differ: beyond that the suggestion is noise.
  return best && best.distance <= Math.max(1, Math.floor(wanted.length / 3)) ? best.name : null;
}

/** Lookups over the snapshot the plan is made from. */
class PlanContext {
  readonly users = new Map<string, TenantUser>();
  readonly groups = new Map<string, TenantGroup>();
  private readonly protectedKeys: Set<string>;

  constructor(snapshot: Snapshot, protectedGroups: string[]) {
    for (const user of snapshot.users) this.users.set(user.id, user);
    for (const group of snapshot.groups) this.groups.set(group.id, group);
    this.protectedKeys = new Set(protectedGroups.map((g) => g.trim().toLowerCase()));
  }

  isProtected(group: TenantGroup): boolean {
    return (
      this.protectedKeys.has(group.id.toLowerCase()) ||
      this.protectedKeys.has(group.displayName.toLowerCase())
    );
  }

  /** Why touching this user needs the second confirmation (empty when it does not). */
  userConfirmReasons(user: TenantUser): string[] {
    const reasons: string[] = [];
    if (user.privileged) reasons.push(`${user.userName} carries roles or entitlements`);
    for (const group of this.groups.values()) {
      if (!this.isProtected(group)) continue;
      if (group.members?.includes(user.id)) {
        reasons.push(`${user.userName} is in the protected group "${group.displayName}"`);
      } else if (group.members === null) {
        // The server did not say who is in it: this user may be.
        reasons.push(`the protected group "${group.displayName}" may hold ${user.userName}`);
      }
    }
    return reasons;
  }
}

function draftFor(
  finding: Finding,
  ctx: PlanContext,
  policy: DeprovisionPolicy,
): Draft | { skip: string } {
  switch (finding.kind) {
    case 'deprovision-user':
      return userDraft(finding, ctx, policy === 'delete' ? 'delete-user' : 'deactivate-user');
    case 'inactive-user':
      return userDraft(finding, ctx, 'reactivate-user');
    case 'orphan-group':
      return groupDeleteDraft(finding, ctx);
    case 'membership-extra':
      return removeMemberDraft(finding, ctx);
    case 'unmanaged-user':
      return {
        skip: 'a local VaultOne account JumpCloud does not know: never changed by a repair',
      };
    default:
      return { skip: 'reported only; no repair acts on this kind' };
  }
}

function userDraft(
  finding: Finding,
  ctx: PlanContext,
  type: 'deactivate-user' | 'delete-user' | 'reactivate-user',
): Draft | { skip: string } {
  const user = finding.target.id ? ctx.users.get(finding.target.id) : undefined;
  if (!user) return { skip: 'the user is not in the snapshot the plan is made from' };
  if (type === 'deactivate-user' && !user.active) return { skip: 'the user is already inactive' };
  if (type === 'reactivate-user' && user.active) return { skip: 'the user is already active' };

  const verb = {
    'deactivate-user': 'Deactivate',
    'delete-user': 'Delete',
    'reactivate-user': 'Reactivate',
  }[type];
  return {
    order: ORDER[type],
    kind: finding.kind,
    summary: `${verb} user ${user.userName}`,
    reason: finding.reason,
    op: { type, userId: user.id },
    expected: userState(user),
    // Reactivating grants nothing new beyond what JumpCloud expects, so no second confirmation.
    confirmReasons: type === 'reactivate-user' ? [] : ctx.userConfirmReasons(user),
    undoable: type !== 'delete-user',
  };
}

function groupDeleteDraft(finding: Finding, ctx: PlanContext): Draft | { skip: string } {
  const group = finding.target.id ? ctx.groups.get(finding.target.id) : undefined;
  if (!group) return { skip: 'the group is not in the snapshot the plan is made from' };
  const count = group.members === null ? 'members unknown' : memberCount(group.members.length);
  const reasons = ctx.isProtected(group) ? [`"${group.displayName}" is a protected group`] : [];
  if (group.members === null) {
    reasons.push(
      `the server did not return the members of "${group.displayName}": undo could not restore them`,
    );
  }
  return {
    order: ORDER['delete-group'],
    kind: finding.kind,
    summary: `Delete group "${group.displayName}" (${count})`,
    reason: finding.reason,
    op: { type: 'delete-group', groupId: group.id },
    expected: groupState(group),
    confirmReasons: reasons,
    // Undo recreates it with a new id; without a member list it would come back empty.
    undoable: group.members !== null,
  };
}

function removeMemberDraft(finding: Finding, ctx: PlanContext): Draft | { skip: string } {
  const { groupId, userId } = membershipIds(finding);
  const group = groupId ? ctx.groups.get(groupId) : undefined;
  if (!group || !userId) return { skip: 'the group is not in the snapshot the plan is made from' };
  if (!group.members?.includes(userId)) return { skip: 'the user is no longer a member' };

  // A member id with no user behind it (a dangling reference) is still worth removing.
  const user = ctx.users.get(userId);
  const reasons = user ? ctx.userConfirmReasons(user) : [];
  if (ctx.isProtected(group)) reasons.push(`"${group.displayName}" is a protected group`);
  return {
    order: ORDER['remove-member'],
    kind: finding.kind,
    summary: `Remove ${user?.userName ?? userId} from group "${group.displayName}"`,
    reason: finding.reason,
    op: { type: 'remove-member', groupId: group.id, userId },
    expected: groupState(group),
    ...(user ? { member: userState(user) } : {}),
    confirmReasons: [...new Set(reasons)],
    undoable: true,
  };
}

/** A membership finding names one side as its target and the other in `detail`. */
function membershipIds(finding: Finding): { groupId: string | null; userId: string | null } {
  const detail = finding.detail;
  const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
  if (finding.target.type === 'group') {
    return { groupId: finding.target.id, userId: str(detail.userId) ?? str(detail.memberId) };
  }
  return { groupId: str(detail.groupId), userId: finding.target.id };
}

export function userState(user: TenantUser): PlannedUserState {
  return {
    type: 'user',
    id: user.id,
    userName: user.userName,
    externalId: user.externalId,
    active: user.active,
    privileged: user.privileged,
  };
}

export function groupState(group: TenantGroup): PlannedGroupState {
  return {
    type: 'group',
    id: group.id,
    displayName: group.displayName,
    externalId: group.externalId,
    members: group.members === null ? null : [...group.members].sort(),
  };
}

/** The same write selected through two findings is planned once. */
function dedupe(drafts: Draft[]): Draft[] {
  const seen = new Map<string, Draft>();
  for (const draft of drafts) {
    const key = JSON.stringify(draft.op);
    if (!seen.has(key)) seen.set(key, draft);
  }
  return [...seen.values()];
}

/** A member removal is pointless when the plan deletes the group or the user anyway. */
function dropRedundant(drafts: Draft[], skipped: Plan['skipped']): Draft[] {
  const deletedGroups = new Set<string>();
  const deletedUsers = new Set<string>();
  for (const d of drafts) {
    if (d.op.type === 'delete-group') deletedGroups.add(d.op.groupId);
    if (d.op.type === 'delete-user') deletedUsers.add(d.op.userId);
  }
  return drafts.filter((d) => {
    if (d.op.type !== 'remove-member') return true;
    const why = deletedGroups.has(d.op.groupId)
      ? 'the plan deletes the whole group'
      : deletedUsers.has(d.op.userId)
        ? 'the plan deletes the user'
        : null;
    if (why) skipped.push({ kind: 'membership-extra', name: d.summary, reason: why });
    return why === null;
  });
}

/** `1 member`, `3 members`. */
export function memberCount(count: number): string {
  return `${count} ${count === 1 ? 'member' : 'members'}`;
}
