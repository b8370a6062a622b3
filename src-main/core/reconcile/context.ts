/**
 * Everything the finding rules need, computed once: the matches, the bound groups, who JumpCloud
 * expects in the tenant, and who is in which tenant group.
 */
import type {
  Directory,
  DirectoryGroup,
  DirectoryUser,
  Snapshot,
  TenantGroup,
  TenantUser,
} from '../model';
import { resolveBoundGroups, type BoundGroups } from './bound';
import { checkAuditInputs } from './inputs';
import { matchGroups, matchUsers, type UserMatching } from './match';

/** What the tenant does with a user JumpCloud no longer provisions. */
export type DeprovisionPolicy = 'deactivate' | 'delete';

export interface ReconcileOptions {
  /** The admin's bound groups; used only when the export carries no binding data. */
  boundGroups?: string[] | null;
  /** Tenant policy for `deprovision-user`; deactivate when not given. */
  policy?: DeprovisionPolicy;
}

export interface ReconcileContext {
  snapshot: Snapshot;
  directory: Directory;
  policy: DeprovisionPolicy;
  bound: BoundGroups;
  users: UserMatching;
  /** Tenant group id to the JumpCloud group it matches. */
  groupOf: Map<string, DirectoryGroup>;
  tenantUserById: Map<string, TenantUser>;
  directoryUserByKey: Map<string, DirectoryUser>;
  /** True when the export says who is in which group. */
  membershipKnown: boolean;
  /**
   * Keys of JumpCloud users in at least one bound group whose members the export gives:
   * JumpCloud provisions these, and also whoever is in `boundMembersUnknown`.
   */
  expectedKeys: Set<string>;
  /**
   * Bound JumpCloud groups whose members the export does not give. Anyone may be in them, so
   * while there is one, no JumpCloud user can be said to be in no bound group.
   */
  boundMembersUnknown: DirectoryGroup[];
  /**
   * Bound tenant groups whose members the server did not return. Any tenant user may be in them,
   * so while there is one, no user can be said to belong only to orphan groups.
   */
  boundTenantMembersUnknown: TenantGroup[];
  /** JumpCloud user key to the names of the bound groups it is in. */
  boundGroupsOfKey: Map<string, string[]>;
  /** Tenant user id to the tenant groups that list it (groups with unknown members excluded). */
  tenantGroupsOfUser: Map<string, TenantGroup[]>;
}

export const JUMPCLOUD_ID = /^[0-9a-f]{24}$/i;

export function buildContext(
  snapshot: Snapshot,
  directory: Directory,
  options: ReconcileOptions,
): ReconcileContext {
  checkAuditInputs(directory);
  const bound = resolveBoundGroups(directory, options.boundGroups);
  const boundGroupsOfKey = new Map<string, string[]>();
  for (const group of bound.groups) {
    for (const key of group.members ?? []) {
      boundGroupsOfKey.set(key, [...(boundGroupsOfKey.get(key) ?? []), group.name]);
    }
  }

  const tenantGroupsOfUser = new Map<string, TenantGroup[]>();
  for (const group of snapshot.groups) {
    for (const member of group.members ?? []) {
      tenantGroupsOfUser.set(member, [...(tenantGroupsOfUser.get(member) ?? []), group]);
    }
  }

  const context: ReconcileContext = {
    snapshot,
    directory,
    policy: options.policy ?? 'deactivate',
    bound,
    users: matchUsers(snapshot.users, directory.users),
    groupOf: matchGroups(snapshot.groups, directory.groups),
    tenantUserById: new Map(snapshot.users.map((user) => [user.id, user])),
    directoryUserByKey: new Map(directory.users.map((user) => [user.key, user])),
    membershipKnown: directory.hasMembership,
    expectedKeys: new Set(boundGroupsOfKey.keys()),
    boundMembersUnknown: bound.groups.filter((group) => group.members === null),
    boundTenantMembersUnknown: [],
    boundGroupsOfKey,
    tenantGroupsOfUser,
  };
  // Which tenant groups are bound depends on the group matches above.
  context.boundTenantMembersUnknown = snapshot.groups.filter(
    (group) => group.members === null && isBoundTenantGroup(context, group),
  );
  return context;
}

/**
 * Whether JumpCloud provisions this user: true or false when the bound groups' members say so;
 * null when they cannot, because the export has no membership data or leaves out the members of
 * a bound group, which the user may be in.
 */
export function isProvisioned(context: ReconcileContext, user: DirectoryUser): boolean | null {
  if (!context.membershipKnown) return null;
  if (context.expectedKeys.has(user.key)) return true;
  return context.boundMembersUnknown.length > 0 ? null : false;
}

/** A tenant group is bound when it matches a bound JumpCloud group or carries a bound name. */
export function isBoundTenantGroup(context: ReconcileContext, group: TenantGroup): boolean {
  const matched = context.groupOf.get(group.id);
  if (matched && context.bound.groups.includes(matched)) return true;
  return context.bound.lowerNames.has(group.displayName.trim().toLowerCase());
}

/** Suspended in JumpCloud: pushed as `active: false`. */
export function isSuspended(user: DirectoryUser): boolean {
  return user.suspended || user.state === 'SUSPENDED';
}

/**
 * JumpCloud pushes these users as active: activated, not suspended, password not expired. An
 * export without states (the PowerShell members CSV), or one that does not say whether the
 * password expired (the SSO report), cannot tell, so nothing is concluded.
 */
export function shouldBeActive(user: DirectoryUser): boolean {
  return user.state === 'ACTIVATED' && !isSuspended(user) && user.passwordExpired === false;
}

/** The name a finding shows for a JumpCloud user absent from the tenant. */
export function directoryUserName(user: DirectoryUser): string {
  return user.username ?? user.email ?? user.id ?? user.key;
}
