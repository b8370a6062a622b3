/**
 * JSON exports: the Admin Portal reports saved as JSON, and API responses a script saved, one per
 * file or several in one "bundle" object keyed by API path:
 *
 *   { "/usergroups": [...], "/usergroups/<id>/members": [...],
 *     "/applications/<id>/usergroups": [...] }
 *
 * A members or membership response alone does not say which group it lists. The bundle key says
 * so; failing that, as a last resort, a 24-hex id in the file name is taken as the group's id
 * (or the application's, for a bindings response), e.g. `usergroup-<id>-members.json`.
 */
import type { DirectoryBuilder } from '../builder';
import { FileTally } from '../tally';
import { tableFormatOf } from '../detect';
import { ImportError, preview } from '../errors';
import { parseJson } from '../json';
import { type FileReport, type ReadOptions, readTable } from '../read-file';
import { isObject, JsonRecords, type RecordSet } from '../records';
import { type GraphContext, readApplications, readAssociations, readUserGroups } from './graph';
import { readUsers } from './users';

const ID = '([0-9a-fA-F]{24})';
const ROUTES: Array<{ pattern: RegExp; kind: ApiKind; context?: 'user_group' | 'application' }> = [
  {
    pattern: new RegExp(`/usergroups/${ID}/(members|membership)$`),
    kind: 'associations',
    context: 'user_group',
  },
  {
    pattern: new RegExp(`/applications/${ID}/(usergroups|associations)$`),
    kind: 'associations',
    context: 'application',
  },
  { pattern: /\/usergroups$/, kind: 'usergroups' },
  { pattern: /\/systemusers$/, kind: 'systemusers' },
  { pattern: /\/users$/, kind: 'systemusers' },
  { pattern: /\/applications$/, kind: 'applications' },
];

type ApiKind = 'usergroups' | 'systemusers' | 'applications' | 'associations';

/** Reads one JSON file: a report, one API response, or a bundle of them. */
export function readJsonExport(
  name: string,
  text: string,
  builder: DirectoryBuilder,
  _options: ReadOptions,
): FileReport {
  const root = parseJson(name, text);
  if (isObject(root) && !('results' in root) && Object.keys(root).some((k) => k.includes('/'))) {
    return readBundle(name, root, builder);
  }

  const items = listOf(name, '$', root);
  const set = new JsonRecords(name, isObject(root) ? '$.results' : '$', items);
  const table = tableFormatOf(set);
  if (table) return readTable(name, set, table, 'json', builder);

  const tally = new FileTally(builder);
  const hint = /(?:^|[^0-9a-f])([0-9a-f]{24})(?:[^0-9a-f]|$)/i.exec(name)?.[1]?.toLowerCase();
  const kind = kindOf(set);
  if (kind === null && hint && /member/i.test(name)) {
    // An empty members list saved under a group's id: that group has no members.
    builder.membersKnown(builder.addGroup({ id: hint }, { file: name, location: '$' }));
    return { name, format: 'api-associations-json', rows: 0, skipped: [] };
  }
  if (kind === null) {
    builder.warn(`${name} holds an empty list; nothing was read from it.`);
    return { name, format: 'empty-json', rows: 0, skipped: [] };
  }
  readKind(set, kind, builder, tally, { type: null, id: hint ?? null });
  return { name, format: `api-${kind}-json`, rows: set.count, skipped: tally.skipped() };
}

/** Several API responses in one object, each under the path it came from. */
function readBundle(
  name: string,
  root: Record<string, unknown>,
  builder: DirectoryBuilder,
): FileReport {
  const tally = new FileTally(builder);
  let rows = 0;
  for (const [key, value] of Object.entries(root)) {
    const location = `$[${JSON.stringify(key)}]`;
    const path = key.split('?')[0].replace(/\/+$/, '');
    const route = ROUTES.find((r) => r.pattern.test(path));
    if (!route) {
      throw new ImportError(
        name,
        location,
        'a JumpCloud API path (/usergroups, /usergroups/<id>/members, /usergroups/<id>/membership, ' +
          '/applications/<id>/usergroups, /systemusers, /applications)',
        preview(key),
      );
    }
    const items = listOf(name, location, value);
    const set = new JsonRecords(name, isObject(value) ? `${location}.results` : location, items);
    const id = route.context ? (route.pattern.exec(path)?.[1]?.toLowerCase() ?? null) : null;
    if (route.context === 'user_group' && id !== null) {
      // Said even when the list is empty: this group's members are known.
      builder.membersKnown(builder.addGroup({ id }, { file: name, location }));
    }
    readKind(set, route.kind, builder, tally, { type: route.context ?? null, id });
    rows += set.count;
  }
  return { name, format: 'api-bundle-json', rows, skipped: tally.skipped() };
}

function readKind(
  set: RecordSet,
  kind: ApiKind,
  builder: DirectoryBuilder,
  tally: FileTally,
  context: GraphContext,
): void {
  switch (kind) {
    case 'usergroups':
      return readUserGroups(set, builder);
    case 'systemusers':
      return readUsers(set, builder, tally);
    case 'applications':
      return readApplications(set, builder);
    case 'associations':
      // An application's empty binding list is still binding data (the reader marks the rest).
      if (context.type === 'application') builder.bindings.dataRead();
      return readAssociations(set, builder, tally, context);
  }
}

/** The records of a response: an array, or v1's `{totalCount, results: [...]}`. */
function listOf(file: string, location: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.results)) return value.results;
  throw new ImportError(
    file,
    location,
    'a JumpCloud report or API response: an array, or {"totalCount": n, "results": [...]}',
    preview(value),
  );
}

/** What kind of API response an array of records is, from the fields they carry. */
function kindOf(set: RecordSet): ApiKind | null {
  if (set.count === 0) return null;
  if (set.has('to') || set.has('toId') || set.has('paths')) return 'associations';
  const type = set.value(0, 'type');
  if (type === 'user_group' && !set.has('name')) return 'associations';
  if (set.has('name') && (type === 'user_group' || set.has('membershipMethod')))
    return 'usergroups';
  if (set.has('username')) return 'systemusers';
  if (set.has('displayLabel') || set.has('ssoUrl') || type === 'application') return 'applications';
  throw new ImportError(
    set.file,
    set.where(0),
    'a record of a JumpCloud report or API response (user group, user, application or association)',
    'an object of another kind',
  );
}
