/**
 * The demo organisation seen through the shared model: the Snapshot the demo tenant would give
 * and the Directory a complete JumpCloud export would give. Lets reconcile be checked against the
 * demo without a server or an export file in between.
 */
import type { Directory, Snapshot, TenantGroup, TenantUser } from '../model';
import type { DemoOrganisation, DemoTenantUser } from './types';

/** The snapshot a full read of the demo tenant gives (members of the hidden group unknown). */
export function demoSnapshot(org: DemoOrganisation, baseUrl = 'demo:'): Snapshot {
  const users = org.tenant.users.map(toTenantUser);
  const groups = org.tenant.groups.map((group): TenantGroup => ({
    id: group.id,
    displayName: group.displayName,
    externalId: group.externalId,
    members: org.tenant.hiddenMemberGroupIds.includes(group.id) ? null : [...group.members],
    raw: {},
  }));
  return {
    baseUrl,
    takenAt: new Date(0).toISOString(),
    users,
    groups,
    complete: true,
    warnings: [],
  };
}

function toTenantUser(user: DemoTenantUser): TenantUser {
  return {
    id: user.id,
    userName: user.userName,
    externalId: user.externalId,
    active: user.active,
    givenName: user.givenName,
    familyName: user.familyName,
    displayName: `${user.givenName} ${user.familyName}`,
    email: user.email,
    privileged: false,
    raw: {},
  };
}

/** The directory with everything JumpCloud knows, binding data left out (the admin gives it). */
export function demoDirectory(org: DemoOrganisation): Directory {
  return {
    format: 'demo',
    sources: [],
    users: org.jumpcloud.users.map((user) => ({
      key: user.id,
      id: user.id,
      username: user.username,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      state: user.state,
      suspended: user.state === 'SUSPENDED',
      passwordExpired: user.passwordExpired,
      accountLocked: user.accountLocked,
    })),
    groups: org.jumpcloud.groups.map((group) => ({
      id: group.id,
      name: group.name,
      members: [...group.members],
      dynamic: false,
    })),
    boundGroups: null,
    hasMembership: true,
    skipped: [],
    warnings: [],
  };
}
