/**
 * A tenant profile: everything the app remembers about one VaultOne tenant except its token,
 * which lives in the OS keychain under the profile's id.
 */
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

export const tenantNameSchema = z
  .string()
  .trim()
  .min(1, 'The tenant name is empty.')
  .max(100, 'The tenant name is longer than 100 characters.')
  .refine((name) => !/[\p{Cc}]/u.test(name), 'The tenant name contains control characters.');

const expiryDateSchema = z
  .string()
  .trim()
  // A full ISO timestamp is accepted and cut to its day: the app warns by day, not by hour.
  .transform((value) => (/^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value))
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'The expiry date must be written YYYY-MM-DD.')
      .refine((value) => isRealDate(value), 'The expiry date is not a real date.'),
  );

const groupNamesSchema = z.array(z.string().trim().min(1)).max(10_000);

/** What the admin may set on a profile (the fields the app manages itself are left out). */
export const profileFieldsSchema = z.object({
  name: tenantNameSchema,
  baseUrl: baseUrlSchema,
  policy: z.enum(['deactivate', 'delete']).default('deactivate'),
  caFile: z.string().trim().min(1).optional(),
  tokenExpiresAt: expiryDateSchema.optional(),
  notes: z.string().max(4000).optional(),
  protectedGroups: groupNamesSchema.default([]),
  boundGroups: groupNamesSchema.nullable().default(null),
});

export type ProfileFields = z.input<typeof profileFieldsSchema>;

/** A partial update; `null` clears an optional field. */
export const profilePatchSchema = z.object({
  baseUrl: baseUrlSchema.optional(),
  policy: z.enum(['deactivate', 'delete']).optional(),
  caFile: z.string().trim().min(1).nullable().optional(),
  tokenExpiresAt: expiryDateSchema.nullable().optional(),
  notes: z.string().max(4000).nullable().optional(),
  protectedGroups: groupNamesSchema.optional(),
  boundGroups: groupNamesSchema.nullable().optional(),
});

export type ProfilePatch = z.input<typeof profilePatchSchema>;

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
