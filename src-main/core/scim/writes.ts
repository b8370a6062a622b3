/**
 * Verified writes. Each sends the RFC form first, falls back through the dialects real servers
 * speak, and then reads the object back: a 200, a 204 or a 404 alone proves nothing. When the
 * read-back does not show the effect, the write fails with `verification-failed` naming what is
 * missing.
 */
import type { Discovery } from './discovery';
import { addMembers, createGroup, removeMember } from './group-writes';
import type { ScimTransport } from './transport';
import { deleteResource, setActive } from './user-writes';
import { WriteIo, type WriteResult } from './write-io';
import * as req from './write-requests';
import type { PlannedRequest, WriteOp } from './write-requests';

export type { FallbackRequest, PlannedRequest, WriteOp } from './write-requests';
export type { WriteResult } from './write-io';

export interface WriteOptions {
  signal?: AbortSignal;
  /**
   * Users that may leave groups on their own meanwhile (a repair run deactivating or deleting
   * them at the same time): a member removal that sees them gone does not put them back.
   */
  leaving?: ReadonlySet<string>;
}

export interface ScimWriter {
  /**
   * The write request(s) `applyWrite(op)` sends on its primary path (each then read back), each
   * with the fallbacks it may send instead or after. Reflects ServiceProviderConfig once
   * discovery has been read (`discover()` or a snapshot).
   */
  describeWrite(op: WriteOp): PlannedRequest[];
  /** Sends `op` with its fallbacks and verifies it; throws ScimError when it cannot. */
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

/**
 * Builds the write half of the client on a transport and its (lazily read) discovery.
 * `known` gives the discovery already read, if any, for previews (which must not wait).
 */
export function createWriter(
  transport: ScimTransport,
  discovery: () => Promise<Discovery>,
  known: () => Discovery | null,
): ScimWriter {
  const apply = async (op: WriteOp, opts: WriteOptions = {}) => {
    const found = await discovery();
    const io = new WriteIo(transport, {
      signal: opts.signal,
      etag: found.etag.supported,
      patch: found.patch.supported,
    });
    return dispatch(io, op, opts);
  };
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

function dispatch(io: WriteIo, op: WriteOp, opts: WriteOptions): Promise<WriteResult> {
  switch (op.type) {
    case 'deactivate-user':
      return setActive(io, op, false);
    case 'reactivate-user':
      return setActive(io, op, true);
    case 'delete-user':
      return deleteResource(io, op, 'Users', op.userId);
    case 'delete-group':
      return deleteResource(io, op, 'Groups', op.groupId);
    case 'remove-member':
      return removeMember(io, op, opts.leaving);
    case 'add-members':
      return addMembers(io, op);
    case 'create-group':
      return createGroup(io, op);
  }
}
