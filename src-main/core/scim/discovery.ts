/**
 * Best-effort discovery: ServiceProviderConfig, ResourceTypes and Schemas. Real servers leave
 * these out (404), send bare arrays or odd objects; each gap becomes a safe default and a plain
 * sentence in `assumptions` that the app shows the admin.
 */
import { ScimError, isRecord } from './errors';
import type { ScimTransport } from './transport';

export interface DiscoveredAttribute {
  name: string;
  type: string | null;
  multiValued: boolean;
  required: boolean;
  mutability: string | null;
  subAttributes: DiscoveredAttribute[];
}

export interface DiscoveredSchema {
  id: string;
  name: string | null;
  attributes: DiscoveredAttribute[];
}

export interface DiscoveredResourceType {
  name: string;
  endpoint: string;
  schema: string | null;
}

/** What the server says it supports, with the defaults used where it said nothing. */
export interface Discovery {
  patch: { supported: boolean };
  bulk: { supported: boolean; maxOperations: number | null; maxPayloadSize: number | null };
  filter: { supported: boolean; maxResults: number | null };
  changePassword: { supported: boolean };
  sort: { supported: boolean };
  etag: { supported: boolean };
  authenticationSchemes: { type: string | null; name: string | null }[];
  resourceTypes: DiscoveredResourceType[];
  schemas: DiscoveredSchema[];
  /** Plain sentences: what was assumed because the server did not say. */
  assumptions: string[];
  /** The ServiceProviderConfig as received, for the details view; null when missing. */
  rawServiceProviderConfig: Record<string, unknown> | null;
}

/** Errors that end discovery: the server will not answer anything else either. */
const FATAL = new Set(['unauthorized', 'unreachable', 'dns', 'tls', 'timeout', 'cancelled']);

async function fetchOptional(
  transport: ScimTransport,
  path: string,
  signal?: AbortSignal,
): Promise<{ body: unknown; problem: string | null }> {
  try {
    const res = await transport.get(path, { signal });
    return { body: res.json, problem: res.json === undefined ? 'an empty answer' : null };
  } catch (err) {
    if (err instanceof ScimError && !FATAL.has(err.kind)) {
      return { body: undefined, problem: err.status ? `HTTP ${err.status}` : err.kind };
    }
    throw err;
  }
}

/** Reads the three discovery endpoints concurrently and fills in safe defaults. */
export async function discover(transport: ScimTransport, signal?: AbortSignal): Promise<Discovery> {
  const [spc, types, schemas] = await Promise.all([
    fetchOptional(transport, '/ServiceProviderConfig', signal),
    fetchOptional(transport, '/ResourceTypes', signal),
    fetchOptional(transport, '/Schemas', signal),
  ]);
  const assumptions: string[] = [];
  const config = firstRecord(spc.body);
  if (!config) {
    assumptions.push(
      `ServiceProviderConfig was not usable (${spc.problem ?? 'not a SCIM object'}): assuming PATCH works (falling back to PUT if refused), no ETags, filters with "eq" only, and pages of at most 100.`,
    );
  }
  const feature = (name: string, fallback: boolean) => readFeature(config, name, fallback);
  const filter = config && isRecord(config.filter) ? config.filter : null;
  const maxResults = positiveInt(filter?.maxResults);
  if (config && maxResults === null) {
    assumptions.push('The server gave no filter.maxResults: asking for pages of 100.');
  }
  const bulk = config && isRecord(config.bulk) ? config.bulk : null;

  const typeList = listOf(types.body)
    .map(toResourceType)
    .filter((t) => t !== null);
  if (typeList.length === 0) {
    assumptions.push(
      `ResourceTypes was not usable (${types.problem ?? 'no entries'}): assuming the standard /Users and /Groups endpoints.`,
    );
  }
  const schemaList = listOf(schemas.body)
    .map(toSchema)
    .filter((s) => s !== null);
  if (schemaList.length === 0) {
    assumptions.push(
      `Schemas was not usable (${schemas.problem ?? 'no entries'}): assuming the core User and Group schemas of RFC 7643.`,
    );
  }

  return {
    patch: { supported: feature('patch', true) },
    bulk: {
      supported: feature('bulk', false),
      maxOperations: positiveInt(bulk?.maxOperations),
      maxPayloadSize: positiveInt(bulk?.maxPayloadSize),
    },
    filter: { supported: feature('filter', true), maxResults },
    changePassword: { supported: feature('changePassword', false) },
    sort: { supported: feature('sort', false) },
    etag: { supported: feature('etag', false) },
    authenticationSchemes: listOf(config?.authenticationSchemes).map((s) => ({
      type: isRecord(s) && typeof s.type === 'string' ? s.type : null,
      name: isRecord(s) && typeof s.name === 'string' ? s.name : null,
    })),
    resourceTypes: typeList,
    schemas: schemaList,
    assumptions,
    rawServiceProviderConfig: config,
  };
}

/** A feature's `supported` flag, read leniently ("true" strings too). */
function readFeature(config: Record<string, unknown> | null, name: string, fallback: boolean) {
  const block = config?.[name];
  if (!isRecord(block)) return fallback;
  const supported = block.supported;
  if (typeof supported === 'boolean') return supported;
  if (typeof supported === 'string') return supported.trim().toLowerCase() === 'true';
  return fallback;
}

function firstRecord(body: unknown): Record<string, unknown> | null {
  if (Array.isArray(body)) return isRecord(body[0]) ? body[0] : null;
  if (!isRecord(body)) return null;
  // A ListResponse wrapping the config, as some servers send.
  if (Array.isArray(body.Resources) && isRecord(body.Resources[0])) return body.Resources[0];
  return body;
}

/** Entries of a ListResponse, a bare array, or an object keyed by name. */
export function listOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (!isRecord(body)) return [];
  if (Array.isArray(body.Resources)) return body.Resources;
  if (Array.isArray(body.resources)) return body.resources;
  if (typeof body.id === 'string' || typeof body.name === 'string') return [body];
  return Object.values(body).filter(isRecord);
}

function toResourceType(entry: unknown): DiscoveredResourceType | null {
  if (!isRecord(entry) || typeof entry.endpoint !== 'string') return null;
  const name = typeof entry.name === 'string' ? entry.name : entry.endpoint.replace(/^\//, '');
  return {
    name,
    endpoint: entry.endpoint,
    schema: typeof entry.schema === 'string' ? entry.schema : null,
  };
}

function toSchema(entry: unknown): DiscoveredSchema | null {
  if (!isRecord(entry) || typeof entry.id !== 'string') return null;
  return {
    id: entry.id,
    name: typeof entry.name === 'string' ? entry.name : null,
    attributes: listOf(entry.attributes)
      .map(toAttribute)
      .filter((a) => a !== null),
  };
}

function toAttribute(entry: unknown): DiscoveredAttribute | null {
  if (!isRecord(entry) || typeof entry.name !== 'string') return null;
  return {
    name: entry.name,
    type: typeof entry.type === 'string' ? entry.type : null,
    multiValued: entry.multiValued === true,
    required: entry.required === true,
    mutability: typeof entry.mutability === 'string' ? entry.mutability : null,
    subAttributes: Array.isArray(entry.subAttributes)
      ? entry.subAttributes.map(toAttribute).filter((a) => a !== null)
      : [],
  };
}

function positiveInt(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
}
