/**
 * Findings about users: who should be deprovisioned, reactivated or provisioned, whose mapped
 * attributes drifted, who matches twice, and who JumpCloud does not manage at all.
 */
import type { DirectoryUser, Finding, TenantUser } from '../model';
import {
  JUMPCLOUD_ID,
  directoryUserName,
  isBoundTenantGroup,
  isProvisioned,
  isSuspended,
  shouldBeActive,
  type ReconcileContext,
} from './context';

export function userFindings(context: ReconcileContext): Finding[] {
  const findings: Finding[] = [];
  for (const user of context.snapshot.users) {
    // A user caught in a duplicate is reported once, as the duplicate; nothing else is guessed.
    if (context.users.ambiguousTenantIds.has(user.id)) continue;
    const matched = context.users.directoryUserOf.get(user.id) ?? null;
    if (!matched && !isManaged(context, user)) {
      findings.push(unmanagedUser(user));
      continue;
    }
    const deprovision = deprovisionCause(context, user, matched);
    if (deprovision) findings.push(deprovisionUser(context, user, matched, deprovision));
    if (!matched) continue;

    // Drift is reported unless JumpCloud surely does not provision the user; reactivating needs
    // proof that it does.
    const provisioned = isProvisioned(context, matched);
    if (provisioned === true && !user.active && shouldBeActive(matched)) {
      findings.push(inactiveUser(user, matched));
    }
    if (provisioned !== false) findings.push(...attributeDrift(user, matched));
  }
  findings.push(...missingUsers(context), ...duplicateUsers(context));
  return findings;
}

/** Managed: matches an exported user, carries a JumpCloud id, or sits in a JumpCloud group. */
function isManaged(context: ReconcileContext, user: TenantUser): boolean {
  if (user.externalId && JUMPCLOUD_ID.test(user.externalId)) return true;
  const groups = context.tenantGroupsOfUser.get(user.id) ?? [];
  return groups.some((group) => context.groupOf.has(group.id));
}

type DeprovisionCause =
  'suspended' | 'no-bound-group' | 'unknown-to-jumpcloud' | 'only-orphan-groups';

function deprovisionCause(
  context: ReconcileContext,
  user: TenantUser,
  matched: DirectoryUser | null,
): DeprovisionCause | null {
  if (!user.active) return null;
  if (matched && isSuspended(matched)) return 'suspended';
  if (context.membershipKnown) {
    // A bound group whose members the export leaves out may hold this user, and an export that
    // leaves out a group's members may leave out its users too: nothing is concluded then.
    if (context.boundMembersUnknown.length > 0) return null;
    if (!matched) return 'unknown-to-jumpcloud';
    return isProvisioned(context, matched) === false ? 'no-bound-group' : null;
  }

  // Without membership data, only the tenant's own groups can say the user was left behind, and
  // only while no bound tenant group hides its members: the user may be in that one.
  if (context.boundTenantMembersUnknown.length > 0) return null;
  const groups = context.tenantGroupsOfUser.get(user.id) ?? [];
  const allOrphans = groups.length > 0 && groups.every((g) => !isBoundTenantGroup(context, g));
  return allOrphans ? 'only-orphan-groups' : null;
}

const DEPROVISION_REASONS: Record<DeprovisionCause, string> = {
  suspended: 'is suspended in JumpCloud but still active here.',
  'no-bound-group': 'is in no group bound to the application in JumpCloud but still active here.',
  'unknown-to-jumpcloud':
    'carries a JumpCloud id or sits in a JumpCloud group, but the export does not know this user (a deleted user, or a "Test Connection" leftover); it is still active here.',
  'only-orphan-groups':
    'is active and belongs only to groups no longer bound in JumpCloud (the export has no membership data).',
};

function deprovisionUser(
  context: ReconcileContext,
  user: TenantUser,
  matched: DirectoryUser | null,
  cause: DeprovisionCause,
): Finding {
  const groups = (context.tenantGroupsOfUser.get(user.id) ?? []).map((g) => g.displayName).sort();
  return {
    kind: 'deprovision-user',
    target: { type: 'user', id: user.id, name: user.userName },
    reason: `${user.userName} ${DEPROVISION_REASONS[cause]}`,
    action: context.policy === 'delete' ? 'delete-user' : 'deactivate-user',
    detail: {
      cause,
      externalId: user.externalId,
      jumpcloudUserId: matched?.id ?? null,
      jumpcloudState: matched?.state ?? null,
      tenantGroups: groups,
      privileged: user.privileged,
    },
  };
}

function inactiveUser(user: TenantUser, matched: DirectoryUser): Finding {
  return {
    kind: 'inactive-user',
    target: { type: 'user', id: user.id, name: user.userName },
    reason: `${user.userName} is active in JumpCloud and in a bound group, but inactive here.`,
    action: 'reactivate-user',
    detail: { jumpcloudUserId: matched.id, jumpcloudState: matched.state },
  };
}

/** Compares the mapped attributes JumpCloud pushes, where the export carries a value. */
function attributeDrift(user: TenantUser, matched: DirectoryUser): Finding[] {
  const pairs: Array<[string, string | null, string | null, boolean]> = [
    ['userName', user.userName, matched.username, false],
    ['name.givenName', user.givenName, matched.firstName, true],
    ['name.familyName', user.familyName, matched.lastName, true],
    ['emails.value', user.email, matched.email, false],
  ];
  return pairs
    .filter(([, tenant, jumpcloud, caseExact]) => differs(tenant, jumpcloud, caseExact))
    .map(([attribute, tenantValue, jumpcloudValue]): Finding => ({
      kind: 'attribute-drift',
      target: { type: 'user', id: user.id, name: user.userName },
      reason: `${attribute} of ${user.userName} is ${quote(tenantValue)} here and ${quote(jumpcloudValue)} in JumpCloud.`,
      action: null,
      detail: { attribute, tenantValue, jumpcloudValue, jumpcloudUserId: matched.id },
    }));
}

function differs(tenant: string | null, jumpcloud: string | null, caseExact: boolean): boolean {
  if (jumpcloud === null || jumpcloud.trim() === '') return false;
  const a = (tenant ?? '').trim();
  const b = jumpcloud.trim();
  return caseExact ? a !== b : a.toLowerCase() !== b.toLowerCase();
}

const quote = (value: string | null): string => (value === null ? 'empty' : `"${value}"`);

function unmanagedUser(user: TenantUser): Finding {
  return {
    kind: 'unmanaged-user',
    target: { type: 'user', id: user.id, name: user.userName },
    reason: `${user.userName} is a local VaultOne account JumpCloud does not know; it is never selected for removal.`,
    action: null,
    detail: { externalId: user.externalId, email: user.email, active: user.active },
  };
}

/** JumpCloud provisions every activated member of a bound group; staged users wait. */
function missingUsers(context: ReconcileContext): Finding[] {
  const findings: Finding[] = [];
  for (const key of context.expectedKeys) {
    const user = context.directoryUserByKey.get(key);
    if (!user || user.state === 'STAGED') continue;
    if (context.users.tenantUserOf.has(key) || context.users.ambiguousKeys.has(key)) continue;
    const name = directoryUserName(user);
    findings.push({
      kind: 'missing-user',
      target: { type: 'user', id: null, name },
      reason: `${name} is in a bound group in JumpCloud but absent from the tenant.`,
      action: null,
      detail: {
        jumpcloudUserId: user.id,
        email: user.email,
        jumpcloudState: user.state,
        boundGroups: [...(context.boundGroupsOfKey.get(key) ?? [])].sort(),
      },
    });
  }
  return findings;
}

function duplicateUsers(context: ReconcileContext): Finding[] {
  return context.users.duplicates.map(({ user, candidates, rule }): Finding => {
    const name = directoryUserName(user);
    return {
      kind: 'duplicate-user',
      target: { type: 'user', id: null, name },
      reason: `${candidates.length} tenant users match ${name} by ${rule}; none is picked.`,
      action: null,
      detail: {
        jumpcloudUserId: user.id,
        matchedBy: rule,
        candidates: candidates
          .map((c) => ({ id: c.id, userName: c.userName, active: c.active }))
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      },
    };
  });
}
