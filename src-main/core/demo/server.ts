/**
 * The demo tenant: a real SCIM 2.0 server (SCIMMY on express 4) on 127.0.0.1, seeded with the
 * demo organisation, guarded by a bearer token made fresh at every start.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import { buildDemoOrganisation } from './organisation';
import { pagedListRoute } from './list-route';
import { DemoStore, notFound, type ScimRecord } from './store';

/** Where the SCIM API sits under the server's origin. */
export const DEMO_SCIM_PATH = '/scim/v2';

export interface DemoServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
}

export interface DemoServer {
  /** e.g. `http://127.0.0.1:41234/scim/v2` */
  baseUrl: string;
  /** The bearer token for this run only. */
  token: string;
  /** Every request the server received, in order (method and path with query), for tests. */
  requests: ReadonlyArray<{ method: string; path: string }>;
  close(): Promise<void>;
}

/** What each request hands the SCIMMY handlers: this server's store and the HTTP method. */
interface RequestContext {
  store: DemoStore;
  method: string;
}

/** Starts a demo tenant with fresh, deterministic state and a random token. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  declareResources();
  const store = new DemoStore(buildDemoOrganisation().tenant);
  const token = `demo-${randomBytes(24).toString('base64url')}`;
  const requests: Array<{ method: string; path: string }> = [];

  const app = express();
  app.disable('x-powered-by');
  app.use((req, _res, next) => {
    requests.push({ method: req.method, path: req.originalUrl });
    next();
  });
  app.use(DEMO_SCIM_PATH, express.json({ type: SCIM_JSON, limit: '1mb' }), dropNullAttributes);
  const authenticate = (req: Request) => checkBearer(req.header('authorization'), token);
  const listOptions = { store, authenticate, shown: (g: ScimRecord) => hideMembers(store, g) };
  app.get(`${DEMO_SCIM_PATH}/Users`, pagedListRoute('users', listOptions));
  app.get(`${DEMO_SCIM_PATH}/Groups`, pagedListRoute('groups', listOptions));
  app.get(`${DEMO_SCIM_PATH}/Groups/:id`, (req, res, next) =>
    isAuthenticated(authenticate, req) && refuseHiddenMembers(store, req, res) ? undefined : next(),
  );
  app.use(
    DEMO_SCIM_PATH,
    new SCIMMYRouters({
      type: 'bearer',
      docUri: 'https://datatracker.ietf.org/doc/html/rfc6750',
      handler: (req) => checkBearer(req.header('authorization'), token),
      context: (req): RequestContext => ({ store, method: req.method }),
    }),
  );

  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const listening = app.listen(options.port ?? 0, host, () => resolve(listening));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    baseUrl: `http://${urlHost}:${port}${DEMO_SCIM_PATH}`,
    token,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const SCIM_JSON = ['application/scim+json', 'application/json'];

/**
 * RFC 7643 treats `null` as "unassigned": JumpCloud's full PUT with `emails: null` wipes the
 * email. SCIMMY refuses null for a collection, so nulls are dropped before it sees the body.
 */
function dropNullAttributes(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if ((req.method === 'PUT' || req.method === 'POST') && body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (value === null) delete (body as Record<string, unknown>)[key];
    }
  }
  next();
}

/**
 * Like servers that cap member lists, the demo refuses to read one group with its members (500),
 * while lists leave them out: a client can only call that group's membership unknown.
 */
function refuseHiddenMembers(store: DemoStore, req: Request, res: Response): boolean {
  const excluded = req.query.excludedAttributes;
  const id = req.params.id;
  const excludesMembers = typeof excluded === 'string' && /(^|,)\s*members\s*(,|$)/.test(excluded);
  if (!store.hiddenMemberGroups.has(id) || excludesMembers) return false;
  res
    .status(500)
    .type('application/scim+json')
    .send({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '500',
      detail: 'The member list of this group is too large to return.',
    });
  return true;
}

/** Unauthenticated requests go on to SCIMMY, which answers them with its 401. */
function isAuthenticated(authenticate: (req: Request) => void, req: Request): boolean {
  try {
    authenticate(req);
    return true;
  } catch {
    return false;
  }
}

function checkBearer(header: string | undefined, token: string): string {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const wanted = Buffer.from(token);
  if (!header || given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    // The message goes back to the client: it names no token, given or expected.
    throw new Error('Bearer token missing or not valid for this demo tenant');
  }
  return 'demo-admin';
}

let declared = false;

/** SCIMMY keeps resource handlers globally: declare them once, reading the store from ctx. */
function declareResources(): void {
  if (declared) return;
  declared = true;
  const { User, Group } = SCIMMY.Resources;

  // SCIMMY types handler results as its schema classes; at run time it takes plain objects,
  // which is all the store holds. Hence the `as never` on what the handlers return.
  User.ingress(
    (resource, instance, ctx: RequestContext) =>
      ctx.store.putUser(resource.id, plain(instance)) as never,
  )
    .egress((resource, ctx: RequestContext) => read(ctx.store.users, resource) as never)
    .degress((resource, ctx: RequestContext) => ctx.store.remove('users', resource.id as string));

  Group.ingress(
    (resource, instance, ctx: RequestContext) =>
      hideMembers(ctx.store, ctx.store.putGroup(resource.id, plain(instance))) as never,
  )
    .egress((resource, ctx: RequestContext) => {
      const found = read(ctx.store.groups, resource);
      // A PATCH reads the group to apply its operations: it must see the real members.
      const shown = ctx.method === 'PATCH' ? found : found.map((g) => hideMembers(ctx.store, g));
      return shown as never;
    })
    .degress((resource, ctx: RequestContext) => ctx.store.remove('groups', resource.id as string));

  // Resource locations are relative to the SCIM path; the paged list route needs them set early.
  User.basepath(DEMO_SCIM_PATH);
  Group.basepath(DEMO_SCIM_PATH);
  SCIMMY.Resources.declare(User);
  SCIMMY.Resources.declare(Group);
}

/** One resource by id (404 when absent), or the list narrowed by the request's filter. */
function read(
  map: Map<string, ScimRecord>,
  resource: { id?: string; filter?: { match(values: object[]): object[] } },
): ScimRecord[] {
  if (resource.id !== undefined) {
    const found = map.get(resource.id);
    if (!found) throw notFound(resource.id);
    return [structuredClone(found)];
  }
  const all = [...map.values()].map((record) => structuredClone(record));
  return resource.filter ? (resource.filter.match(all) as ScimRecord[]) : all;
}

function hideMembers(store: DemoStore, group: ScimRecord): ScimRecord {
  if (!store.hiddenMemberGroups.has(group.id)) return group;
  const { members: _members, ...rest } = group;
  return { ...rest, id: group.id };
}

function plain(instance: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
}
