/** Small builders for hand-made snapshots and directories in reconcile tests. */
import { expect } from 'vitest';
import type {
  Directory,
  DirectoryGroup,
  DirectoryUser,
  Finding,
  Snapshot,
  TenantGroup,
  TenantUser,
} from '../../../src-main/core/model';

export function tenantUser(
  id: string,
  userName: string,
  extra: Partial<TenantUser> = {},
): TenantUser {
  return {
    id,
    userName,
    externalId: null,
    active: true,
    givenName: null,
    familyName: null,
    displayName: null,
    email: null,
    privileged: false,
    raw: {},
    ...extra,
  };
}

export function tenantGroup(
  id: string,
  displayName: string,
  members: string[] | null,
  extra: Partial<TenantGroup> = {},
): TenantGroup {
  return { id, displayName, externalId: null, members, raw: {}, ...extra };
}

export function jcUser(
  key: string,
  username: string,
  extra: Partial<DirectoryUser> = {},
): DirectoryUser {
  return {
    key,
    id: null,
    username,
    email: null,
    firstName: null,
    lastName: null,
    state: 'ACTIVATED',
    suspended: false,
    passwordExpired: false,
    accountLocked: false,
    ...extra,
  };
}

export function jcGroup(
  name: string,
  members: string[] | null,
  extra: Partial<DirectoryGroup> = {},
): DirectoryGroup {
  return { id: null, name, members, dynamic: false, ...extra };
}

export function snapshot(users: TenantUser[], groups: TenantGroup[]): Snapshot {
  return {
    baseUrl: 'https://tenant.example/v2',
    takenAt: '2026-12-01T00:00:00.000Z',
    users,
    groups,
    complete: true,
    warnings: [],
  };
}

export function directory(
  users: DirectoryUser[],
  groups: DirectoryGroup[],
  extra: Partial<Directory> = {},
): Directory {
  return {
    format: 'test',
    sources: [],
    users,
    groups,
    boundGroups: null,
    hasMembership: true,
    skipped: [],
    warnings: [],
    ...extra,
  };
}

/** 24-hex JumpCloud ids that read as what they stand for in a test. */
export const hex = (n: number): string => n.toString(16).padStart(24, '0');

/** Findings without their human reason (checked separately: present and naming the target). */
export function withoutReasons(findings: Finding[]): Omit<Finding, 'reason'>[] {
  for (const finding of findings) expect(finding.reason).toContain(finding.target.name);
  return findings.map(({ reason: _reason, ...rest }) => rest);
}
