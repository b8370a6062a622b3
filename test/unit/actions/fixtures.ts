/** Small hand-made tenant snapshots and findings for the repair unit tests. */
import type { Finding, Snapshot, TenantGroup, TenantUser } from '../../../src-main/core/model';
import { snapshot as baseSnapshot, tenantGroup, tenantUser } from '../reconcile/builders';

/** A tenant user with an email and the raw resource a repair reads back. */
export function user(id: string, userName: string, extra: Partial<TenantUser> = {}): TenantUser {
  return tenantUser(id, userName, {
    email: `${userName}@example.com`,
    raw: { id, userName, active: extra.active ?? true },
    ...extra,
  });
}

export function group(id: string, displayName: string, members: string[] | null): TenantGroup {
  return tenantGroup(id, displayName, members, { raw: { id, displayName } });
}

/** A complete snapshot of the tenant the plans in these tests are made for. */
export function snapshot(users: TenantUser[], groups: TenantGroup[]): Snapshot {
  return {
    ...baseSnapshot(users, groups),
    baseUrl: TENANT.baseUrl,
    takenAt: '2026-12-01T10:00:00.000Z',
  };
}

function finding(
  kind: Finding['kind'],
  target: Finding['target'],
  reason: string,
  action: Finding['action'],
  detail: Finding['detail'] = {},
): Finding {
  return { kind, target, reason, action, detail };
}

const userTarget = (u: TenantUser): Finding['target'] => ({
  type: 'user',
  id: u.id,
  name: u.userName,
});
const groupTarget = (g: TenantGroup): Finding['target'] => ({
  type: 'group',
  id: g.id,
  name: g.displayName,
});

export function deprovision(u: TenantUser): Finding {
  return finding(
    'deprovision-user',
    userTarget(u),
    `${u.userName} is in no bound group`,
    'deactivate-user',
  );
}

export function orphan(g: TenantGroup): Finding {
  return finding('orphan-group', groupTarget(g), `${g.displayName} is not bound`, 'delete-group');
}

export function extraMember(g: TenantGroup, u: TenantUser): Finding {
  return finding(
    'membership-extra',
    groupTarget(g),
    `${u.userName} is not in ${g.displayName} in JumpCloud`,
    'remove-member',
    { userId: u.id, userName: u.userName },
  );
}

export function inactive(u: TenantUser): Finding {
  return finding(
    'inactive-user',
    userTarget(u),
    `${u.userName} should be active`,
    'reactivate-user',
  );
}

export function unmanaged(u: TenantUser): Finding {
  return finding('unmanaged-user', userTarget(u), 'local account', null);
}

export const TENANT = { id: 't-1', name: 'Acme Prod', baseUrl: 'https://acme.example.com/scim/v2' };
