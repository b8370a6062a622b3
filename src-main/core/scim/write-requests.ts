/**
 * The exact requests behind each write, shared by the writer (which sends them) and previews
 * (which show them). Ops are lower case and members are removed with the RFC's filter path:
 * the `path: "members"` + value form empties the whole group on some strict servers.
 */
import { filterLiteral } from './reads';
import { resourcePath } from './url';

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** One write a repair can ask for. Ids are the tenant's opaque ids. */
export type WriteOp =
  | { type: 'deactivate-user' | 'reactivate-user' | 'delete-user'; userId: string }
  | { type: 'remove-member'; groupId: string; userId: string }
  | { type: 'add-members'; groupId: string; userIds: string[] }
  | { type: 'delete-group'; groupId: string }
  | {
      type: 'create-group';
      displayName: string;
      externalId: string | null;
      members: string[];
    };

/** A request as a preview shows it: path below the base URL, body as JSON; never the token. */
export interface RequestLine {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body: unknown;
}

/** A request the writer sends only when the server's answer calls for it. */
export interface FallbackRequest extends RequestLine {
  /** When it is sent, as a sentence an admin can check against the server's behaviour. */
  when: string;
}

export interface PlannedRequest extends RequestLine {
  /** What may be sent instead of this request or after it, in the order it would be sent. */
  fallbacks?: FallbackRequest[];
}

interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path?: string;
  value?: unknown;
}

export function patchBody(...operations: PatchOperation[]) {
  return { schemas: [PATCH_SCHEMA], Operations: operations };
}

export function setActiveByPath(active: boolean) {
  return patchBody({ op: 'replace', path: 'active', value: active });
}

export function setActiveWithoutPath(active: boolean) {
  return patchBody({ op: 'replace', value: { active } });
}

export function removeMemberByFilter(userId: string) {
  return patchBody({ op: 'remove', path: `members[value eq ${filterLiteral(userId)}]` });
}

export function removeMemberByValue(userId: string) {
  return patchBody({ op: 'remove', path: 'members', value: [{ value: userId }] });
}

export function addMembersBody(userIds: string[]) {
  return patchBody({ op: 'add', path: 'members', value: userIds.map((value) => ({ value })) });
}

export function createGroupBody(op: Extract<WriteOp, { type: 'create-group' }>) {
  return {
    schemas: [GROUP_SCHEMA],
    displayName: op.displayName,
    ...(op.externalId ? { externalId: op.externalId } : {}),
    members: op.members.map((value) => ({ value })),
  };
}

/**
 * The write request(s) the primary path sends for `op`, each with the fallbacks the writer may
 * send instead or after, depending on the server's answers. `patchSupported: false` (from
 * ServiceProviderConfig) switches (de)activation to a full PUT of the user as read just before,
 * shown here as the one changed attribute.
 */
export function describeWrite(op: WriteOp, patchSupported = true): PlannedRequest[] {
  switch (op.type) {
    case 'deactivate-user':
    case 'reactivate-user':
      return [describeSetActive(op.userId, op.type === 'reactivate-user', patchSupported)];
    case 'delete-user':
      return [{ method: 'DELETE', path: resourcePath('Users', op.userId), body: null }];
    case 'remove-member':
      return [describeRemoveMember(op.groupId, op.userId)];
    case 'add-members':
      return [
        {
          method: 'PATCH',
          path: resourcePath('Groups', op.groupId),
          body: addMembersBody(op.userIds),
        },
      ];
    case 'delete-group':
      return [{ method: 'DELETE', path: resourcePath('Groups', op.groupId), body: null }];
    case 'create-group':
      return [describeCreateGroup(op)];
  }
}

// Placeholders for what is only known when the write runs; the `when` text says where from.
const USER_AS_READ = { '…': 'the user as read just before' };
const DROPPED_MEMBERS = [{ value: '…each other member the read-back no longer shows' }];
const NEW_GROUP_PATH = '/Groups/{id the server gives the new group}';

function describeSetActive(userId: string, active: boolean, patchSupported: boolean) {
  const path = resourcePath('Users', userId);
  const put: RequestLine = { method: 'PUT', path, body: { ...USER_AS_READ, active } };
  if (!patchSupported) return put;
  const request: PlannedRequest = { method: 'PATCH', path, body: setActiveByPath(active) };
  request.fallbacks = [
    {
      method: 'PATCH',
      path,
      body: setActiveWithoutPath(active),
      when: `Instead, if the server refuses the path form as a bad request (400, 422 and the like) or as unsupported (405, 501), or answers success but the user reads back still ${active ? 'inactive' : 'active'}.`,
    },
    {
      ...put,
      when: 'Instead, if the path-less form is refused or changes nothing in the same way. The body is the whole user as read just before, with only active changed.',
    },
  ];
  return request;
}

function describeRemoveMember(groupId: string, userId: string): PlannedRequest {
  const path = resourcePath('Groups', groupId);
  return {
    method: 'PATCH',
    path,
    body: removeMemberByFilter(userId),
    fallbacks: [
      {
        method: 'PATCH',
        path,
        body: removeMemberByValue(userId),
        when: 'Instead, only if the server answers 400 about the filter path (invalidPath, invalidFilter, invalidValue, or a detail naming the path or filter).',
      },
      {
        method: 'PATCH',
        path,
        body: patchBody({ op: 'add', path: 'members', value: DROPPED_MEMBERS }),
        when: 'Afterwards, only if the group reads back without other members too: puts them back, and the removal is reported as failed.',
      },
    ],
  };
}

function describeCreateGroup(op: Extract<WriteOp, { type: 'create-group' }>): PlannedRequest {
  const request: PlannedRequest = { method: 'POST', path: '/Groups', body: createGroupBody(op) };
  if (op.members.length === 0) return request;
  request.fallbacks = [
    {
      method: 'PATCH',
      path: NEW_GROUP_PATH,
      body: addMembersBody(op.members),
      when: 'Afterwards, only if the new group reads back without some of these members: adds the missing ones (the body then lists only those).',
    },
  ];
  return request;
}
