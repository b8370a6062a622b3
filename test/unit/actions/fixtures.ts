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

export function deprovision(u: TenantUser): Finding {
  return {
    kind: 'deprovision-user',
    target: { type: 'user', id: u.id, name: u.userName },
    reason: `${u.userName} is in no bound group`,
    action: 'deactivate-user',
    detail: {},
  };
}

export function orphan(g: TenantGroup): Finding {
  return {
    kind: 'orphan-group',
    target: { type: 'group', id: g.id, name: g.displayName },
    reason: `${g.displayName} is not bound`,
    action: 'delete-group',
    detail: {},
  };
}

export function extraMember(g: TenantGroup, u: TenantUser): Finding {
  return {
    kind: 'membership-extra',
    target: { type: 'group', id: g.id, name: g.displayName },
    reason: `${u.userName} is not in ${g.displayName} in JumpCloud`,
    action: 'remove-member',
    detail: { userId: u.id, userName: u.userName },
  };
}

export function inactive(u: TenantUser): Finding {
  return {
    kind: 'inactive-user',
    target: { type: 'user', id: u.id, name: u.userName },
    reason: `${u.userName} should be active`,
    action: 'reactivate-user',
    detail: {},
  };
}

export function unmanaged(u: TenantUser): Finding {
  return {
    kind: 'unmanaged-user',
    target: { type: 'user', id: u.id, name: u.userName },
    reason: 'local account',
    action: null,
    detail: {},
  };
}

export const TENANT = { id: 't-1', name: 'Acme Prod', baseUrl: 'https://acme.example.com/scim/v2' };
