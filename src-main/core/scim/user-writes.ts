/**
 * User writes: (de)activation through the dialects real servers speak, and deletes of users or
 * groups. Each is read back, a 404 to the write included: a server may answer 404 and change
 * nothing. A user gone on that read counts as deactivated (some products delete on deactivate);
 * gone before reactivation is an error.
 */
import { ScimError } from './errors';
import { toTenantUser } from './normalise';
import type { ScimResponse } from './transport';
import { resourcePath } from './url';
import {
  alreadyDone,
  answerTo,
  verificationFailed,
  type Current,
  type WriteIo,
  type WriteResult,
} from './write-io';
import * as req from './write-requests';
import type { WriteOp } from './write-requests';

type UserOp = Extract<WriteOp, { userId: string }>;

interface Dialect {
  via: string;
  method: 'PATCH' | 'PUT';
  send: () => Promise<ScimResponse>;
}

/** Path form, then path-less form, then PUT of the full user; each checked by a read. */
export async function setActive(io: WriteIo, op: UserOp, active: boolean): Promise<WriteResult> {
  const path = resourcePath('Users', op.userId);
  const before = await io.read('Users', op.userId);
  if (!before) return gone(op, active, null);
  const current = toTenantUser(before.raw);
  // Already as wanted (a resumed run, or someone else did it): nothing to send.
  if (current && current.active === active) return alreadyDone(op, before.raw, current);

  const dialects = dialectsFor(io, path, active, before);
  const name = typeof before.raw.userName === 'string' ? `"${before.raw.userName}"` : op.userId;
  const goal = active ? 'reactivating' : 'deactivating';
  const unchanged = active ? 'inactive' : 'active';
  let refusal: ScimError | null = null;
  let last: Dialect | null = null;
  for (const dialect of dialects) {
    let res: ScimResponse;
    try {
      res = await dialect.send();
    } catch (err) {
      if (!isDialectRefusal(err)) throw err;
      refusal = err;
      continue;
    }
    last = dialect;

    // Whatever the status said, only the read tells what happened.
    const after = await io.read('Users', op.userId);
    if (!after) return gone(op, active, before.raw);
    const user = toTenantUser(after.raw);
    if (user && user.active === active) {
      return { op, via: dialect.via, before: before.raw, after: user, createdId: null, notes: [] };
    }
    // A 404 for a user that is plainly there: the server is wrong about the user itself, and
    // another dialect to the same address would get the same answer.
    if (res.status === 404) {
      throw verificationFailed(
        `The server answered 404 to ${goal} user ${name}, as if the user did not exist, but the user is still there and still ${unchanged} when read back. Check the user in the tenant.`,
        dialect.method,
        path,
      );
    }
  }
  // Refused every way: the server's own reason says most. Accepted but without effect: ours.
  if (!last && refusal) throw refusal;
  throw verificationFailed(
    `The server accepted ${goal} user ${name} but the user is still ${unchanged} when read back.`,
    last?.method ?? 'PATCH',
    path,
  );
}

/** The ways to set `active`, in the order they are tried. */
function dialectsFor(io: WriteIo, path: string, active: boolean, before: Current): Dialect[] {
  const put: Dialect = {
    via: 'put',
    method: 'PUT',
    send: () => io.put(path, { ...withoutMeta(before.raw), active }, before),
  };
  if (!io.settings.patch) return [put];
  return [
    {
      via: 'patch',
      method: 'PATCH',
      send: () => io.patch(path, req.setActiveByPath(active), before),
    },
    {
      via: 'patch-pathless',
      method: 'PATCH',
      send: () => io.patch(path, req.setActiveWithoutPath(active), before),
    },
    put,
  ];
}

/** Deletes a user or group; absent already counts as done, still present after is a failure. */
export async function deleteResource(
  io: WriteIo,
  op: WriteOp,
  type: 'Users' | 'Groups',
  id: string,
): Promise<WriteResult> {
  const path = resourcePath(type, id);
  const before = await io.read(type, id);
  if (!before) return alreadyDone(op, null, null);
  const res = await io.send('DELETE', path, undefined, before);
  const after = await io.read(type, id);
  if (after) {
    const what =
      type === 'Users'
        ? `user "${String(after.raw.userName ?? id)}"`
        : `group "${String(after.raw.displayName ?? id)}"`;
    throw verificationFailed(
      `The server ${answerTo(res.status)} deleting ${what} but it still exists when read back.`,
      'DELETE',
      path,
    );
  }
  return { op, via: 'delete', before: before.raw, after: null, createdId: null, notes: [] };
}

function gone(op: WriteOp, active: boolean, before: Record<string, unknown> | null): WriteResult {
  if (active) {
    throw new ScimError(
      'not-found',
      'The user no longer exists in the tenant, so it cannot be reactivated. JumpCloud will recreate it on its next sync if the user should have access.',
      { status: 404 },
    );
  }
  if (!before) return alreadyDone(op, null, null);
  const notes = ['The server removed the user instead of only deactivating it.'];
  return { op, via: 'deleted-by-server', before, after: null, createdId: null, notes };
}

/** Refusals that mean "try the next dialect": a 400 about the request shape, 405, 501. */
function isDialectRefusal(err: unknown): err is ScimError {
  return err instanceof ScimError && (err.kind === 'bad-request' || err.kind === 'unsupported');
}

function withoutMeta(raw: Record<string, unknown>): Record<string, unknown> {
  const { meta: _meta, ...rest } = raw;
  return rest;
}
