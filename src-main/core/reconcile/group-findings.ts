/**
 * Findings about groups and their members: orphan groups, groups whose members the server hid,
 * bound groups missing from the tenant, and members that differ from JumpCloud's.
 */
import type { DirectoryGroup, Finding, TenantGroup } from '../model';
import { isBoundTenantGroup, type ReconcileContext } from './context';

export function groupFindings(context: ReconcileContext): Finding[] {
  const findings: Finding[] = [];
  for (const group of context.snapshot.groups) {
    const bound = isBoundTenantGroup(context, group);
    if (!bound) findings.push(orphanGroup(context, group));
    if (group.members === null) findings.push(membershipUnknown(group, bound));
    // Members are compared only where both sides list them: an unknown list is not an empty one.
    const matched = context.groupOf.get(group.id);
    if (bound && matched && group.members !== null && matched.members !== null) {
      findings.push(...membershipDifferences(context, group, group.members, matched));
    }
  }
  findings.push(...missingGroups(context));
  return findings;
}

function orphanGroup(context: ReconcileContext, group: TenantGroup): Finding {
  const matched = context.groupOf.get(group.id);
  const reason = matched
    ? `"${group.displayName}" is no longer bound to the application in JumpCloud, which stopped syncing it and left its members frozen.`
    : `JumpCloud does not know "${group.displayName}" (a "Test Connection" leftover, a deleted group or one made by hand).`;
  return {
    kind: 'orphan-group',
    target: { type: 'group', id: group.id, name: group.displayName },
    reason,
    action: 'delete-group',
    detail: {
      externalId: group.externalId,
      knownToJumpCloud: matched !== undefined,
      jumpcloudGroupId: matched?.id ?? null,
      memberCount: group.members?.length ?? null,
      members: group.members === null ? null : [...group.members].sort(),
    },
  };
}

function membershipUnknown(group: TenantGroup, bound: boolean): Finding {
  return {
    kind: 'membership-unknown',
    target: { type: 'group', id: group.id, name: group.displayName },
    reason: `The tenant did not return the members of "${group.displayName}"; nothing is concluded about them.`,
    action: null,
    detail: { bound },
  };
}

function membershipDifferences(
  context: ReconcileContext,
  group: TenantGroup,
  tenantMembers: string[],
  matched: DirectoryGroup,
): Finding[] {
  const findings: Finding[] = [];
  const jumpcloudMembers = new Set(matched.members ?? []);
  const target = { type: 'group' as const, id: group.id, name: group.displayName };
  // Dynamic groups change membership on their own, so a difference there may be legitimate.
  const dynamic = matched.dynamic
    ? { dynamic: true, note: 'Dynamic group in JumpCloud: this difference may be legitimate.' }
    : { dynamic: false };

  const tenantKeys = new Set<string>();
  for (const memberId of new Set(tenantMembers)) {
    if (context.users.ambiguousTenantIds.has(memberId)) continue;
    const user = context.users.directoryUserOf.get(memberId);
    if (user) tenantKeys.add(user.key);
    if (user && jumpcloudMembers.has(user.key)) continue;
    const userName = context.tenantUserById.get(memberId)?.userName ?? null;
    findings.push({
      kind: 'membership-extra',
      target,
      reason: `${userName ?? memberId} is a member of "${group.displayName}" here but not in JumpCloud.`,
      action: 'remove-member',
      detail: { userId: memberId, userName, jumpcloudUserId: user?.id ?? null, ...dynamic },
    });
  }

  for (const key of jumpcloudMembers) {
    const tenantUser = context.users.tenantUserOf.get(key);
    // Users absent from the tenant are reported once, as missing users, not once per group.
    if (!tenantUser || context.users.ambiguousKeys.has(key) || tenantKeys.has(key)) continue;
    findings.push({
      kind: 'membership-missing',
      target,
      reason: `${tenantUser.userName} is in "${matched.name}" in JumpCloud but not a member here.`,
      action: null,
      detail: {
        userId: tenantUser.id,
        userName: tenantUser.userName,
        jumpcloudUserId: context.directoryUserByKey.get(key)?.id ?? null,
        ...dynamic,
      },
    });
  }
  return findings;
}

/**
 * JumpCloud does not create empty groups, so only bound groups with members are expected. A bound
 * group whose members the export does not give may be empty: its absence proves nothing.
 */
function missingGroups(context: ReconcileContext): Finding[] {
  const present = new Set(context.groupOf.values());
  const presentNames = new Set(
    context.snapshot.groups.map((group) => group.displayName.trim().toLowerCase()),
  );
  return context.bound.groups
    .filter((group) => group.members !== null && group.members.length > 0)
    .filter((group) => !present.has(group))
    .filter((group) => !presentNames.has(group.name.trim().toLowerCase()))
    .map((group): Finding => ({
      kind: 'missing-group',
      target: { type: 'group', id: null, name: group.name },
      reason: `"${group.name}" is bound to the application and has members in JumpCloud, but is absent from the tenant.`,
      action: null,
      detail: { jumpcloudGroupId: group.id, memberCount: group.members?.length ?? 0 },
    }));
}
