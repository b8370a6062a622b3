/**
 * A tenant profile: everything the app remembers about one VaultOne tenant except its token,
 * which lives in the OS keychain under the profile's id.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';

/** What to do with a JumpCloud-managed user who should no longer be provisioned. */
export type DeprovisionPolicy = 'deactivate' | 'delete';

export interface TenantProfile {
  /** Stable id; the keychain account of the tenant's token. Survives renames. */
  id: string;
  /** The admin's name for the tenant, unique case-insensitively. */
  name: string;
  /** SCIM base URL, e.g. `https://acme.vaultone.example/v2`, without trailing slash. */
  baseUrl: string;
  policy: DeprovisionPolicy;
  /** PEM file of a private CA, for tenants behind one. TLS verification stays on regardless. */
  caFile?: string;
  /** The token's expiry date as the admin entered it (`YYYY-MM-DD`); the server does not say. */
  tokenExpiresAt?: string;
  notes?: string;
  /** Groups no repair may touch in this tenant. */
  protectedGroups: string[];
  /** The bound groups the admin last picked for this tenant; `null` until they pick. */
  boundGroups: string[] | null;
  createdAt: string;
  updatedAt: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Accepts `https:` anywhere and `http:` only on this machine (the demo tenant, test servers):
 * a bearer token must never cross a network in clear text.
 */
export const baseUrlSchema = z
  .string()
  .trim()
  .min(1, 'The base URL is empty.')
  .refine((value) => URL.canParse(value), 'The base URL is not a valid URL.')
  .transform((value) => new URL(value))
  .refine(
    (url) =>
      url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)),
    'The base URL must start with https:// (http:// is accepted only for localhost).',
  )
  .refine((url) => !url.username && !url.password, 'The base URL must not carry credentials.')
  .refine((url) => !url.search && !url.hash, 'The base URL must not have a query or fragment.')
  .transform((url) => url.toString().replace(/\/+$/, ''));

/**
 * The name the built-in demo tenant shows. A stored tenant may not take it (in any case), or the
 * tenant list would show two cards nobody could tell apart.
 */
export const DEMO_TENANT_NAME = 'Demo tenant';

export const tenantNameSchema = z
  .string()
  .trim()
  .min(1, 'The tenant name is empty.')
  .max(100, 'The tenant name is longer than 100 characters.')
  .refine((name) => !/[\p{Cc}]/u.test(name), 'The tenant name contains control characters.')
  .refine(
    (name) => name.toLowerCase() !== DEMO_TENANT_NAME.toLowerCase(),
    `The name "${DEMO_TENANT_NAME}" is kept for the built-in demo tenant. Pick another name.`,
  );

const expiryDateSchema = z
  .string()
  .trim()
  // A full ISO timestamp is accepted and cut to its day: the app warns by day, not by hour.
  .transform((value) => (/^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value))
  .pipe(
    z
      .string()
      // Badly written is one problem, not also "not a real date": stop at the first.
      .regex(/^\d{4}-\d{2}-\d{2}$/, {
        error: 'The token expiry date must be written YYYY-MM-DD.',
        abort: true,
      })
      .refine((value) => isRealDate(value), 'The token expiry date is not a real date.'),
  );

function groupNamesSchema(kind: 'protected' | 'bound') {
  return z
    .array(z.string().trim().min(1, `A ${kind} group name is empty.`))
    .max(10_000, `More than 10,000 ${kind} group names were given.`);
}

// Far above any CA bundle (the whole Mozilla set is about 250 KB): a bigger file is a wrong pick.
const CA_FILE_MAX_BYTES = 4 * 1024 * 1024;

const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----';

/**
 * A private CA's PEM file. It must be readable and hold a certificate when the profile is saved,
 * so a wrong path shows then and not at the first connection. It must be absolute (`~/` is the
 * home folder; the CLI resolves a relative path against its working folder first), so the CLI
 * and the app find it from anywhere.
 */
export const caFileSchema = z
  .string()
  .trim()
  .min(1, { error: 'The CA certificate file path is empty.', abort: true })
  .transform((value) =>
    value === '~' || value.startsWith('~/') ? join(homedir(), value.slice(1)) : value,
  )
  .superRefine((path, ctx) => {
    const problem = caFileProblem(path);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

function caFileProblem(path: string): string | null {
  const file = `The CA certificate file ${path}`;
  if (!isAbsolute(path)) return `${file} is not a full path: give it from the root (or ~/).`;
  let text: string;
  try {
    text = readBounded(path, CA_FILE_MAX_BYTES);
  } catch (error) {
    if (error instanceof Error && !('code' in error)) return `${file} ${error.message}`;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `${file} does not exist.`;
    if (code === 'EACCES' || code === 'EPERM') return `${file} cannot be read: permission denied.`;
    if (code === 'EISDIR') return `${file} is a folder. Give the PEM file itself.`;
    return `${file} cannot be read (${code ?? 'error'}).`;
  }
  if (text.includes(PEM_CERTIFICATE)) return null;
  return (
    `${file} is not a PEM certificate: it has no "${PEM_CERTIFICATE}" line. ` +
    "Give your certificate authority's certificate in PEM form."
  );
}

/**
 * Reads at most `limit` bytes of a regular file. Its size is not trusted: files under /proc say
 * 0 and go on for gigabytes, and a device or pipe could be read forever.
 */
function readBounded(path: string, limit: number): string {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new Error('is a folder. Give the PEM file itself.');
    if (!stat.isFile()) throw new Error('is not a regular file.');
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length <= limit) {
      const read = readSync(fd, buffer, length, limit + 1 - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > limit) throw new Error('is over 4 MiB: it is no CA certificate.');
    return buffer.toString('latin1', 0, length);
  } finally {
    closeSync(fd);
  }
}

/** Free text about the tenant. */
export const notesSchema = z.string().max(4000, 'The notes are longer than 4000 characters.');

export const deprovisionPolicySchema = z.enum(['deactivate', 'delete'], {
  error: 'The deprovision policy must be "deactivate" or "delete".',
});

/** What the admin may set on a profile (the fields the app manages itself are left out). */
export const profileFieldsSchema = z.object({
  name: tenantNameSchema,
  baseUrl: baseUrlSchema,
  policy: deprovisionPolicySchema.default('deactivate'),
  caFile: caFileSchema.optional(),
  tokenExpiresAt: expiryDateSchema.optional(),
  notes: notesSchema.optional(),
  protectedGroups: groupNamesSchema('protected').default([]),
  boundGroups: groupNamesSchema('bound').nullable().default(null),
});

export type ProfileFields = z.input<typeof profileFieldsSchema>;

/** A partial update; `null` clears an optional field. */
export const profilePatchSchema = z.object({
  name: tenantNameSchema.optional(),
  baseUrl: baseUrlSchema.optional(),
  policy: deprovisionPolicySchema.optional(),
  caFile: caFileSchema.nullable().optional(),
  tokenExpiresAt: expiryDateSchema.nullable().optional(),
  notes: notesSchema.nullable().optional(),
  protectedGroups: groupNamesSchema('protected').optional(),
  boundGroups: groupNamesSchema('bound').nullable().optional(),
});

export type ProfilePatch = z.input<typeof profilePatchSchema>;

/**
 * Where a stored token would newly be sent if `nextBaseUrl` replaced `currentBaseUrl`: its
 * origin (scheme, host and port: https to http on one host is another listener, in clear text),
 * or null when the origin stays; a new path on the same origin needs no consent.
 */
export function newTokenHost(currentBaseUrl: string, nextBaseUrl: string): string | null {
  const next = new URL(nextBaseUrl).origin;
  return new URL(currentBaseUrl).origin === next ? null : next;
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
