/** Tenant profiles, their tokens (write-only from the UI) and the demo tenant. */
import { z } from 'zod';
import { method } from '../define';
import { noInput, tenantId, tenantRef } from './common';

export const deprovisionPolicy = z.enum(['deactivate', 'delete']);
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

const baseUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (u) => /^https?:\/\/[^\s/]+/i.test(u),
    'The base URL must start with https:// or http://',
  );

// Tokens are opaque; the bound only keeps a paste accident from filling the keychain.
const token = z.string().trim().min(1, 'Paste the integration token.').max(8192);
const tenantName = z.string().trim().min(1, 'Give the tenant a name.').max(100);
const caFile = z.string().max(4096).nullable();
const isoDate = z.string().max(40).nullable();
const notes = z.string().max(4000).nullable();

export const addTenantInput = z
  .object({
    name: tenantName,
    baseUrl,
    token,
    policy: deprovisionPolicy.default('deactivate'),
    caFile: caFile.default(null),
    tokenExpiresAt: isoDate.default(null),
    notes: notes.default(null),
  })
  .strict();

export const updateTenantInput = z
  .object({
    tenantId,
    patch: z
      .object({
        name: tenantName.optional(),
        baseUrl: baseUrl.optional(),
        policy: deprovisionPolicy.optional(),
        caFile: caFile.optional(),
        tokenExpiresAt: isoDate.optional(),
        notes: notes.optional(),
      })
      .strict(),
  })
  .strict();

export const replaceTokenInput = z.object({ tenantId, token }).strict();

export type AddTenantInput = z.output<typeof addTenantInput>;
export type TenantPatch = z.output<typeof updateTenantInput>['patch'];

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
