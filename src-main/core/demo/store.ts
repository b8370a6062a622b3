/**
 * The demo tenant's in-memory state, kept as SCIM resources. One store per running server, so
 * several demo tenants can run in one process (the SCIMMY handlers are global; the store is not).
 */
import { randomUUID } from 'node:crypto';
import SCIMMY from 'scimmy';
import type { DemoTenant, DemoTenantUser } from './types';

export type ScimRecord = Record<string, unknown> & { id: string };

const SEEDED_AT = '2026-11-01T08:00:00.000Z';

export class DemoStore {
  readonly users = new Map<string, ScimRecord>();
  readonly groups = new Map<string, ScimRecord>();
  /** Groups whose members the server leaves out of every read (membership unknown). */
  readonly hiddenMemberGroups: Set<string>;

  constructor(tenant: DemoTenant) {
    for (const user of tenant.users) this.users.set(user.id, userResource(user));
    for (const group of tenant.groups) {
      this.groups.set(group.id, {
        id: group.id,
        displayName: group.displayName,
        ...(group.externalId ? { externalId: group.externalId } : {}),
        members: group.members.map((id) => this.memberRef(id)),
        meta: { created: SEEDED_AT, lastModified: SEEDED_AT },
      });
    }
    this.hiddenMemberGroups = new Set(tenant.hiddenMemberGroupIds);
  }

  /** Creates (no id) or replaces (id) a user; userName stays unique case-insensitively. */
  putUser(id: string | undefined, body: Record<string, unknown>): ScimRecord {
    const userName = String(body.userName ?? '');
    const clash = [...this.users.values()].find(
      (user) => user.id !== id && String(user.userName).toLowerCase() === userName.toLowerCase(),
    );
    if (clash) throw new SCIMMY.Types.Error(409, 'uniqueness', `userName "${userName}" is taken`);
    return this.put(this.users, id, body);
  }

  /** Creates or replaces a group, keeping only members that are users of this tenant. */
  putGroup(id: string | undefined, body: Record<string, unknown>): ScimRecord {
    const members = Array.isArray(body.members) ? (body.members as Array<{ value?: unknown }>) : [];
    const kept = members
      .map((member) => String(member.value ?? ''))
      .filter((value) => this.users.has(value))
      .map((value) => this.memberRef(value));
    return this.put(this.groups, id, {
      ...body,
      members: [...new Map(kept.map((m) => [m.value, m])).values()],
    });
  }

  /** Deletes a resource; a deleted user also leaves every group. */
  remove(kind: 'users' | 'groups', id: string): void {
    if (!this[kind].delete(id)) throw notFound(id);
    if (kind === 'groups') return;
    for (const group of this.groups.values()) {
      const members = group.members as Array<{ value: string }>;
      group.members = members.filter((member) => member.value !== id);
    }
  }

  private put(
    map: Map<string, ScimRecord>,
    id: string | undefined,
    body: Record<string, unknown>,
  ): ScimRecord {
    const existing = id === undefined ? undefined : map.get(id);
    if (id !== undefined && !existing) {
      throw notFound(id);
    }
    const now = new Date().toISOString();
    const { schemas: _schemas, meta: _meta, id: _id, ...attributes } = body;
    const record: ScimRecord = {
      ...attributes,
      id: id ?? randomUUID(),
      meta: {
        created: (existing?.meta as { created?: string })?.created ?? now,
        lastModified: now,
      },
    };
    map.set(record.id, record);
    return record;
  }

  private memberRef(userId: string): { value: string; display?: string; type: 'User' } {
    const userName = this.users.get(userId)?.userName;
    return {
      value: userId,
      ...(typeof userName === 'string' ? { display: userName } : {}),
      type: 'User',
    };
  }
}

/** A SCIM 404; SCIMMY's types want a scimType string, but RFC 7644 defines none for 404. */
export function notFound(id: string): Error {
  return new SCIMMY.Types.Error(404, null as unknown as string, `Resource ${id} not found`);
}

function userResource(user: DemoTenantUser): ScimRecord {
  return {
    id: user.id,
    userName: user.userName,
    ...(user.externalId ? { externalId: user.externalId } : {}),
    name: {
      givenName: user.givenName,
      familyName: user.familyName,
      formatted: `${user.givenName} ${user.familyName}`,
    },
    displayName: `${user.givenName} ${user.familyName}`,
    ...(user.email ? { emails: [{ value: user.email, type: 'work', primary: true }] } : {}),
    active: user.active,
    meta: { created: SEEDED_AT, lastModified: SEEDED_AT },
  };
}
