/**
 * A SCIM 2.0 server of our own, for tests and the benchmark only: in-memory users and groups on
 * plain node:http, with one switch per misbehaviour of real servers that the demo tenant and
 * Better Auth do not show (see the `Quirks` fields). Switches can be flipped while it runs.
 * It counts requests per method and path so tests can prove what was (not) sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface Quirks {
  /** Pages only by cursor: startIndex is ignored and `nextCursor` is sent while more remain. */
  cursorOnly: boolean;
  /** totalResults: the truth, capped at `totalCap`, left out, or too high. */
  totals: 'exact' | 'capped' | 'missing' | 'too-high';
  totalCap: number;
  /** itemsPerPage echoes the requested count instead of what was sent. */
  echoItemsPerPage: boolean;
  /** Always sends the first page, whatever startIndex says. */
  ignoreStartIndex: boolean;
  /** Reads startIndex as 0-based (so startIndex=1 skips the first resource). */
  zeroBasedStartIndex: boolean;
  /** Silently sends at most this many per page. */
  maxCount: number;
  /** Answers 400 when count is above this (null: never). */
  rejectCountAbove: number | null;
  /** `full`: members unless excluded; `never`; `single-only`: only on GET /Groups/{id}. */
  members: 'full' | 'never' | 'single-only';
  /** Silently sends at most this many members of any group (null: all of them). */
  memberCap: number | null;
  /** Users carry the read-only `groups` attribute (their direct groups, never capped). */
  userGroups: boolean;
  /** Writes answer success and change nothing. */
  noopWrites: boolean;
  /** PATCH/PUT answer 204 with no body. */
  noContentWrites: boolean;
  /** How error bodies carry `status`: a string (RFC), a number, missing, or not SCIM at all. */
  errorStatus: 'string' | 'number' | 'missing' | 'non-scim';
  /** Leaves `Resources` out of an empty list. */
  omitEmptyResources: boolean;
  /** `active` as "True"/"False" strings. */
  stringActive: boolean;
  /** `emails` as plain strings. */
  plainEmails: boolean;
  /** The next `count` matching requests are throttled with this status and Retry-After. */
  throttle: {
    count: number;
    status: 429 | 503 | 500;
    retryAfter: string | null;
    match?: string;
  } | null;
  /** The next `count` matching requests fail with this status and a plain error. */
  failNext: { count: number; status: number; match?: string } | null;
  /** Sends half of each body, waits this long, then the rest. */
  slowBodyMs: number;
  /** The next N requests have their connection destroyed before any answer. */
  resetNext: number;
  /** Unknown paths and resources answer 404 with an HTML page. */
  html404: boolean;
  /** That HTML 404 page echoes the request's Authorization header, as some proxy pages do. */
  echoAuthIn404: boolean;
  /** PATCH of an existing resource answers 404 (no body, or a SCIM error) and changes nothing. */
  patchNotFound: 'empty-body' | 'scim-error' | null;
  /** 400 invalidPath for `members[value eq "..."]` paths. */
  rejectMemberFilterPath: boolean;
  /** Strict-server behaviour: remove with `path: "members"` and a value empties the group. */
  memberValueRemoveEmptiesGroup: boolean;
  /** 400 invalidPath for PATCH with `path: "active"` (only the path-less form works). */
  rejectActivePath: boolean;
  /** PATCH answers 501 and ServiceProviderConfig says patch is unsupported. */
  patchUnsupported: boolean;
  /** Deactivating a user deletes it. */
  deactivateDeletes: boolean;
  /** 415 for a body sent as application/scim+json. */
  rejectScimContentType: boolean;
  /** 406 when Accept names application/scim+json. */
  rejectScimAccept: boolean;
  /** userName filters compare case-sensitively. */
  caseSensitiveFilter: boolean;
  /** Filtered listings fail with this status. */
  filterFails: 400 | 500 | null;
  /** Discovery endpoints: standard, 404, bare arrays, or odd objects. */
  discovery: 'standard' | 'missing' | 'bare-array' | 'odd';
  /** Advertised filter.maxResults (null: not advertised). */
  advertisedMaxResults: number | null;
  /** ETags: advertised, sent as ETag and meta.version; a stale If-Match gets 412. */
  etag: boolean;
  /** Added delay before each answer, standing in for network and database time. */
  latencyMs: number;
}

const INTERNAL_LOCATION = 'https://scim-internal.invalid/scim/v2';

export const DEFAULT_QUIRKS: Quirks = {
  cursorOnly: false,
  totals: 'exact',
  totalCap: 100,
  echoItemsPerPage: false,
  ignoreStartIndex: false,
  zeroBasedStartIndex: false,
  maxCount: 1000,
  rejectCountAbove: null,
  members: 'full',
  memberCap: null,
  userGroups: false,
  noopWrites: false,
  noContentWrites: false,
  errorStatus: 'string',
  omitEmptyResources: false,
  stringActive: false,
  plainEmails: false,
  throttle: null,
  failNext: null,
  slowBodyMs: 0,
  resetNext: 0,
  html404: false,
  echoAuthIn404: false,
  patchNotFound: null,
  rejectMemberFilterPath: false,
  memberValueRemoveEmptiesGroup: false,
  rejectActivePath: false,
  patchUnsupported: false,
  deactivateDeletes: false,
  rejectScimContentType: false,
  rejectScimAccept: false,
  caseSensitiveFilter: false,
  filterFails: null,
  discovery: 'standard',
  advertisedMaxResults: 200,
  latencyMs: 0,
  etag: false,
};

export interface QuirkUser {
  id: string;
  userName: string;
  externalId: string | null;
  givenName: string;
  familyName: string;
  email: string | null;
  active: boolean;
  roles: string[];
}

export interface QuirkGroup {
  id: string;
  displayName: string;
  externalId: string | null;
  members: string[];
}

/** The tenant's data, in insertion order (paging follows it). */
export class QuirkState {
  readonly users = new Map<string, QuirkUser>();
  readonly groups = new Map<string, QuirkGroup>();
  /** Version per resource id, bumped by every write (for ETags). */
  readonly versions = new Map<string, number>();
  /** Writes that carried an If-Match header. */
  ifMatchWrites = 0;
  private nextId = 1;

  version(id: string): string {
    return `W/"${this.versions.get(id) ?? 1}"`;
  }

  bump(id: string): void {
    this.versions.set(id, (this.versions.get(id) ?? 1) + 1);
  }

  newId(prefix: string): string {
    return `${prefix}-${(this.nextId++).toString(36).padStart(6, '0')}`;
  }

  addUser(fields: Partial<QuirkUser> & { userName: string }): QuirkUser {
    const user: QuirkUser = {
      id: fields.id ?? this.newId('u'),
      externalId: null,
      givenName: 'Test',
      familyName: 'User',
      email: `${fields.userName.toLowerCase()}@example.test`,
      active: true,
      roles: [],
      ...fields,
    };
    this.users.set(user.id, user);
    return user;
  }

  addGroup(fields: Partial<QuirkGroup> & { displayName: string }): QuirkGroup {
    const group: QuirkGroup = {
      id: fields.id ?? this.newId('g'),
      externalId: null,
      members: [],
      ...fields,
    };
    this.groups.set(group.id, group);
    return group;
  }

  /**
   * Deterministic bulk seeding: `users` users named user000001…, `groups` groups of about
   * `membersPerGroup` members each, picked by a fixed stride so groups overlap.
   */
  seed(opts: { users: number; groups: number; membersPerGroup: number }): void {
    const ids: string[] = [];
    for (let i = 1; i <= opts.users; i++) {
      const n = String(i).padStart(6, '0');
      const user = this.addUser({
        id: `u${n}`,
        userName: `user${n}`,
        externalId: (0x5f0000000000000000000000n + BigInt(i)).toString(16).padStart(24, '0'),
        givenName: `Given${n}`,
        familyName: `Family${n}`,
        active: i % 17 !== 0,
      });
      ids.push(user.id);
    }
    for (let g = 1; g <= opts.groups; g++) {
      const members: string[] = [];
      for (let k = 0; k < opts.membersPerGroup && ids.length > 0; k++) {
        members.push(ids[(g * 7919 + k * 131) % ids.length]);
      }
      this.addGroup({
        id: `g${String(g).padStart(5, '0')}`,
        displayName: `Group ${g}`,
        members: [...new Set(members)],
      });
    }
  }
}

export interface QuirkServer {
  baseUrl: string;
  token: string;
  state: QuirkState;
  /** Mutable: flip switches between requests. */
  quirks: Quirks;
  /** Requests per `METHOD /path` (below the base path, no query). */
  requests: Map<string, number>;
  /** The most requests the server was handling at one moment. */
  maxInFlight(): number;
  /** Requests whose key starts with `METHOD` (and `path` when given). */
  count(method: string, pathPrefix?: string): number;
  close(): Promise<void>;
}

export interface QuirkServerOptions {
  quirks?: Partial<Quirks>;
  token?: string;
  basePath?: string;
  seed?: { users: number; groups: number; membersPerGroup: number };
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

/** Starts the server on 127.0.0.1, port 0. */
export async function startQuirkServer(opts: QuirkServerOptions = {}): Promise<QuirkServer> {
  const state = new QuirkState();
  if (opts.seed) state.seed(opts.seed);
  const quirks: Quirks = { ...DEFAULT_QUIRKS, ...opts.quirks };
  const token = opts.token ?? 'quirk-token-' + Math.random().toString(36).slice(2);
  const basePath = opts.basePath ?? '/scim/v2';
  const requests = new Map<string, number>();
  const sockets = new Set<Socket>();

  let inFlight = 0;
  let peak = 0;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    res.on('close', () => inFlight--);
    handle({ req, res, state, quirks, token, basePath, requests }).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { detail: String(err) }, quirks);
    });
  };
  const server = opts.tls ? createHttpsServer(opts.tls, listener) : createServer(listener);
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}${basePath}`,
    token,
    state,
    quirks,
    requests,
    maxInFlight: () => peak,
    count(method, pathPrefix) {
      let total = 0;
      for (const [key, n] of requests) {
        if (key.startsWith(`${method} ${pathPrefix ?? ''}`)) total += n;
      }
      return total;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  state: QuirkState;
  quirks: Quirks;
  token: string;
  basePath: string;
  requests: Map<string, number>;
}

async function handle(ctx: Ctx): Promise<void> {
  const { req, res, quirks } = ctx;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  if (!url.pathname.startsWith(ctx.basePath)) return notFound(ctx);
  const path = url.pathname.slice(ctx.basePath.length) || '/';
  const key = `${method} ${decodeURIComponent(path)}`;
  ctx.requests.set(key, (ctx.requests.get(key) ?? 0) + 1);

  if (quirks.resetNext > 0) {
    quirks.resetNext--;
    req.socket.destroy();
    return;
  }
  if (quirks.latencyMs > 0) await new Promise((r) => setTimeout(r, quirks.latencyMs));
  if (req.headers.authorization !== `Bearer ${ctx.token}`) {
    return sendError(res, 401, 'Bearer token missing or invalid', quirks);
  }
  const throttle = quirks.throttle;
  if (throttle && throttle.count > 0 && (!throttle.match || key.includes(throttle.match))) {
    throttle.count--;
    if (throttle.retryAfter !== null) res.setHeader('retry-after', throttle.retryAfter);
    const detail =
      throttle.status === 500 ? 'Request throttled: rate limit exceeded' : 'Too many requests';
    return sendError(res, throttle.status, detail, quirks);
  }
  const fail = quirks.failNext;
  if (fail && fail.count > 0 && (!fail.match || key.includes(fail.match))) {
    fail.count--;
    return sendError(res, fail.status, 'Internal error', quirks);
  }
  if (quirks.rejectScimAccept && /scim\+json/.test(req.headers.accept ?? '')) {
    return sendError(res, 406, 'Only application/json is produced', quirks);
  }
  if (
    body !== '' &&
    quirks.rejectScimContentType &&
    /scim\+json/.test(req.headers['content-type'] ?? '')
  ) {
    return sendError(res, 415, 'Unsupported media type; send application/json', quirks);
  }
  let json: unknown = undefined;
  if (body !== '') {
    try {
      json = JSON.parse(body);
    } catch {
      return sendError(res, 400, 'Body is not JSON', quirks, 'invalidSyntax');
    }
  }
  await route(ctx, method, path, url.searchParams, json);
}

async function route(ctx: Ctx, method: string, path: string, q: URLSearchParams, body: unknown) {
  const { res, quirks } = ctx;
  if (path === '/ServiceProviderConfig' && method === 'GET') return discovery(ctx, 'spc');
  if (path === '/ResourceTypes' && method === 'GET') return discovery(ctx, 'types');
  if (path === '/Schemas' && method === 'GET') return discovery(ctx, 'schemas');
  const match = /^\/(Users|Groups)(?:\/([^/]+))?$/.exec(path);
  if (!match) return notFound(ctx);
  const type = match[1] as 'Users' | 'Groups';
  const id = match[2] === undefined ? null : decodeURIComponent(match[2]);
  if (id === null && method === 'GET') return list(ctx, type, q);
  if (id === null && method === 'POST') return create(ctx, type, body);
  if (id === null) return sendError(res, 405, 'Method not allowed', quirks);
  const exists = type === 'Users' ? ctx.state.users.has(id) : ctx.state.groups.has(id);
  if (!exists)
    return quirks.html404 ? notFound(ctx) : sendError(res, 404, `${type} ${id} not found`, quirks);
  if (method === 'GET') {
    if (quirks.etag) res.setHeader('etag', ctx.state.version(id));
    return send(res, 200, render(ctx, type, id, true), quirks);
  }
  const ifMatch = ctx.req.headers['if-match'];
  if (ifMatch !== undefined) ctx.state.ifMatchWrites++;
  if (quirks.etag && ifMatch !== undefined && ifMatch !== ctx.state.version(id)) {
    return sendError(res, 412, 'The resource changed since it was read', quirks);
  }
  if (method === 'PATCH' && quirks.patchNotFound) return patchNotFound(ctx, type, id);
  if (!quirks.noopWrites) ctx.state.bump(id);
  if (method === 'DELETE') {
    if (!quirks.noopWrites) (type === 'Users' ? ctx.state.users : ctx.state.groups).delete(id);
    if (!quirks.noopWrites && type === 'Users') removeFromGroups(ctx.state, id);
    res.writeHead(204).end();
    return;
  }
  if (method === 'PATCH') return patch(ctx, type, id, body);
  if (method === 'PUT') return put(ctx, type, id, body);
  return sendError(res, 405, 'Method not allowed', quirks);
}

function removeFromGroups(state: QuirkState, userId: string): void {
  for (const group of state.groups.values()) {
    if (group.members.includes(userId)) group.members = group.members.filter((m) => m !== userId);
  }
}

function render(
  ctx: Ctx,
  type: 'Users' | 'Groups',
  id: string,
  single: boolean,
  withMembers = true,
) {
  const { quirks } = ctx;
  if (type === 'Users') {
    const u = ctx.state.users.get(id) as QuirkUser;
    return {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: u.id,
      userName: u.userName,
      ...(u.externalId ? { externalId: u.externalId } : {}),
      name: { givenName: u.givenName, familyName: u.familyName },
      displayName: `${u.givenName} ${u.familyName}`,
      ...(u.email
        ? {
            emails: quirks.plainEmails
              ? [u.email]
              : [{ value: u.email, type: 'work', primary: true }],
          }
        : {}),
      active: quirks.stringActive ? (u.active ? 'True' : 'False') : u.active,
      ...(u.roles.length ? { roles: u.roles.map((value) => ({ value })) } : {}),
      ...(quirks.userGroups ? { groups: groupsOf(ctx, u.id) } : {}),
      // A location naming an unreachable internal host: clients must never follow it.
      meta: {
        resourceType: 'User',
        location: `${INTERNAL_LOCATION}/Users/${u.id}`,
        ...(quirks.etag ? { version: ctx.state.version(u.id) } : {}),
      },
    };
  }
  const g = ctx.state.groups.get(id) as QuirkGroup;
  const showMembers =
    withMembers && (quirks.members === 'full' || (quirks.members === 'single-only' && single));
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: g.id,
    displayName: g.displayName,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    ...(showMembers
      ? {
          members: g.members
            .slice(0, quirks.memberCap ?? undefined)
            .map((value) => ({ value, type: 'User' })),
        }
      : {}),
    meta: { resourceType: 'Group', location: `${INTERNAL_LOCATION}/Groups/${g.id}` },
  };
}

/** A user's direct groups, as the read-only User `groups` attribute lists them. */
function groupsOf(ctx: Ctx, userId: string) {
  return [...ctx.state.groups.values()]
    .filter((g) => g.members.includes(userId))
    .map((g) => ({ value: g.id, display: g.displayName, type: 'direct' }));
}

function list(ctx: Ctx, type: 'Users' | 'Groups', q: URLSearchParams) {
  const { res, quirks } = ctx;
  let ids = [...(type === 'Users' ? ctx.state.users.keys() : ctx.state.groups.keys())];
  const filter = q.get('filter');
  if (filter !== null) {
    if (quirks.filterFails === 400)
      return sendError(res, 400, 'Filter not supported', quirks, 'invalidFilter');
    if (quirks.filterFails === 500) return sendError(res, 500, 'Internal error', quirks);
    const m = /^\s*(\w+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
    if (!m) return sendError(res, 400, `Unsupported filter: ${filter}`, quirks, 'invalidFilter');
    const [, attr, raw] = m;
    const value = raw.replace(/\\(.)/g, '$1');
    ids = ids.filter((id) => {
      const resource = render(ctx, type, id, false) as Record<string, unknown>;
      const actual = resource[attr];
      if (typeof actual !== 'string') return false;
      return quirks.caseSensitiveFilter || attr === 'id'
        ? actual === value
        : actual.toLowerCase() === value.toLowerCase();
    });
  }
  const requested = q.has('count') ? Number(q.get('count')) : 100;
  if (quirks.rejectCountAbove !== null && requested > quirks.rejectCountAbove) {
    return sendError(
      res,
      400,
      `count must not exceed ${quirks.rejectCountAbove}`,
      quirks,
      'invalidValue',
    );
  }
  const count = Math.max(0, Math.min(requested, quirks.maxCount));
  let offset: number;
  if (quirks.cursorOnly) {
    offset = q.get('cursor')
      ? Number(Buffer.from(q.get('cursor') as string, 'base64url').toString())
      : 0;
  } else {
    const start = q.has('startIndex') ? Number(q.get('startIndex')) : 1;
    offset = quirks.ignoreStartIndex
      ? 0
      : quirks.zeroBasedStartIndex
        ? Math.max(0, start)
        : Math.max(0, start - 1);
  }
  const excluded = (q.get('excludedAttributes') ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase());
  const page = ids.slice(offset, offset + count);
  const resources = page.map((id) => render(ctx, type, id, false, !excluded.includes('members')));
  const total = ids.length;
  const totalResults =
    quirks.totals === 'capped'
      ? Math.min(total, quirks.totalCap)
      : quirks.totals === 'too-high'
        ? total + 25
        : total;
  const out: Record<string, unknown> = {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    ...(quirks.totals === 'missing' ? {} : { totalResults }),
    itemsPerPage: quirks.echoItemsPerPage ? requested : resources.length,
    ...(quirks.cursorOnly ? {} : { startIndex: offset + 1 }),
  };
  if (resources.length > 0 || !quirks.omitEmptyResources) out.Resources = resources;
  if (quirks.cursorOnly && offset + count < total) {
    out.nextCursor = Buffer.from(String(offset + count)).toString('base64url');
  }
  return send(res, 200, out, quirks);
}

function create(ctx: Ctx, type: 'Users' | 'Groups', body: unknown) {
  const { res, quirks, state } = ctx;
  const b = (body ?? {}) as Record<string, unknown>;
  if (type === 'Users') {
    if (typeof b.userName !== 'string')
      return sendError(res, 400, 'userName is required', quirks, 'invalidValue');
    const name = (b.name ?? {}) as Record<string, unknown>;
    const user = state.addUser({
      userName: b.userName,
      externalId: typeof b.externalId === 'string' ? b.externalId : null,
      givenName: String(name.givenName ?? ''),
      familyName: String(name.familyName ?? ''),
      active: b.active !== false,
    });
    return send(res, 201, render(ctx, 'Users', user.id, true), quirks);
  }
  if (typeof b.displayName !== 'string')
    return sendError(res, 400, 'displayName is required', quirks, 'invalidValue');
  const group = state.addGroup({
    displayName: b.displayName,
    externalId: typeof b.externalId === 'string' ? b.externalId : null,
    members: memberValues(b.members).filter((m) => state.users.has(m)),
  });
  return send(res, 201, render(ctx, 'Groups', group.id, true), quirks);
}

function memberValues(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((m) => String((m as { value?: unknown })?.value ?? '')).filter((m) => m !== '');
}

function put(ctx: Ctx, type: 'Users' | 'Groups', id: string, body: unknown) {
  const { quirks, state } = ctx;
  const b = (body ?? {}) as Record<string, unknown>;
  if (!quirks.noopWrites) {
    if (type === 'Users') {
      const user = state.users.get(id) as QuirkUser;
      if (typeof b.userName === 'string') user.userName = b.userName;
      if ('active' in b) user.active = b.active === true || b.active === 'True';
      if (quirks.deactivateDeletes && !user.active) state.users.delete(id);
    } else {
      const group = state.groups.get(id) as QuirkGroup;
      if (typeof b.displayName === 'string') group.displayName = b.displayName;
      if ('members' in b) group.members = memberValues(b.members);
    }
  }
  return answerWrite(ctx, type, id);
}

function patch(ctx: Ctx, type: 'Users' | 'Groups', id: string, body: unknown) {
  const { res, quirks, state } = ctx;
  if (quirks.patchUnsupported) return sendError(res, 501, 'PATCH is not implemented', quirks);
  const ops = ((body ?? {}) as { Operations?: unknown }).Operations;
  if (!Array.isArray(ops))
    return sendError(res, 400, 'Operations missing', quirks, 'invalidSyntax');
  for (const raw of ops as Record<string, unknown>[]) {
    const op = String(raw.op ?? '').toLowerCase();
    const path = typeof raw.path === 'string' ? raw.path : null;
    if (type === 'Users') {
      const user = state.users.get(id);
      if (!user) break;
      if (path === 'active' && quirks.rejectActivePath) {
        return sendError(res, 400, 'Attribute paths are not supported', quirks, 'invalidPath');
      }
      const value =
        path === 'active' ? raw.value : (raw.value as Record<string, unknown> | undefined)?.active;
      if (op === 'replace' && value !== undefined && !quirks.noopWrites) {
        user.active = value === true || value === 'True';
        if (quirks.deactivateDeletes && !user.active) state.users.delete(id);
      }
      continue;
    }
    const group = state.groups.get(id) as QuirkGroup;
    const filtered = path ? /^members\[value eq "((?:[^"\\]|\\.)*)"\]$/i.exec(path) : null;
    if (filtered && quirks.rejectMemberFilterPath) {
      return sendError(res, 400, 'Filtered member paths are not supported', quirks, 'invalidPath');
    }
    if (quirks.noopWrites) continue;
    if (op === 'remove' && filtered) {
      group.members = group.members.filter((m) => m !== filtered[1]);
    } else if (op === 'remove' && path === 'members') {
      const drop = memberValues(raw.value);
      group.members = quirks.memberValueRemoveEmptiesGroup
        ? []
        : group.members.filter((m) => !drop.includes(m));
    } else if (op === 'add' && path === 'members') {
      for (const m of memberValues(raw.value))
        if (!group.members.includes(m)) group.members.push(m);
    } else if (op === 'replace' && path === 'displayName') {
      group.displayName = String(raw.value);
    } else {
      return sendError(
        res,
        400,
        `Unsupported operation ${op} ${path ?? ''}`,
        quirks,
        'invalidPath',
      );
    }
  }
  return answerWrite(ctx, type, id);
}

/** A PATCH the server claims it could not find the resource for, while it is still there. */
function patchNotFound(ctx: Ctx, type: 'Users' | 'Groups', id: string) {
  const { res, quirks } = ctx;
  if (quirks.patchNotFound === 'scim-error') {
    return sendError(res, 404, `${type} ${id} not found`, quirks);
  }
  res.writeHead(404, { 'content-type': 'application/scim+json', 'content-length': 0 }).end();
}

function answerWrite(ctx: Ctx, type: 'Users' | 'Groups', id: string) {
  const { res, quirks, state } = ctx;
  const exists = type === 'Users' ? state.users.has(id) : state.groups.has(id);
  if (quirks.noContentWrites || !exists) {
    res.writeHead(204).end();
    return;
  }
  return send(res, 200, render(ctx, type, id, true), quirks);
}

function discovery(ctx: Ctx, which: 'spc' | 'types' | 'schemas') {
  const { res, quirks } = ctx;
  if (quirks.discovery === 'missing') return notFound(ctx);
  const spc = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: !quirks.patchUnsupported },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: {
      supported: true,
      ...(quirks.advertisedMaxResults ? { maxResults: quirks.advertisedMaxResults } : {}),
    },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: quirks.etag },
    authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token' }],
  };
  const types = [
    {
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
    },
    {
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      schema: 'urn:ietf:params:scim:schemas:core:2.0:Group',
    },
  ];
  const schemas = [
    {
      id: 'urn:ietf:params:scim:schemas:core:2.0:User',
      name: 'User',
      attributes: [{ name: 'userName', type: 'string', multiValued: false, required: true }],
    },
  ];
  const list = (items: unknown[]) => ({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: items.length,
    Resources: items,
  });
  if (quirks.discovery === 'bare-array') {
    return send(res, 200, which === 'spc' ? [spc] : which === 'types' ? types : schemas, quirks);
  }
  if (quirks.discovery === 'odd') {
    const odd = which === 'spc' ? { config: 'see docs' } : { result: 'ok', data: 'none' };
    return send(res, 200, odd, quirks);
  }
  return send(
    res,
    200,
    which === 'spc' ? spc : which === 'types' ? list(types) : list(schemas),
    quirks,
  );
}

function notFound(ctx: Pick<Ctx, 'req' | 'res' | 'quirks'>) {
  const { req, res, quirks } = ctx;
  if (quirks.html404) {
    const echo = quirks.echoAuthIn404 ? `<pre>${req.headers.authorization ?? ''}</pre>` : '';
    res
      .writeHead(404, { 'content-type': 'text/html' })
      .end(`<html><body><h1>404 Not Found</h1>${echo}</body></html>`);
    return;
  }
  return sendError(res, 404, 'Resource not found', quirks);
}

function sendError(
  res: ServerResponse,
  status: number,
  detail: string,
  quirks: Quirks,
  scimType?: string,
) {
  if (quirks.errorStatus === 'non-scim')
    return send(res, status, { error: { code: status, message: detail } }, quirks);
  const body: Record<string, unknown> = {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    detail,
    ...(scimType ? { scimType } : {}),
  };
  if (quirks.errorStatus === 'string') body.status = String(status);
  if (quirks.errorStatus === 'number') body.status = status;
  return send(res, status, body, quirks);
}

function send(res: ServerResponse, status: number, body: unknown, quirks: Quirks) {
  const text = JSON.stringify(body);
  const type = quirks.rejectScimAccept ? 'application/json' : 'application/scim+json';
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  if (quirks.slowBodyMs <= 0) {
    res.end(text);
    return;
  }
  const half = Buffer.from(text).subarray(0, Math.floor(Buffer.byteLength(text) / 2));
  res.write(half);
  setTimeout(() => res.end(Buffer.from(text).subarray(half.length)), quirks.slowBodyMs);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
