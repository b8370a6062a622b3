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
export interface PlannedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body: unknown;
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
 * The write request(s) the primary path sends for `op`. `patchSupported: false` (from
 * ServiceProviderConfig) switches (de)activation to a full PUT of the user as read just
 * before, shown here as the one changed attribute.
 */
export function describeWrite(op: WriteOp, patchSupported = true): PlannedRequest[] {
  switch (op.type) {
    case 'deactivate-user':
    case 'reactivate-user': {
      const active = op.type === 'reactivate-user';
      const path = resourcePath('Users', op.userId);
      if (!patchSupported) {
        return [{ method: 'PUT', path, body: { '…': 'the user as read just before', active } }];
      }
      return [{ method: 'PATCH', path, body: setActiveByPath(active) }];
    }
    case 'delete-user':
      return [{ method: 'DELETE', path: resourcePath('Users', op.userId), body: null }];
    case 'remove-member':
      return [
        {
          method: 'PATCH',
          path: resourcePath('Groups', op.groupId),
          body: removeMemberByFilter(op.userId),
        },
      ];
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
      return [{ method: 'POST', path: '/Groups', body: createGroupBody(op) }];
  }
}
