/**
 * What the backend needs from the core, named narrowly. `wiring.ts` adapts the real core modules
 * (tenants, SCIM client, JumpCloud importer, reconcile, demo) to these; tests may pass real
 * alternatives (another data dir, a test SCIM server) through `createBackend`'s deps.
 */
import type { AuditReport, BoundSource, Directory, Snapshot } from '../core/model';
import type { DiscoveryView } from './methods/discovery';
import type { RequestLogEntryView } from './methods/request-log';
import type {
  AddTenantInput,
  ConnectionTestView,
  TenantPatch,
  TenantSummary,
} from './methods/tenants';

/** A stored tenant as the backend sees it: the summary plus the remembered bound groups. */
export interface TenantRecord extends Omit<TenantSummary, 'demo'> {
  boundGroups: string[] | null;
}

/** Profiles and their keychain tokens (the tenants module). */
export interface TenantDirectory {
  list(): Promise<TenantRecord[]>;
  get(tenantId: string): Promise<TenantRecord>;
  add(input: AddTenantInput): Promise<TenantRecord>;
  update(
    tenantId: string,
    patch: TenantPatch & { boundGroups?: string[] | null },
  ): Promise<TenantRecord>;
  remove(tenantId: string): Promise<boolean>;
  replaceToken(tenantId: string, token: string): Promise<TenantRecord>;
  /** Read in the main process only, handed straight to the SCIM transport. */
  token(tenantId: string): Promise<string>;
}

export interface SnapshotProgress {
  phase: string;
  done: number;
  total: number | null;
  pages: number;
  retries: number;
}

/** How to reach one tenant. Holds the token: never leaves the main process. */
export interface TenantConnection {
  tenantName: string;
  baseUrl: string;
  token: string;
  caFile: string | null;
}

/** One tenant's SCIM client and its request log, kept for the session. */
export interface ScimSession {
  snapshot(options: {
    signal: AbortSignal;
    onProgress: (progress: SnapshotProgress) => void;
  }): Promise<Snapshot>;
  discover(): Promise<DiscoveryView>;
  testConnection(): Promise<ConnectionTestView>;
  requestLog(): { entries(): RequestLogEntryView[]; toCSV(): string; toJSON(): string };
  /** The core SCIM client itself, for concerns (repair) that write. */
  readonly client: unknown;
}

export type ScimSessionFactory = (connection: TenantConnection) => ScimSession;

export interface ExportFileData {
  name: string;
  data: Uint8Array;
}

/** What was detected in one file of an export. */
export interface ExportFileReport {
  name: string;
  format: string;
  rows: number;
  skipped: { reason: string; count: number }[];
}

/** The JumpCloud importer: detection by content, one or several files. */
export type ExportImporter = (
  files: ExportFileData[],
  options: { maxBytes: number | null },
) => Promise<{ directory: Directory; files: ExportFileReport[] }>;

export interface AuditInput {
  snapshot: Snapshot;
  directory: Directory;
  /** The admin's pick, or null to let the export's bindings (or all groups) decide. */
  boundGroups: string[] | null;
  policy: 'deactivate' | 'delete';
}

/** Reconcile plus the report builder. */
export type Auditor = (input: AuditInput) => {
  report: AuditReport;
  boundSource: BoundSource;
  /** What the audit could not conclude (members unknown), for the admin. */
  warnings: string[];
};

export interface RunningDemo {
  baseUrl: string;
  token: string;
  /** The groups bound to the app in the demo's JumpCloud: the demo's remembered pick. */
  boundGroups: string[];
  close(): Promise<void>;
}

export type DemoLauncher = () => Promise<RunningDemo>;

/** Desktop only: a native open dialog; null when the admin cancels. */
export type ExportFilePicker = () => Promise<string[] | null>;

/** Desktop only: a native save dialog; the path written, or null when the admin cancels. */
export type FileSaver = (file: { fileName: string; content: string }) => Promise<string | null>;
