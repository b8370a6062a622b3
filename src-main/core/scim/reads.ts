/**
 * Single reads: one user or group by id, and users by userName. Filters use `eq` only (other
 * operators fail on many servers); the userName match is made locally, case-insensitively,
 * because some servers compare it case-sensitively despite the RFC.
 */
import type { TenantGroup, TenantUser } from '../model';
import { ScimError, isRecord, isScimErrorBody } from './errors';
import { toTenantGroup, toTenantUser } from './normalise';
import { listAll, parseListPage } from './paging';
import type { ScimTransport } from './transport';
import { query, resourcePath } from './url';

/** Reads one resource; null for a SCIM-shaped 404 (an HTML 404 from a proxy is an error). */
export async function getResource(
  transport: ScimTransport,
  type: 'Users' | 'Groups',
  id: string,
  signal?: AbortSignal,
): Promise<Record<string, unknown> | null> {
  const path = resourcePath(type, id);
  const res = await transport.get(path, { signal, acceptStatus: [404] });
  if (res.status === 404) {
    if (res.text.trim() === '' || isScimErrorBody(res.text)) return null;
    throw new ScimError(
      'not-found',
      `The server answered 404 for ${type}/${id} with something other than SCIM (a proxy or web page?). Check the base URL.`,
      { status: 404, method: 'GET', path, raw: transport.keepRaw(res.text) },
    );
  }
  if (!isRecord(res.json)) {
    throw new ScimError('not-scim', `The server's answer for ${type}/${id} is not a SCIM object.`, {
      status: res.status,
      method: 'GET',
      path,
      raw: transport.keepRaw(res.text),
    });
  }
  return res.json;
}

export async function getUser(transport: ScimTransport, id: string, signal?: AbortSignal) {
  const raw = await getResource(transport, 'Users', id, signal);
  return raw ? toTenantUser(raw) : null;
}

export async function getGroup(
  transport: ScimTransport,
  id: string,
  signal?: AbortSignal,
): Promise<TenantGroup | null> {
  const raw = await getResource(transport, 'Groups', id, signal);
  return raw ? toTenantGroup(raw) : null;
}

/** Escapes a value for a SCIM filter string literal. */
export function filterLiteral(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Users whose userName equals `userName` ignoring case: exact filter, then lower-cased, then
 * (on 400 invalidFilter or a 500 for the filtered GET) a full listing searched locally.
 */
export async function findUsersByUserName(
  transport: ScimTransport,
  userName: string,
  pageSize: number,
  signal?: AbortSignal,
): Promise<TenantUser[]> {
  const found = await findByName(transport, 'Users', 'userName', userName, pageSize, { signal });
  return found.map(toTenantUser).filter((u): u is TenantUser => u !== null);
}

/**
 * Groups whose displayName equals `displayName` ignoring case. Group names are often mixed
 * case, which a case-sensitive server misses both ways, so when the filters find nothing the
 * (cheap, member-less) group list is searched too; matches are then read whole.
 */
export async function findGroupsByDisplayName(
  transport: ScimTransport,
  displayName: string,
  pageSize: number,
  signal?: AbortSignal,
): Promise<TenantGroup[]> {
  const found = await findByName(transport, 'Groups', 'displayName', displayName, pageSize, {
    signal,
    listWhenNoMatch: true,
  });
  const groups: TenantGroup[] = [];
  for (const raw of found) {
    const id = raw.id === undefined ? null : String(raw.id);
    const group = id === null ? null : await getGroup(transport, id, signal);
    if (group) groups.push(group);
  }
  return groups;
}

async function findByName(
  transport: ScimTransport,
  endpoint: 'Users' | 'Groups',
  attribute: 'userName' | 'displayName',
  name: string,
  pageSize: number,
  opts: { signal?: AbortSignal; listWhenNoMatch?: boolean },
): Promise<Record<string, unknown>[]> {
  const { signal } = opts;
  const wanted = name.toLowerCase();
  const matches = (r: Record<string, unknown>) =>
    typeof r[attribute] === 'string' && r[attribute].toLowerCase() === wanted;
  const tries = name === wanted ? [name] : [name, wanted];
  try {
    for (const candidate of tries) {
      const path = `/${endpoint}${query({ filter: `${attribute} eq ${filterLiteral(candidate)}` })}`;
      const res = await transport.get(path, { signal });
      const found = parseListPage(res.json).resources.filter(matches);
      if (found.length > 0) return found;
    }
    if (!opts.listWhenNoMatch) return [];
  } catch (err) {
    if (!isFilterFailure(err)) throw err;
  }
  const all = await listAll(transport, {
    endpoint,
    noun: endpoint.toLowerCase(),
    pageSize,
    concurrency: 1,
    params: endpoint === 'Groups' ? { excludedAttributes: 'members' } : undefined,
    signal,
  });
  return all.resources.filter(matches);
}

function isFilterFailure(err: unknown): boolean {
  if (!(err instanceof ScimError)) return false;
  if (err.kind === 'server') return true;
  return err.status === 400 || err.scimType === 'invalidFilter';
}
