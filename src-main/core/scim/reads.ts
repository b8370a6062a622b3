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
  const res = await transport.get(resourcePath(type, id), { signal, acceptStatus: [404] });
  if (res.status === 404) {
    if (res.text.trim() === '' || isScimErrorBody(res.text)) return null;
    throw new ScimError(
      'not-found',
      `The server answered 404 for ${type}/${id} with something other than SCIM (a proxy or web page?). Check the base URL.`,
      { status: 404, method: 'GET', path: resourcePath(type, id), raw: res.text.slice(0, 4096) },
    );
  }
  if (!isRecord(res.json)) {
    throw new ScimError('not-scim', `The server's answer for ${type}/${id} is not a SCIM object.`, {
      status: res.status,
      method: 'GET',
      path: resourcePath(type, id),
      raw: res.text.slice(0, 4096),
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
  const wanted = userName.toLowerCase();
  const matches = (u: TenantUser) => u.userName.toLowerCase() === wanted;
  const tries = userName === wanted ? [userName] : [userName, wanted];
  try {
    for (const candidate of tries) {
      const path = `/Users${query({ filter: `userName eq ${filterLiteral(candidate)}` })}`;
      const res = await transport.get(path, { signal });
      const found = toUsers(parseListPage(res.json).resources).filter(matches);
      if (found.length > 0) return found;
    }
    return [];
  } catch (err) {
    if (!isFilterFailure(err)) throw err;
  }
  const all = await listAll(transport, {
    endpoint: 'Users',
    noun: 'users',
    pageSize,
    concurrency: 1,
    signal,
  });
  return toUsers(all.resources).filter(matches);
}

function toUsers(resources: Record<string, unknown>[]): TenantUser[] {
  return resources.map(toTenantUser).filter((u): u is TenantUser => u !== null);
}

function isFilterFailure(err: unknown): boolean {
  if (!(err instanceof ScimError)) return false;
  if (err.kind === 'server') return true;
  return err.status === 400 || err.scimType === 'invalidFilter';
}
