/**
 * `createScimClient`: one client per tenant, owning its connections, its discovery (read once)
 * and its request log. Everything the app, CLI and repair do against a tenant goes through it.
 */
import type { Snapshot, TenantGroup, TenantUser } from '../model';
import { testConnection, type ConnectionTest } from './connection-test';
import { discover, type Discovery } from './discovery';
import { findGroupsByDisplayName, findUsersByUserName, getGroup, getUser } from './reads';
import { RequestLog } from './request-log';
import { takeSnapshot, type SnapshotOptions } from './snapshot';
import { ScimTransport, type RetryPolicy } from './transport';
import { normaliseBaseUrl } from './url';
import { createWriter, type ScimWriter } from './writes';

export interface ScimClientOptions {
  /** The SCIM base URL as the admin pasted it; normalised here. */
  baseUrl: string;
  /** Bearer token: held by the transport only, never logged or returned. */
  token: string;
  /** PEM file of an extra certificate authority to trust (verification is never off). */
  caFile?: string;
  /** Requests in flight at once during a snapshot or bulk write. Default 6. */
  concurrency?: number;
  /** Per-request timeout in milliseconds. Default 30 s. */
  timeoutMs?: number;
  /** Shared per tenant so the app can show and export it; a fresh one otherwise. */
  requestLog?: RequestLog;
  /** Largest response read, in bytes. Default 64 MB. */
  maxResponseBytes?: number;
  /** Overrides for the retry policy (tests use short delays). */
  retry?: Partial<RetryPolicy>;
  /** Page size to ask for; default the server's filter.maxResults, else 100. Never above it. */
  pageSize?: number;
}

export interface ScimClient extends ScimWriter {
  readonly baseUrl: string;
  readonly requestLog: RequestLog;
  /** Reads every user and group; throws ScimError kind `cancelled` when the signal fires. */
  snapshot(opts?: SnapshotOptions): Promise<Snapshot>;
  /** Discovery, read once per client and cached. */
  discover(): Promise<Discovery>;
  /** Read-only checks, each step with a message and a fix; never throws for server problems. */
  testConnection(): Promise<ConnectionTest>;
  getUser(id: string): Promise<TenantUser | null>;
  getGroup(id: string): Promise<TenantGroup | null>;
  /** Users whose userName equals this one ignoring case. */
  findUsersByUserName(userName: string): Promise<TenantUser[]>;
  /** Groups whose displayName equals this one ignoring case (members as the server lists them). */
  findGroupsByDisplayName(displayName: string): Promise<TenantGroup[]>;
  close(): Promise<void>;
}

const MAX_PAGE_SIZE = 1000;

/** Creates the client. Throws ScimError `invalid-url` for a base URL that cannot work. */
export function createScimClient(opts: ScimClientOptions): ScimClient {
  const baseUrl = normaliseBaseUrl(opts.baseUrl);
  const concurrency = Math.max(1, opts.concurrency ?? 6);
  const requestLog = opts.requestLog ?? new RequestLog();
  const transport = new ScimTransport({
    baseUrl,
    token: opts.token,
    caFile: opts.caFile,
    connections: concurrency,
    timeoutMs: opts.timeoutMs,
    maxResponseBytes: opts.maxResponseBytes,
    retry: opts.retry,
    requestLog,
  });

  let discovery: Promise<Discovery> | null = null;
  let discovered: Discovery | null = null;
  const getDiscovery = () => {
    discovery ??= discover(transport).then(
      (found) => (discovered = found),
      (err: unknown) => {
        discovery = null; // a failed discovery is retried next time, not cached
        throw err;
      },
    );
    return discovery;
  };
  // The server's advertised maximum is both the default and a ceiling.
  const pageSize = async () => {
    const max = (await getDiscovery()).filter.maxResults;
    return Math.min(opts.pageSize ?? max ?? 100, max ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  };
  const writer = createWriter(transport, getDiscovery, () => discovered);

  return {
    ...writer,
    baseUrl,
    requestLog,
    async snapshot(snapshotOpts = {}) {
      const found = await getDiscovery();
      return takeSnapshot(
        transport,
        { pageSize: await pageSize(), concurrency, assumptions: found.assumptions },
        snapshotOpts,
      );
    },
    discover: getDiscovery,
    testConnection: () => testConnection(transport),
    getUser: (id) => getUser(transport, id),
    getGroup: (id) => getGroup(transport, id),
    findUsersByUserName: async (userName) =>
      findUsersByUserName(transport, userName, await pageSize()),
    findGroupsByDisplayName: async (displayName) =>
      findGroupsByDisplayName(transport, displayName, await pageSize()),
    close: () => transport.close(),
  };
}
