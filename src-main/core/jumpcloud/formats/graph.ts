/**
 * JumpCloud's v2 graph, as API dumps and backup association files carry it: user groups,
 * applications, and the associations between objects. An association is read as an edge between
 * two typed objects; user to user group is a membership, application to user group a binding.
 * The same reader takes the API's camelCase (`{to: {id, type}}`, `{id, type, paths}`) and the
 * PowerShell SDK's flattened PascalCase (`{ToId, ToType, FromId}`, `{Id, Type, Paths}`).
 */
import type { DirectoryBuilder } from '../builder';
import type { FileTally } from '../tally';
import { ImportError, preview } from '../errors';
import { normaliseKey, isObject, type RecordSet } from '../records';
import { isJumpCloudId, jumpCloudId, requireText, text } from '../values';

/** The object an association dump is about, when the records do not say (API dumps). */
export interface GraphContext {
  type: string | null;
  id: string | null;
}

interface Endpoint {
  type: string | null;
  id: string | null;
}

/** `/usergroups` or `UserGroup.json`: groups with ids, names and how members are chosen. */
export function readUserGroups(set: RecordSet, builder: DirectoryBuilder): void {
  for (let row = 0; row < set.count; row++) {
    const type = text(set.value(row, 'type'));
    if (type !== null && type !== 'user_group') {
      throw set.fieldError(row, 'type', 'a user group', preview(type));
    }
    const name = requireText(set, row, 'name');
    if (name === null) throw set.fieldError(row, 'name', 'a group name');
    builder.addGroup({
      id: jumpCloudId(set, row, set.has('_id') ? '_id' : 'id', 'user group'),
      name,
      dynamic: isDynamic(set.value(row, 'membershipMethod'), set.value(row, 'memberQuery')),
    });
  }
}

// JumpCloud's membershipMethod: STATIC, DYNAMIC_REVIEW_REQUIRED or DYNAMIC_AUTOMATED.
function isDynamic(method: unknown, query: unknown): boolean {
  const word = text(method);
  if (word !== null) return word.toUpperCase().startsWith('DYNAMIC');
  return isObject(query) && Object.keys(query).length > 0;
}

/** Names of applications (`Application.json`, v1 `/applications`), for choosing bindings. */
export function readApplications(set: RecordSet, builder: DirectoryBuilder): void {
  for (let row = 0; row < set.count; row++) {
    const id = jumpCloudId(set, row, set.has('_id') ? '_id' : 'id', 'application');
    if (id === null) continue;
    const names = ['displayLabel', 'displayName', 'name']
      .map((key) => text(set.value(row, key)))
      .filter((name): name is string => name !== null);
    builder.bindings.nameApplication(id, names);
  }
}

/** Association records: memberships and bindings; other pairs are counted as skipped. */
export function readAssociations(
  set: RecordSet,
  builder: DirectoryBuilder,
  tally: FileTally,
  context: GraphContext,
): void {
  for (let row = 0; row < set.count; row++) {
    const { from, to } = edgeOf(set, row, context);
    const pair = [from.type, to.type].sort().join(' and ');
    if (pair === 'user and user_group') {
      const [user, group] = from.type === 'user' ? [from, to] : [to, from];
      const groupSlot = builder.addGroup(
        { id: requireId(set, row, group, 'user group') },
        {
          file: set.file,
          location: set.where(row),
        },
      );
      builder.addMember(groupSlot, builder.addUser({ id: requireId(set, row, user, 'user') }));
    } else if (pair === 'application and user_group') {
      const [application, group] = from.type === 'application' ? [from, to] : [to, from];
      const origin = { file: set.file, location: set.where(row) };
      const groupSlot = builder.addGroup({ id: requireId(set, row, group, 'user group') }, origin);
      builder.bindings.bind(groupSlot, application.id?.toLowerCase() ?? null);
    } else {
      tally.skip(`association between ${pair.replace(/_/g, ' ')} (not used by the audit)`);
    }
  }
}

/** Both ends of one association record, filling the missing end from the context. */
function edgeOf(
  set: RecordSet,
  row: number,
  context: GraphContext,
): { from: Endpoint; to: Endpoint } {
  let to: Endpoint;
  let from: Endpoint = { type: null, id: null };
  const nestedTo = nested(set, row, 'to');
  if (isObject(nestedTo) || set.has('toId')) {
    // A connection: {from?, to} or the flattened {FromId?, FromType?, ToId, ToType}.
    to = isObject(nestedTo) ? endpoint(nestedTo) : flat(set, row, 'to');
    const nestedFrom = nested(set, row, 'from');
    from = isObject(nestedFrom) ? endpoint(nestedFrom) : flat(set, row, 'from');
  } else {
    // An object reached through paths: {id, type, paths: [[first hop, ...], ...]}.
    to = { type: text(set.value(row, 'type')), id: text(set.value(row, 'id')) };
    const firstHop = firstHopOf(nested(set, row, 'paths'));
    if (firstHop) from = firstHop;
  }
  if (to.type === null || to.id === null) {
    throw new ImportError(
      set.file,
      set.where(row),
      'an association with a target id and type ({to: {id, type}} or {id, type, paths})',
    );
  }
  // Users only join groups and groups only bind to applications, so the missing end's type
  // follows from the target's when the dump does not say whose list it is.
  const inferred =
    to.type === 'user' ? 'user_group' : to.type === 'user_group' ? 'application' : null;
  if (from.type === null) from = { type: context.type ?? inferred, id: from.id };
  if (from.id === null) from = { type: from.type, id: context.id };
  return { from, to };
}

function endpoint(value: Record<string, unknown>): Endpoint {
  return { type: text(get(value, 'type')), id: text(get(value, 'id')) };
}

function flat(set: RecordSet, row: number, side: 'from' | 'to'): Endpoint {
  return { type: text(set.value(row, `${side}Type`)), id: text(set.value(row, `${side}Id`)) };
}

function firstHopOf(paths: unknown): Endpoint | null {
  if (!Array.isArray(paths) || !Array.isArray(paths[0]) || !isObject(paths[0][0])) return null;
  const hop = paths[0][0];
  const from = get(hop, 'from');
  if (isObject(from)) return endpoint(from);
  const id = text(get(hop, 'fromId'));
  const type = text(get(hop, 'fromType'));
  return id === null && type === null ? null : { type, id };
}

function requireId(set: RecordSet, row: number, end: Endpoint, what: string): string {
  if (end.id === null) {
    throw new ImportError(
      set.file,
      set.where(row),
      `the ${what} this association belongs to: save the API response under its path, ` +
        `e.g. {"/usergroups/<group id>/members": [...]}, or put the id in the file name`,
    );
  }
  if (!isJumpCloudId(end.id)) {
    throw new ImportError(
      set.file,
      set.where(row),
      `a JumpCloud ${what} id (24 hex digits)`,
      preview(end.id),
    );
  }
  return end.id.toLowerCase();
}

/** A field that may hold an object, or (in CSV) that object written as a JSON string. */
function nested(set: RecordSet, row: number, key: string): unknown {
  const value = set.value(row, key);
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    throw set.fieldError(row, key, 'a JSON value', preview(value));
  }
}

function get(object: Record<string, unknown>, key: string): unknown {
  if (key in object) return object[key];
  const wanted = normaliseKey(key);
  for (const candidate of Object.keys(object)) {
    if (normaliseKey(candidate) === wanted) return object[candidate];
  }
  return undefined;
}
