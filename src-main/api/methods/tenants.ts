/** Tenant profiles, their tokens (write-only from the UI) and the demo tenant. */
import { z } from 'zod';
import { deprovisionPolicySchema, notesSchema, tenantNameSchema } from '../../core/tenants/profile';
import { method } from '../define';
import { noInput, tenantId, tenantRef } from './common';

export const deprovisionPolicy = deprovisionPolicySchema;
export type DeprovisionPolicy = z.infer<typeof deprovisionPolicy>;

/** What the UI knows about a tenant. Never the token: only whether one is stored. */
export interface TenantSummary {
  id: string;
  name: string;
  baseUrl: string;
  policy: DeprovisionPolicy;
  /** True for the in-process demo tenant, whose token lives in memory only. */
  demo: boolean;
  hasToken: boolean;
  caFile: string | null;
  /** As entered by the admin, ISO date. */
  tokenExpiresAt: string | null;
  notes: string | null;
  /** Groups no repair may touch in this tenant; absent for the demo tenant, which has none. */
  protectedGroups?: string[];
  /** A sentence when the token's expiry date is near or past, else null. */
  expiryWarning: string | null;
}

/** The result of a read-only connection test, naming the step that failed. */
export interface ConnectionTestView {
  ok: boolean;
  /** e.g. `dns`, `tls`, `auth`, `base-path`, `scim`, `done`. */
  step: string;
  message: string;
  details: string | null;
}

// Each message is the one the CLI gives for the same mistake (the core's, where the core checks
// the field in full after this first pass), never zod's default wording.
const baseUrl = z
  .string()
  .trim()
  .max(2000, 'The base URL is longer than 2000 characters.')
  .refine(
    (u) => /^https?:\/\/[^\s/]+/i.test(u),
    'The base URL must start with https:// or http://',
  );

// Tokens are opaque; the bound only keeps a paste accident from filling the keychain.
const token = z
  .string()
  .trim()
  .min(1, 'Paste the integration token.')
  .max(8192, 'The token is longer than 8 KiB; paste only the token.');
const caFile = z.string().max(4096, 'The CA certificate file path is too long.').nullable();
const isoDate = z.string().max(40, 'The token expiry date must be written YYYY-MM-DD.').nullable();
const notes = notesSchema.nullable();
const protectedGroups = z
  .array(z.string().max(500, 'A protected group name is longer than 500 characters.'))
  .max(10_000, 'More than 10,000 protected group names were given.')
  // A form's blank lines are no group names.
  .transform((names) => names.map((name) => name.trim()).filter(Boolean));

export const addTenantInput = z
  .object({
    name: tenantNameSchema,
    baseUrl,
    token,
    policy: deprovisionPolicy.default('deactivate'),
    caFile: caFile.default(null),
    tokenExpiresAt: isoDate.default(null),
    notes: notes.default(null),
    protectedGroups: protectedGroups.default([]),
  })
  .strict();

/**
 * The patch is only bounded here, against absurd sizes: the core checks each field in full and
 * says what is wrong in the CLI's words. (A refusal here would name the field by its nested key,
 * `patch.name`, not as the form does.)
 */
const patch = z
  .object({
    name: z.string().max(1000, 'The tenant name is longer than 100 characters.').optional(),
    baseUrl: z.string().max(2000, 'The base URL is longer than 2000 characters.').optional(),
    policy: deprovisionPolicy.optional(),
    caFile: caFile.optional(),
    tokenExpiresAt: z
      .string()
      .max(200, 'The token expiry date must be written YYYY-MM-DD.')
      .nullable()
      .optional(),
    notes: z
      .string()
      .max(100_000, 'The notes are longer than 4000 characters.')
      .nullable()
      .optional(),
    protectedGroups: protectedGroups.optional(),
  })
  .strict();

export const updateTenantInput = z
  .object({
    tenantId,
    patch,
    /**
     * The origin (scheme://host:port) the admin agreed the stored token may go to. A base URL
     * on another origin than the stored one is refused unless this names it (a path is fine).
     */
    sendTokenTo: z.string().max(2000).nullable().default(null),
  })
  .strict();

export const replaceTokenInput = z.object({ tenantId, token }).strict();

export type AddTenantInput = z.output<typeof addTenantInput>;
/** What the UI sends to `updateTenant`. */
export type UpdateTenantRequest = z.input<typeof updateTenantInput>;
/** What the tenant directory is asked to change, with the admin's consent to a new host. */
export type TenantPatch = z.output<typeof updateTenantInput>['patch'] & {
  sendTokenTo?: string | null;
};

export const tenantMethods = {
  listTenants: method<typeof noInput, TenantSummary[]>(noInput),
  addTenant: method<typeof addTenantInput, TenantSummary>(addTenantInput),
  updateTenant: method<typeof updateTenantInput, TenantSummary>(updateTenantInput),
  removeTenant: method<typeof tenantRef, { removed: boolean }>(tenantRef),
  replaceToken: method<typeof replaceTokenInput, TenantSummary>(replaceTokenInput),
  testConnection: method<typeof tenantRef, ConnectionTestView>(tenantRef),
  /** Starts (once) the embedded demo SCIM server and returns its tenant. */
  openDemoTenant: method<typeof noInput, TenantSummary>(noInput),
};
