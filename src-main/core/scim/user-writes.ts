/**
 * User writes: (de)activation through the dialects real servers speak, and deletes of users or
 * groups. Each is read back; a user gone after deactivation counts as done (some products
 * delete on deactivate), a user gone before reactivation is an error.
 */
import { ScimError } from './errors';
import { toTenantUser } from './normalise';
import type { ScimResponse } from './transport';
import { resourcePath } from './url';
import { alreadyDone, verificationFailed, type WriteIo, type WriteResult } from './write-io';
import * as req from './write-requests';
import type { WriteOp } from './write-requests';

type UserOp = Extract<WriteOp, { userId: string }>;

/** Path form, then path-less form, then PUT of the full user; each checked by a read. */
export async function setActive(io: WriteIo, op: UserOp, active: boolean): Promise<WriteResult> {
  const path = resourcePath('Users', op.userId);
  const before = await io.read('Users', op.userId);
  if (!before) return gone(op, active, null);
  const current = toTenantUser(before.raw);
  // Already as wanted (a resumed run, or someone else did it): nothing to send.
  if (current && current.active === active) return alreadyDone(op, before.raw, current);

  const dialects: { via: string; send: () => Promise<ScimResponse> }[] = [];
  if (io.settings.patch) {
    dialects.push({
      via: 'patch',
      send: () => io.patch(path, req.setActiveByPath(active), before),
    });
    dialects.push({
      via: 'patch-pathless',
      send: () => io.patch(path, req.setActiveWithoutPath(active), before),
    });
  }
  dialects.push({
    via: 'put',
    send: () => io.put(path, { ...withoutMeta(before.raw), active }, before),
  });

  let refusal: ScimError | null = null;
  let accepted = false;
  for (const dialect of dialects) {
    try {
      const res = await dialect.send();
      if (res.status === 404) return gone(op, active, before.raw);
    } catch (err) {
      if (!isDialectRefusal(err)) throw err;
      refusal = err;
      continue;
    }
    accepted = true;
    const after = await io.read('Users', op.userId);
    if (!after) return gone(op, active, before.raw);
    const user = toTenantUser(after.raw);
    if (user && user.active === active) {
      return { op, via: dialect.via, before: before.raw, after: user, createdId: null, notes: [] };
    }
  }
  // Refused every way: the server's own reason says most. Accepted but without effect: ours.
  if (!accepted && refusal) throw refusal;
  const name = typeof before.raw.userName === 'string' ? `"${before.raw.userName}"` : op.userId;
  throw verificationFailed(
    `The server accepted ${active ? 'reactivating' : 'deactivating'} user ${name} but the user is still ${active ? 'inactive' : 'active'} when read back.`,
    'PATCH',
    path,
  );
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
  await io.send('DELETE', path, undefined, before);
  const after = await io.read(type, id);
  if (after) {
    const what =
      type === 'Users'
        ? `user "${String(after.raw.userName ?? id)}"`
        : `group "${String(after.raw.displayName ?? id)}"`;
    throw verificationFailed(
      `The server accepted deleting ${what} but it still exists when read back.`,
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
