/**
 * The backend's state for one app session, shared by every concern's handlers: which tenants
 * exist (stored ones plus the demo tenant once opened), one SCIM session per tenant, and the
 * last snapshot, import and audit of each tenant. Tokens stay in here, in the main process.
 */
import type { Directory, Snapshot } from '../core/model';
import { ApiError } from './errors';
import type { CompanionEvent } from './contract';
import type { AuditView } from './methods/audit';
import type { ImportSummary } from './methods/import';
import type { TenantSummary } from './methods/tenants';
import type {
  Auditor,
  DemoLauncher,
  ExportFilePicker,
  ExportImporter,
  FileSaver,
  RunningDemo,
  ScimSession,
  ScimSessionFactory,
  TenantDirectory,
  TenantRecord,
} from './ports';

/** The demo tenant's id in the contract; no stored profile can take it (ids are UUIDs). */
export const DEMO_TENANT_ID = 'demo';

export interface BackendDeps {
  dataDir: string;
  tenants: TenantDirectory;
  scim: ScimSessionFactory;
  importExport: ExportImporter;
  audit: Auditor;
  startDemo: DemoLauncher;
  /** Present in the desktop app only. */
  pickExportFiles?: ExportFilePicker;
  /** Present in the desktop app only. */
  saveFile?: FileSaver;
}

export interface ImportedExport {
  summary: ImportSummary;
  directory: Directory;
}

/** A tenant as the handlers use it: the contract's summary plus remembered bound groups. */
export type OpenTenant = TenantSummary & { boundGroups: string[] | null };

export class BackendContext {
  readonly snapshots = new Map<string, Snapshot>();
  readonly imports = new Map<string, ImportedExport>();
  readonly audits = new Map<string, AuditView>();
  /** When a repair or undo run last changed each tenant: older snapshots and audits are stale. */
  readonly changedAt = new Map<string, string>();
  readonly #sessions = new Map<string, ScimSession>();
  readonly #listeners = new Set<(event: CompanionEvent) => void>();
  #demo: { running: RunningDemo; boundGroups: string[] | null } | null = null;
  #demoStarting: Promise<RunningDemo> | null = null;

  constructor(readonly deps: BackendDeps) {}

  get dataDir(): string {
    return this.deps.dataDir;
  }

  /** Sends an event to every subscribed UI. */
  emit(event: CompanionEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  onEvent(listener: (event: CompanionEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts the demo server on first call; later calls reuse it. */
  async openDemo(): Promise<OpenTenant> {
    if (!this.#demo) {
      this.#demoStarting ??= this.deps.startDemo();
      try {
        const running = await this.#demoStarting;
        this.#demo ??= { running, boundGroups: running.boundGroups };
      } finally {
        this.#demoStarting = null;
      }
    }
    return demoSummary(this.#demo.running.baseUrl, this.#demo.boundGroups);
  }

  /** Stored tenants, with the demo tenant first once it is open. */
  async listTenants(): Promise<OpenTenant[]> {
    const stored = (await this.deps.tenants.list()).map(fromRecord);
    return this.#demo ? [await this.openDemo(), ...stored] : stored;
  }

  async tenant(tenantId: string): Promise<OpenTenant> {
    if (tenantId === DEMO_TENANT_ID) {
      if (!this.#demo)
        throw new ApiError('not-found', 'The demo tenant is not open. Open it first.');
      return this.openDemo();
    }
    return fromRecord(await this.deps.tenants.get(tenantId));
  }

  async rememberBoundGroups(tenantId: string, groups: string[]): Promise<void> {
    if (tenantId === DEMO_TENANT_ID) {
      // The demo tenant has no profile: its pick lasts as long as the session.
      if (this.#demo) this.#demo.boundGroups = groups;
      return;
    }
    await this.deps.tenants.update(tenantId, { boundGroups: groups });
  }

  /** The tenant's SCIM session, created on first use with the token from the keychain. */
  async session(tenantId: string): Promise<ScimSession> {
    const existing = this.#sessions.get(tenantId);
    if (existing) return existing;

    const tenant = await this.tenant(tenantId);
    const token =
      tenantId === DEMO_TENANT_ID
        ? this.#demo!.running.token
        : await this.deps.tenants.token(tenantId);
    const session = this.deps.scim({
      tenantName: tenant.name,
      baseUrl: tenant.baseUrl,
      token,
      caFile: tenant.caFile,
    });
    this.#sessions.set(tenantId, session);
    return session;
  }

  /**
   * A run wrote to the tenant: its last audit describes a tenant that no longer exists, so it
   * goes (a plan must not be made from it), and snapshots taken before now are stale.
   */
  markTenantChanged(tenantId: string): void {
    this.changedAt.set(tenantId, new Date().toISOString());
    this.audits.delete(tenantId);
  }

  /** True when a run changed the tenant after this snapshot was taken. */
  isStale(tenantId: string, snapshot: Snapshot): boolean {
    const changed = this.changedAt.get(tenantId);
    return changed !== undefined && snapshot.takenAt < changed;
  }

  /** Drops what the session knows about a tenant after its URL or token changed or it left. */
  forget(tenantId: string, options: { keepData: boolean }): void {
    this.#sessions.delete(tenantId);
    if (options.keepData) return;
    this.snapshots.delete(tenantId);
    this.imports.delete(tenantId);
    this.audits.delete(tenantId);
  }

  async close(): Promise<void> {
    const demo = this.#demo;
    this.#demo = null;
    this.#sessions.clear();
    if (demo) await demo.running.close();
  }
}

function fromRecord(record: TenantRecord): OpenTenant {
  return { ...record, demo: false };
}

function demoSummary(baseUrl: string, boundGroups: string[] | null): OpenTenant {
  return {
    id: DEMO_TENANT_ID,
    name: 'Demo tenant',
    baseUrl,
    policy: 'deactivate',
    demo: true,
    hasToken: true,
    caFile: null,
    tokenExpiresAt: null,
    notes: 'A SCIM server on this machine, seeded with a sample organisation.',
    expiryWarning: null,
    boundGroups,
  };
}

/** The contract's view of a tenant: without the remembered bound groups. */
export function toSummary(tenant: OpenTenant): TenantSummary {
  const { boundGroups: _boundGroups, ...summary } = tenant;
  return summary;
}
