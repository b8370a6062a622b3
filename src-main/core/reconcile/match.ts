/**
 * Pairs tenant objects with JumpCloud objects. Users: by externalId = JumpCloud id when both are
 * known, else userName case-insensitively, else primary email lower-cased. Groups: by externalId,
 * else displayName case-insensitively. A rule that finds several tenant users for one JumpCloud
 * user never picks one: the pair is reported as a duplicate instead.
 */
import type { DirectoryGroup, DirectoryUser, TenantGroup, TenantUser } from '../model';

export type UserMatchRule = 'externalId' | 'userName' | 'email';

export interface DuplicateMatch {
  user: DirectoryUser;
  candidates: TenantUser[];
  rule: UserMatchRule;
}

export interface UserMatching {
  /** Tenant user id to the one JumpCloud user it matches. */
  directoryUserOf: Map<string, DirectoryUser>;
  /** JumpCloud user key to the one tenant user that matches it. */
  tenantUserOf: Map<string, TenantUser>;
  duplicates: DuplicateMatch[];
  /** Tenant ids and JumpCloud keys caught in a duplicate: nothing else is concluded on them. */
  ambiguousTenantIds: Set<string>;
  ambiguousKeys: Set<string>;
}

const lower = (value: string | null | undefined): string | null =>
  value ? value.trim().toLowerCase() : null;

function indexBy<T>(items: T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const bucket = index.get(key);
    if (bucket) bucket.push(item);
    else index.set(key, [item]);
  }
  return index;
}

/**
 * Matches rule by rule over the whole directory, so that a tenant user claimed by a stronger rule
 * is never claimed again by a weaker one.
 */
export function matchUsers(
  tenantUsers: TenantUser[],
  directoryUsers: DirectoryUser[],
): UserMatching {
  const matching: UserMatching = {
    directoryUserOf: new Map(),
    tenantUserOf: new Map(),
    duplicates: [],
    ambiguousTenantIds: new Set(),
    ambiguousKeys: new Set(),
  };
  const claimed = new Set<string>();
  const resolved = new Set<string>();
  const rules: Array<
    [UserMatchRule, Map<string, TenantUser[]>, (u: DirectoryUser) => string | null]
  > = [
    ['externalId', indexBy(tenantUsers, (t) => lower(t.externalId)), (d) => lower(d.id)],
    ['userName', indexBy(tenantUsers, (t) => lower(t.userName)), (d) => lower(d.username)],
    ['email', indexBy(tenantUsers, (t) => lower(t.email)), (d) => lower(d.email)],
  ];

  for (const [rule, index, keyOf] of rules) {
    for (const user of directoryUsers) {
      const key = keyOf(user);
      if (resolved.has(user.key) || key === null) continue;
      const candidates = (index.get(key) ?? []).filter(
        (tenant) =>
          !claimed.has(tenant.id) && (rule === 'externalId' || mayMatchBeyondId(tenant, user)),
      );
      if (candidates.length === 0) continue;
      resolved.add(user.key);
      for (const tenant of candidates) claimed.add(tenant.id);
      record(matching, user, candidates, rule);
    }
  }
  return matching;
}

/** When both sides carry an id, only the id decides: a different id is a different person. */
function mayMatchBeyondId(tenant: TenantUser, user: DirectoryUser): boolean {
  return !(tenant.externalId && user.id);
}

function record(
  matching: UserMatching,
  user: DirectoryUser,
  candidates: TenantUser[],
  rule: UserMatchRule,
): void {
  if (candidates.length === 1) {
    matching.directoryUserOf.set(candidates[0].id, user);
    matching.tenantUserOf.set(user.key, candidates[0]);
    return;
  }
  matching.duplicates.push({ user, candidates, rule });
  matching.ambiguousKeys.add(user.key);
  for (const tenant of candidates) matching.ambiguousTenantIds.add(tenant.id);
}

/** Tenant group id to the JumpCloud group it matches (externalId first, then displayName). */
export function matchGroups(
  tenantGroups: TenantGroup[],
  directoryGroups: DirectoryGroup[],
): Map<string, DirectoryGroup> {
  const matched = new Map<string, DirectoryGroup>();
  const byId = new Map<string, DirectoryGroup>();
  const byName = new Map<string, DirectoryGroup>();
  for (const group of directoryGroups) {
    const id = lower(group.id);
    if (id !== null && !byId.has(id)) byId.set(id, group);
    const name = lower(group.name);
    if (name !== null && !byName.has(name)) byName.set(name, group);
  }

  for (const tenant of tenantGroups) {
    const byExternalId = byId.get(lower(tenant.externalId) ?? '');
    if (byExternalId) {
      matched.set(tenant.id, byExternalId);
      continue;
    }
    const byDisplayName = byName.get(lower(tenant.displayName) ?? '');
    if (byDisplayName && !(tenant.externalId && byDisplayName.id)) {
      matched.set(tenant.id, byDisplayName);
    }
  }
  return matched;
}
