/**
 * Verified writes. Each sends the RFC form first, falls back through the dialects real servers
 * speak, and then reads the object back: a 200 or 204 alone proves nothing. When the read-back
 * does not show the effect, the write fails with `verification-failed` naming what is missing.
 */
import type { TenantGroup, TenantUser } from '../model';
import type { Discovery } from './discovery';
import { ScimError, isRecord, isScimErrorBody } from './errors';
import { toTenantGroup, toTenantUser } from './normalise';
import type { ScimTransport, ScimResponse } from './transport';
import { resourcePath } from './url';
import * as req from './write-requests';
import type { PlannedRequest, WriteOp } from './write-requests';

export type { PlannedRequest, WriteOp } from './write-requests';

export interface WriteResult {
  op: WriteOp;
  /**
   * The dialect that worked: `patch`, `patch-pathless`, `patch-members-value`, `put`, `delete`,
   * `post`, `deleted-by-server`, or `already-done`.
   */
  via: string;
  /** The object as read just before the write (for undo); null when not read or absent. */
  before: Record<string, unknown> | null;
  /** The object as read back afterwards; null when it is gone. */
  after: TenantUser | TenantGroup | null;
  /** For create-group: the id the server gave the new group. */
  createdId: string | null;
  /** Plain sentences worth showing, e.g. that deactivating removed the user. */
  notes: string[];
}

export interface WriteOptions {
  signal?: AbortSignal;
}

export interface ScimWriter {
  /**
   * The write request(s) `applyWrite(op)` sends on its primary path (each then read back).
   * Reflects ServiceProviderConfig once discovery has been read (`discover()` or a snapshot).
   */
  describeWrite(op: WriteOp): PlannedRequest[];
  applyWrite(op: WriteOp, opts?: WriteOptions): Promise<WriteResult>;
  deactivateUser(id: string, opts?: WriteOptions): Promise<WriteResult>;
  reactivateUser(id: string, opts?: WriteOptions): Promise<WriteResult>;
  deleteUser(id: string, opts?: WriteOptions): Promise<WriteResult>;
  removeMember(groupId: string, userId: string, opts?: WriteOptions): Promise<WriteResult>;
  addMembers(groupId: string, userIds: string[], opts?: WriteOptions): Promise<WriteResult>;
  deleteGroup(id: string, opts?: WriteOptions): Promise<WriteResult>;
  createGroup(
    group: { displayName: string; externalId: string | null; members: string[] },
    opts?: WriteOptions,
  ): Promise<WriteResult>;
}

interface Current {
  raw: Record<string, unknown>;
  etag: string | null;
}

/**
 * Builds the write half of the client on a transport and its (lazily read) discovery.
 * `known` gives the discovery already read, if any, for previews (which must not wait).
 */
export function createWriter(
  transport: ScimTransport,
  discovery: () => Promise<Discovery>,
  known: () => Discovery | null,
): ScimWriter {
  const w = new Writer(transport, discovery);
  const apply = (op: WriteOp, opts: WriteOptions = {}) => w.apply(op, opts.signal);
  return {
    describeWrite: (op) => req.describeWrite(op, known()?.patch.supported ?? true),
    applyWrite: apply,
    deactivateUser: (userId, o) => apply({ type: 'deactivate-user', userId }, o),
    reactivateUser: (userId, o) => apply({ type: 'reactivate-user', userId }, o),
    deleteUser: (userId, o) => apply({ type: 'delete-user', userId }, o),
    removeMember: (groupId, userId, o) => apply({ type: 'remove-member', groupId, userId }, o),
    addMembers: (groupId, userIds, o) => apply({ type: 'add-members', groupId, userIds }, o),
    deleteGroup: (groupId, o) => apply({ type: 'delete-group', groupId }, o),
    createGroup: (group, o) => apply({ type: 'create-group', ...group }, o),
  };
}

class Writer {
  constructor(
    private readonly transport: ScimTransport,
    private readonly discovery: () => Promise<Discovery>,
  ) {}

  async apply(op: WriteOp, signal?: AbortSignal): Promise<WriteResult> {
    const found = await this.discovery();
    const ctx = { signal, etag: found.etag.supported, patch: found.patch.supported };
    switch (op.type) {
      case 'deactivate-user':
      case 'reactivate-user':
        return this.setActive(op, op.type === 'reactivate-user', ctx);
      case 'delete-user':
        return this.delete(op, 'Users', op.userId, ctx);
      case 'delete-group':
        return this.delete(op, 'Groups', op.groupId, ctx);
      case 'remove-member':
        return this.removeMember(op, ctx);
      case 'add-members':
        return this.addMembers(op, ctx);
      case 'create-group':
        return this.createGroup(op, ctx);
    }
  }

  /** Path form, then path-less form, then PUT of the full user; each checked by a read. */
  private async setActive(
    op: Extract<WriteOp, { userId: string }>,
    active: boolean,
    ctx: Ctx,
  ): Promise<WriteResult> {
    const path = resourcePath('Users', op.userId);
    const before = await this.read('Users', op.userId, ctx);
    if (!before) return this.goneResult(op, active, null);
    const name = describeUser(before.raw, op.userId);
    const dialects: { via: string; send: () => Promise<ScimResponse> }[] = [];
    if (ctx.patch) {
      dialects.push({
        via: 'patch',
        send: () => this.patch(path, req.setActiveByPath(active), before, ctx),
      });
      dialects.push({
        via: 'patch-pathless',
        send: () => this.patch(path, req.setActiveWithoutPath(active), before, ctx),
      });
    }
    dialects.push({
      via: 'put',
      send: () => this.put(path, { ...stripMeta(before.raw), active }, before, ctx),
    });

    let lastError: ScimError | null = null;
    let accepted = false;
    for (const dialect of dialects) {
      try {
        const res = await dialect.send();
        if (res.status === 404) return this.goneResult(op, active, before.raw);
        accepted = true;
      } catch (err) {
        if (!isDialectRefusal(err)) throw err;
        lastError = err;
        continue;
      }
      const after = await this.read('Users', op.userId, ctx);
      if (!after) return this.goneResult(op, active, before.raw);
      const user = toTenantUser(after.raw);
      if (user && user.active === active) {
        return {
          op,
          via: dialect.via,
          before: before.raw,
          after: user,
          createdId: null,
          notes: [],
        };
      }
    }
    throw !accepted && lastError
      ? lastError
      : verificationFailed(
          `The server accepted ${active ? 'reactivating' : 'deactivating'} ${name} but the user is still ${active ? 'inactive' : 'active'} when read back.`,
          'PATCH',
          path,
        );
  }

  /** A user gone after a deactivation counts as done (some products delete on deactivate). */
  private goneResult(op: WriteOp, active: boolean, before: Record<string, unknown> | null) {
    if (active) {
      throw new ScimError(
        'not-found',
        'The user no longer exists in the tenant, so it cannot be reactivated. Recreate it from JumpCloud.',
        { status: 404 },
      );
    }
    const notes = before ? ['The server removed the user instead of only deactivating it.'] : [];
    return {
      op,
      via: before ? 'deleted-by-server' : 'already-done',
      before,
      after: null,
      createdId: null,
      notes,
    };
  }

  private async delete(op: WriteOp, type: 'Users' | 'Groups', id: string, ctx: Ctx) {
    const path = resourcePath(type, id);
    const before = await this.read(type, id, ctx);
    if (!before)
      return { op, via: 'already-done', before: null, after: null, createdId: null, notes: [] };
    await this.send('DELETE', path, undefined, before, ctx);
    const after = await this.read(type, id, ctx);
    if (after) {
      const what =
        type === 'Users'
          ? `user ${describeUser(after.raw, id)}`
          : `group "${String(after.raw.displayName ?? id)}"`;
      throw verificationFailed(
        `The server accepted deleting ${what} but it still exists when read back.`,
        'DELETE',
        path,
      );
    }
    return { op, via: 'delete', before: before.raw, after: null, createdId: null, notes: [] };
  }

  private async removeMember(op: Extract<WriteOp, { type: 'remove-member' }>, ctx: Ctx) {
    const path = resourcePath('Groups', op.groupId);
    const before = await this.readGroup(op.groupId, ctx);
    const members = before.group.members;
    if (members === null) {
      throw verificationFailed(
        `The server does not show the members of group "${before.group.displayName}", so removing one could not be checked. Nothing was sent.`,
        'GET',
        path,
      );
    }
    if (!members.includes(op.userId)) {
      return {
        op,
        via: 'already-done',
        before: before.raw,
        after: before.group,
        createdId: null,
        notes: [],
      };
    }
    let via = 'patch';
    try {
      await this.patch(path, req.removeMemberByFilter(op.userId), before, ctx);
    } catch (err) {
      if (isNoTarget(err)) {
        via = 'already-done';
      } else if (isPathRefusal(err)) {
        via = 'patch-members-value';
        await this.patch(path, req.removeMemberByValue(op.userId), before, ctx);
      } else {
        throw err;
      }
    }
    const after = await this.readGroup(op.groupId, ctx);
    // A group emptied by the removal may come back without a `members` attribute at all.
    const afterMembers = after.group.members ?? [];
    const lost = members.filter((m) => m !== op.userId && !afterMembers.includes(m));
    if (lost.length > 0) {
      await this.patch(path, req.addMembersBody(lost), after, ctx).catch(() => undefined);
      throw verificationFailed(
        `Removing one member from group "${before.group.displayName}" made the server drop ${lost.length} other member(s) too; the client tried to put them back. Check the group.`,
        'PATCH',
        path,
      );
    }
    if (afterMembers.includes(op.userId)) {
      throw verificationFailed(
        `The server accepted removing the member from group "${before.group.displayName}" but the user is still a member when read back.`,
        'PATCH',
        path,
      );
    }
    return { op, via, before: before.raw, after: after.group, createdId: null, notes: [] };
  }

  private async addMembers(op: Extract<WriteOp, { type: 'add-members' }>, ctx: Ctx) {
    const path = resourcePath('Groups', op.groupId);
    const before = await this.readGroup(op.groupId, ctx);
    const known = before.group.members ?? [];
    const missing = op.userIds.filter((id) => !known.includes(id));
    if (missing.length > 0) await this.patch(path, req.addMembersBody(missing), before, ctx);
    const after = await this.readGroup(op.groupId, ctx);
    const absent = op.userIds.filter((id) => !(after.group.members ?? []).includes(id));
    if (absent.length > 0) {
      throw verificationFailed(
        `The server accepted adding ${missing.length} member(s) to group "${before.group.displayName}" but ${absent.length} are not members when read back.`,
        'PATCH',
        path,
      );
    }
    const via = missing.length ? 'patch' : 'already-done';
    return { op, via, before: before.raw, after: after.group, createdId: null, notes: [] };
  }

  private async createGroup(op: Extract<WriteOp, { type: 'create-group' }>, ctx: Ctx) {
    const res = await this.send('POST', '/Groups', req.createGroupBody(op), null, ctx);
    const id = isRecord(res.json) && res.json.id !== undefined ? String(res.json.id) : null;
    if (!id) {
      throw verificationFailed(
        `The server accepted creating group "${op.displayName}" but did not say its id; look for it in the tenant before trying again.`,
        'POST',
        '/Groups',
      );
    }
    const notes: string[] = [];
    let after = await this.readGroup(id, ctx);
    const absent = op.members.filter((m) => !(after.group.members ?? []).includes(m));
    if (absent.length > 0) {
      // Some servers ignore members on create and only take them by PATCH.
      await this.patch(resourcePath('Groups', id), req.addMembersBody(absent), after, ctx);
      after = await this.readGroup(id, ctx);
      notes.push(
        'The server ignored the members sent with the new group; they were added afterwards.',
      );
    }
    const still = op.members.filter((m) => !(after.group.members ?? []).includes(m));
    if (still.length > 0) {
      throw verificationFailed(
        `Group "${op.displayName}" was created (id ${id}) but ${still.length} of its members are missing when read back.`,
        'POST',
        '/Groups',
      );
    }
    return { op, via: 'post', before: null, after: after.group, createdId: id, notes };
  }

  /** A group as read now (members null when the server left them out); throws when gone. */
  private async readGroup(id: string, ctx: Ctx): Promise<Current & { group: TenantGroup }> {
    const current = await this.read('Groups', id, ctx);
    const group = current ? toTenantGroup(current.raw) : null;
    if (!current || !group) {
      throw new ScimError('not-found', `Group ${id} no longer exists in the tenant.`, {
        status: 404,
      });
    }
    return { ...current, group };
  }

  /** Reads a resource; null for a SCIM-shaped 404. */
  private async read(type: 'Users' | 'Groups', id: string, ctx: Ctx): Promise<Current | null> {
    const path = resourcePath(type, id);
    const res = await this.transport.get(path, { signal: ctx.signal, acceptStatus: [404] });
    if (res.status === 404) {
      if (isScimNotFound(res)) return null;
      throw new ScimError(
        'not-found',
        `The server answered 404 for ${path} with a web page, not SCIM. Check the base URL.`,
        {
          status: 404,
          method: 'GET',
          path,
          raw: res.text.slice(0, 4096),
        },
      );
    }
    if (!isRecord(res.json)) {
      throw new ScimError('not-scim', `The server's answer for ${path} is not a SCIM object.`, {
        status: res.status,
        method: 'GET',
        path,
      });
    }
    const meta = isRecord(res.json.meta) ? res.json.meta : {};
    const etag = res.headers.etag ?? (typeof meta.version === 'string' ? meta.version : null);
    return { raw: res.json, etag };
  }

  private patch(path: string, body: unknown, current: Current, ctx: Ctx) {
    return this.send('PATCH', path, body, current, ctx);
  }

  private put(path: string, body: unknown, current: Current, ctx: Ctx) {
    return this.send('PUT', path, body, current, ctx);
  }

  /** Sends a write; a SCIM-shaped 404 comes back as a response (the object is gone). */
  private async send(
    method: string,
    path: string,
    body: unknown,
    current: Current | null,
    ctx: Ctx,
  ) {
    const headers: Record<string, string> = {};
    if (ctx.etag && current?.etag) headers['if-match'] = current.etag;
    const res = await this.transport.request(method, path, {
      body,
      headers,
      signal: ctx.signal,
      acceptStatus: [404],
    });
    if (res.status === 404 && !isScimNotFound(res)) {
      throw new ScimError(
        'not-found',
        `The server answered 404 for ${method} ${path} with a web page, not SCIM. Check the base URL.`,
        {
          status: 404,
          method,
          path,
          raw: res.text.slice(0, 4096),
        },
      );
    }
    return res;
  }
}

interface Ctx {
  signal?: AbortSignal;
  etag: boolean;
  patch: boolean;
}

function isScimNotFound(res: ScimResponse): boolean {
  return res.text.trim() === '' ? !/html/i.test(res.contentType) : isScimErrorBody(res.text);
}

/** Refusals that mean "try the next dialect": a 400 about the request shape, 405, 501. */
function isDialectRefusal(err: unknown): err is ScimError {
  return err instanceof ScimError && (err.kind === 'bad-request' || err.kind === 'unsupported');
}

/** An explicit 400 about the path (the only reason to try the other member-remove form). */
function isPathRefusal(err: unknown): boolean {
  if (!(err instanceof ScimError) || err.status !== 400) return false;
  return /path|filter|invalidValue/i.test(`${err.scimType ?? ''} ${err.detail ?? ''}`);
}

/** `noTarget`: the member to remove is not there (someone else removed it first). */
function isNoTarget(err: unknown): boolean {
  return err instanceof ScimError && err.scimType === 'noTarget';
}

function stripMeta(raw: Record<string, unknown>): Record<string, unknown> {
  const { meta: _meta, ...rest } = raw;
  return rest;
}

function describeUser(raw: Record<string, unknown>, id: string): string {
  return typeof raw.userName === 'string' ? `"${raw.userName}"` : id;
}

function verificationFailed(message: string, method: string, path: string): ScimError {
  return new ScimError('verification-failed', message, { method, path });
}
