/**
 * TenantService: tenant profiles (in the data dir) and their tokens (in the OS keychain), kept
 * in step. A token goes in through `add`/`replaceToken` and comes out only inside this process,
 * to open a SCIM client; no method of this class returns it to a caller that could display it.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  TenantExistsError,
  TenantHostChangeError,
  TenantInputError,
  TenantNotFoundError,
  TokenMissingError,
} from './errors';
import { OsKeychain, type TokenKeychain } from './keychain';
import {
  newTokenHost,
  profileFieldsSchema,
  profilePatchSchema,
  tenantNameSchema,
  type ProfileFields,
  type ProfilePatch,
  type TenantProfile,
} from './profile';
import { TenantStore } from './store';

/** A pasted integration token: one line of printable characters, at most 16 KiB. */
export const tokenSchema = z
  .string()
  .trim()
  .min(1, 'The token is empty.')
  .max(16_384, 'The token is longer than 16 KiB; paste only the token.')
  .refine((token) => !/[\s\p{Cc}]/u.test(token), 'The token contains spaces or line breaks.');

/** What opening a connection to a tenant needs. Handed to the client factory only. */
export interface TenantConnection {
  baseUrl: string;
  token: string;
  caFile?: string;
}

export interface TenantServiceOptions<C> {
  dataDir: string;
  /** Defaults to the OS keychain; there is no other implementation in the app. */
  keychain?: TokenKeychain;
  /**
   * Builds a SCIM client for a tenant; the token is passed here and nowhere else. Needed only by
   * `openClient` (the CLI's option resolver reads connections without it).
   */
  connect?: (connection: TenantConnection) => C;
}

export class TenantService<C = unknown> {
  readonly store: TenantStore;
  readonly #keychain: TokenKeychain;
  readonly #connect: ((connection: TenantConnection) => C) | undefined;

  constructor(options: TenantServiceOptions<C>) {
    this.store = new TenantStore(options.dataDir);
    this.#keychain = options.keychain ?? new OsKeychain();
    this.#connect = options.connect;
  }

  /** Every profile, sorted by name. */
  list(): TenantProfile[] {
    return this.store.list().sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The profile with this id, else this name (case-insensitive), else undefined. */
  find(nameOrId: string): TenantProfile | undefined {
    const tenants = this.store.list();
    const wanted = nameOrId.trim().toLowerCase();
    return (
      tenants.find((tenant) => tenant.id === nameOrId) ??
      tenants.find((tenant) => tenant.name.toLowerCase() === wanted)
    );
  }

  /** Like `find`, but a missing tenant is a TenantNotFoundError naming the known ones. */
  get(nameOrId: string): TenantProfile {
    const tenant = this.find(nameOrId);
    if (tenant) return tenant;
    const known = this.list().map((profile) => profile.name);
    throw new TenantNotFoundError(nameOrId, known);
  }

  /**
   * Adds a tenant: the token goes to the keychain first, so a keychain that does not answer
   * leaves nothing behind; if the profile cannot be saved, the keychain entry is taken back.
   */
  async add(fields: ProfileFields, token: string): Promise<TenantProfile> {
    const parsed = parse(profileFieldsSchema, fields);
    const secret = parse(tokenSchema, token, 'token');
    this.#assertNameFree(parsed.name);

    const now = new Date().toISOString();
    const profile: TenantProfile = dropUndefined({
      id: randomUUID(),
      ...parsed,
      createdAt: now,
      updatedAt: now,
    });

    await this.#keychain.write(profile.id, secret);
    try {
      this.store.save([...this.store.list(), profile]);
    } catch (error) {
      await this.#keychain.remove(profile.id).catch(() => false);
      throw error;
    }
    return profile;
  }

  /**
   * Changes profile fields: an absent or undefined field stays as it is, `null` clears an
   * optional one (for bound groups, `null` means "no choice remembered"). The token is untouched,
   * so a base URL on another origin is refused unless `sendTokenTo` names that very origin: the
   * admin agreed that the stored token goes there (and not to wherever the URL says by now).
   */
  update(
    nameOrId: string,
    patch: ProfilePatch,
    consent: { sendTokenTo?: string | null } = {},
  ): TenantProfile {
    const current = this.get(nameOrId);
    const changes = parse(profilePatchSchema, patch);
    if (changes.name !== undefined) this.#assertNameFree(changes.name, current.id);

    const toHost = changes.baseUrl ? newTokenHost(current.baseUrl, changes.baseUrl) : null;
    if (toHost && consent.sendTokenTo !== toHost) {
      throw new TenantHostChangeError(current.name, new URL(current.baseUrl).origin, toHost);
    }
    return this.#replace(applyPatch(current, changes));
  }

  /**
   * Renames a tenant. Its keychain entry is keyed by the tenant id, which does not change, so
   * profile and token stay together without a second write that could fail half-way.
   */
  rename(nameOrId: string, newName: string): TenantProfile {
    const current = this.get(nameOrId);
    const name = parse(tenantNameSchema, newName, 'name');
    this.#assertNameFree(name, current.id);
    return this.#replace({ ...current, name });
  }

  /** Stores a new token for the tenant, replacing the old one in the keychain. */
  async replaceToken(nameOrId: string, token: string): Promise<TenantProfile> {
    const current = this.get(nameOrId);
    const secret = parse(tokenSchema, token, 'token');
    await this.#keychain.write(current.id, secret);
    return this.#replace({ ...current });
  }

  /** Whether the keychain holds a token for the tenant (never the token itself). */
  async hasToken(nameOrId: string): Promise<boolean> {
    const current = this.get(nameOrId);
    return (await this.#keychain.read(current.id)) !== null;
  }

  /**
   * Removes the tenant's keychain entry, then its profile. A keychain that does not answer stops
   * the removal, so no token is ever left behind without a profile pointing at it.
   */
  async remove(nameOrId: string): Promise<TenantProfile> {
    const current = this.get(nameOrId);
    await this.#keychain.remove(current.id);
    this.store.save(this.store.list().filter((tenant) => tenant.id !== current.id));
    return current;
  }

  /** A SCIM client for the tenant, with the token read from the keychain inside. */
  async openClient(nameOrId: string): Promise<{ profile: TenantProfile; client: C }> {
    if (!this.#connect) throw new Error('TenantService was built without a SCIM client factory.');
    const { profile, connection } = await this.connectionFor(nameOrId);
    return { profile, client: this.#connect(connection) };
  }

  /**
   * The profile and what a SCIM client needs, token included. For in-process callers that
   * build their own client (the CLI); never pass the result to a renderer, log or file.
   */
  async connectionFor(
    nameOrId: string,
  ): Promise<{ profile: TenantProfile; connection: TenantConnection }> {
    const profile = this.get(nameOrId);
    const token = await this.#keychain.read(profile.id);
    if (!token) throw new TokenMissingError(profile.name);
    const connection: TenantConnection = { baseUrl: profile.baseUrl, token };
    if (profile.caFile) connection.caFile = profile.caFile;
    return { profile, connection };
  }

  #assertNameFree(name: string, exceptId?: string): void {
    const taken = this.store
      .list()
      .some((tenant) => tenant.id !== exceptId && tenant.name.toLowerCase() === name.toLowerCase());
    if (taken) throw new TenantExistsError(name);
  }

  #replace(next: TenantProfile): TenantProfile {
    const updated = { ...next, updatedAt: new Date().toISOString() };
    this.store.save(this.store.list().map((t) => (t.id === updated.id ? updated : t)));
    return updated;
  }
}

/** `field` names a single value (token, name) in the details, as an object's keys are named. */
function parse<S extends z.ZodType>(schema: S, value: unknown, field?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // Messages only, never the input: the input may be a token. Each message names its field in
  // words; the details keep the field keys.
  const issues = result.error.issues;
  throw new TenantInputError(
    issues.map((issue) => issue.message).join(' '),
    issues.map((issue) => `${pathOf(field, issue.path)}: ${issue.message}`).join('\n'),
  );
}

function pathOf(field: string | undefined, path: PropertyKey[]): string {
  const parts = field === undefined ? path : [field, ...path];
  return parts.map(String).join('.') || '(input)';
}

function applyPatch(current: TenantProfile, changes: Record<string, unknown>): TenantProfile {
  const next: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null && field !== 'boundGroups') delete next[field];
    else next[field] = value;
  }
  return next as unknown as TenantProfile;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
