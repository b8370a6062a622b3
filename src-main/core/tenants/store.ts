/**
 * The tenant profile file (`tenants.json` in the data dir), kept with `conf`, the library
 * electron-store is built on, so the CLI, tests and the Electron main process share one file
 * format, one schema and one migration path. It never holds a token: the schema forbids any
 * property it does not name.
 */
import Conf, { type Options } from 'conf';
import type { TenantProfile } from './profile';

// A type alias, not an interface: conf wants a Record-compatible shape.
export type TenantStoreData = { tenants: TenantProfile[] };

/** The version of the file format; a migration below exists for every version after 1.0.0. */
export const TENANT_STORE_VERSION = '1.1.0';

const stringList = { type: 'array', items: { type: 'string' } } as const;

const profileJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'name',
    'baseUrl',
    'policy',
    'protectedGroups',
    'boundGroups',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1 },
    baseUrl: { type: 'string', minLength: 1 },
    policy: { enum: ['deactivate', 'delete'] },
    caFile: { type: 'string' },
    tokenExpiresAt: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    notes: { type: 'string' },
    protectedGroups: stringList,
    boundGroups: { anyOf: [stringList, { type: 'null' }] },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

/**
 * The options for `new Conf(...)` and, identically, `new ElectronStore(...)`: same file, same
 * schema, same defaults, same migrations.
 */
export function tenantStoreOptions(dataDir: string): Options<TenantStoreData> {
  return {
    cwd: dataDir,
    configName: 'tenants',
    projectVersion: TENANT_STORE_VERSION,
    defaults: { tenants: [] },
    schema: { tenants: { type: 'array', items: profileJsonSchema } },
    migrations: TENANT_STORE_MIGRATIONS,
    // Profiles name internal hosts and CA files: readable by the admin's account only.
    configFileMode: 0o600,
    watch: false,
  };
}

type Migrations = NonNullable<Options<TenantStoreData>['migrations']>;

/** Each entry upgrades a file written by an older version; they run in version order, once. */
const TENANT_STORE_MIGRATIONS: Migrations = {
  // Protected and remembered bound groups arrived in 1.1.0; older profiles get the neutral
  // values (nothing protected, no bound-group choice remembered).
  '1.1.0': (store) => {
    const tenants = (store.get('tenants') ?? []) as unknown as Array<Record<string, unknown>>;
    store.set(
      'tenants',
      tenants.map((tenant) => ({
        ...tenant,
        protectedGroups: Array.isArray(tenant.protectedGroups) ? tenant.protectedGroups : [],
        boundGroups: Array.isArray(tenant.boundGroups) ? tenant.boundGroups : null,
        updatedAt: tenant.updatedAt ?? tenant.createdAt ?? new Date(0).toISOString(),
      })) as unknown as TenantProfile[],
    );
  },
};

/** Raised when the profile file cannot be read or written; the message says which file. */
export class TenantStoreError extends Error {
  override name = 'TenantStoreError';
}

/** Reads and writes the tenant profiles of one data dir. */
export class TenantStore {
  readonly #conf: Conf<TenantStoreData>;

  constructor(readonly dataDir: string) {
    try {
      this.#conf = new Conf<TenantStoreData>(tenantStoreOptions(dataDir));
    } catch (error) {
      throw new TenantStoreError(
        `The tenant profile file in ${dataDir} could not be opened: ${messageOf(error)}. ` +
          'Fix or move tenants.json away and add the tenants again.',
        { cause: error },
      );
    }
  }

  /** The path of the profile file, for support and error messages. */
  get path(): string {
    return this.#conf.path;
  }

  list(): TenantProfile[] {
    return structuredClone(this.#conf.get('tenants'));
  }

  /** Replaces the whole list; schema validation runs before anything is written. */
  save(tenants: TenantProfile[]): void {
    try {
      this.#conf.set('tenants', tenants);
    } catch (error) {
      throw new TenantStoreError(
        `The tenant profiles could not be saved to ${this.path}: ${messageOf(error)}`,
        { cause: error },
      );
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
