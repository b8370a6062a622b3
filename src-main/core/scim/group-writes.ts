/**
 * Group writes: remove one member, add members, recreate a group. Member removal uses the RFC
 * filter path and falls back to the members-value form only on an explicit 400 about the path,
 * comparing member lists before and after, because that form empties whole groups on some
 * strict servers.
 */
import { ScimError, isRecord } from './errors';
import { resourcePath } from './url';
import {
  alreadyDone,
  answerTo,
  verificationFailed,
  type WriteIo,
  type WriteResult,
} from './write-io';
import * as req from './write-requests';
import type { WriteOp } from './write-requests';

export async function removeMember(
  io: WriteIo,
  op: Extract<WriteOp, { type: 'remove-member' }>,
  leaving: ReadonlySet<string> = new Set(),
): Promise<WriteResult> {
  const path = resourcePath('Groups', op.groupId);
  const before = await io.readGroup(op.groupId);
  const members = before.group.members;
  const name = before.group.displayName;
  if (members === null) {
    throw verificationFailed(
      `The server does not show the members of group "${name}", so removing one could not be checked. Nothing was sent.`,
      'GET',
      path,
    );
  }
  if (!members.includes(op.userId)) return alreadyDone(op, before.raw, before.group);

  // A 404 to the PATCH is read back like any answer: the group may well still be there.
  let via = 'patch';
  let status = 200;
  try {
    status = (await io.patch(path, req.removeMemberByFilter(op.userId), before)).status;
  } catch (err) {
    if (isNoTarget(err)) {
      via = 'already-done';
    } else if (isPathRefusal(err)) {
      via = 'patch-members-value';
      status = (await io.patch(path, req.removeMemberByValue(op.userId), before)).status;
    } else {
      throw err;
    }
  }

  const after = await io.readGroup(op.groupId);
  // A group emptied by the removal may come back without a `members` attribute at all.
  const afterMembers = after.group.members ?? [];
  const lost = members.filter(
    (m) => m !== op.userId && !afterMembers.includes(m) && !leaving.has(m),
  );
  if (lost.length > 0) {
    await io.patch(path, req.addMembersBody(lost), after).catch(() => undefined);
    throw verificationFailed(
      `Removing one member from group "${name}" made the server drop ${lost.length} other member(s) too; the client tried to put them back. Check the group.`,
      'PATCH',
      path,
    );
  }
  if (afterMembers.includes(op.userId)) {
    throw verificationFailed(
      `The server ${answerTo(status)} removing the member from group "${name}" but the user is still a member when read back.`,
      'PATCH',
      path,
    );
  }
  return { op, via, before: before.raw, after: after.group, createdId: null, notes: [] };
}

export async function addMembers(
  io: WriteIo,
  op: Extract<WriteOp, { type: 'add-members' }>,
): Promise<WriteResult> {
  const path = resourcePath('Groups', op.groupId);
  const before = await io.readGroup(op.groupId);
  const known = before.group.members ?? [];
  const missing = op.userIds.filter((id) => !known.includes(id));
  let status = 200;
  if (missing.length > 0)
    status = (await io.patch(path, req.addMembersBody(missing), before)).status;

  const after = await io.readGroup(op.groupId);
  const absent = op.userIds.filter((id) => !(after.group.members ?? []).includes(id));
  if (absent.length > 0) {
    throw verificationFailed(
      `The server ${answerTo(status)} adding ${missing.length} member(s) to group "${before.group.displayName}" but ${absent.length} are not members when read back.`,
      'PATCH',
      path,
    );
  }
  const via = missing.length ? 'patch' : 'already-done';
  return { op, via, before: before.raw, after: after.group, createdId: null, notes: [] };
}

/**
 * POSTs the group; members a server ignored on create are added by PATCH, then checked. A 404 to
 * the POST is an error (the server has no /Groups), never taken as created.
 */
export async function createGroup(
  io: WriteIo,
  op: Extract<WriteOp, { type: 'create-group' }>,
): Promise<WriteResult> {
  const res = await io.create('/Groups', req.createGroupBody(op));
  const id = isRecord(res.json) && res.json.id !== undefined ? String(res.json.id) : null;
  if (!id) {
    throw verificationFailed(
      `The server accepted creating group "${op.displayName}" but did not say its id; look for it in the tenant before trying again.`,
      'POST',
      '/Groups',
    );
  }

  const notes: string[] = [];
  let after = await io.readGroup(id);
  const absent = op.members.filter((m) => !(after.group.members ?? []).includes(m));
  if (absent.length > 0) {
    await io.patch(resourcePath('Groups', id), req.addMembersBody(absent), after);
    after = await io.readGroup(id);
    notes.push('The server ignored the members sent with the new group; they were added after.');
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

/** An explicit 400 about the path (the only reason to try the other member-remove form). */
function isPathRefusal(err: unknown): boolean {
  if (!(err instanceof ScimError) || err.status !== 400) return false;
  return /path|filter|invalidValue/i.test(`${err.scimType ?? ''} ${err.detail ?? ''}`);
}

/** `noTarget`: the member to remove is not there (someone else removed it first). */
function isNoTarget(err: unknown): boolean {
  return err instanceof ScimError && err.scimType === 'noTarget';
}
