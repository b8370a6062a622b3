/**
 * SCIM resources into the shared TenantUser/TenantGroup shapes, read leniently: servers send
 * `active` as "True", emails as plain strings, ids as numbers, and leave attributes out.
 */
import type { TenantGroup, TenantUser } from '../model';
import { isRecord } from './errors';

/** Reads `active` leniently: booleans, "true"/"false" in any case, 1/0. Missing means active. */
export function readActive(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'false' || text === '0' || text === 'no' || text === 'inactive') return false;
    return true;
  }
  return true;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return String(value);
  return null;
}

/** Primary email, else the one typed work, else the first; plain strings are accepted. */
export function pickEmail(emails: unknown): string | null {
  if (typeof emails === 'string') return text(emails);
  if (!Array.isArray(emails)) return null;
  const entries = emails
    .map((e) => (typeof e === 'string' ? { value: e } : isRecord(e) ? e : null))
    .filter((e): e is Record<string, unknown> => e !== null && text(e.value) !== null);
  const primary = entries.find((e) => readFlag(e.primary));
  const work = entries.find((e) => typeof e.type === 'string' && e.type.toLowerCase() === 'work');
  const chosen = primary ?? work ?? entries[0];
  return chosen ? text(chosen.value) : null;
}

function readFlag(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function nonEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim() !== '';
  return isRecord(value) && Object.keys(value).length > 0;
}

/** The resource id as a string, or null when the resource has none (it is then skipped). */
export function resourceId(resource: unknown): string | null {
  if (!isRecord(resource)) return null;
  return text(resource.id);
}

/** Normalises one SCIM User; null when it has no id. */
export function toTenantUser(resource: Record<string, unknown>): TenantUser | null {
  const id = text(resource.id);
  if (id === null) return null;
  const name = isRecord(resource.name) ? resource.name : {};
  return {
    id,
    userName: text(resource.userName) ?? '',
    externalId: text(resource.externalId),
    active: readActive(resource.active),
    givenName: text(name.givenName),
    familyName: text(name.familyName),
    displayName: text(resource.displayName),
    email: pickEmail(resource.emails),
    privileged: nonEmpty(resource.roles) || nonEmpty(resource.entitlements),
    raw: resource,
  };
}

/**
 * Member user ids from a group's `members`, or null when the attribute is absent (unknown).
 * Nested groups (`type: "Group"`) are not users and are left out.
 */
export function readMembers(members: unknown): string[] | null {
  if (members === undefined || members === null) return null;
  if (!Array.isArray(members)) return null;
  const ids: string[] = [];
  for (const m of members) {
    if (typeof m === 'string' || typeof m === 'number') {
      ids.push(String(m));
      continue;
    }
    if (!isRecord(m)) continue;
    if (typeof m.type === 'string' && m.type.toLowerCase() === 'group') continue;
    const value = text(m.value);
    if (value !== null) ids.push(value);
  }
  return ids;
}

/** Normalises one SCIM Group; null when it has no id. `members` null means unknown. */
export function toTenantGroup(resource: Record<string, unknown>): TenantGroup | null {
  const id = text(resource.id);
  if (id === null) return null;
  return {
    id,
    displayName: text(resource.displayName) ?? '',
    externalId: text(resource.externalId),
    members: readMembers(resource.members),
    raw: resource,
  };
}
