/** The app's UI state: which tenant is open, its snapshot, import and audit, and what failed. */
import { create } from 'zustand';
import type {
  AuditView,
  CompanionEvent,
  ImportSummary,
  SnapshotProgressEvent,
  SnapshotView,
  TenantSummary,
  WireError,
} from '../../src-main/api/contract';
import { api, toUiError } from './bridge/companion';

export interface SnapshotRun {
  runId: string;
  tenantId: string;
  progress: SnapshotProgressEvent | null;
  cancelling: boolean;
}

/** A repair or undo run wrote to the open tenant: what is on screen may predate it. */
export interface TenantChange {
  /** When the UI heard the run finish. */
  at: string;
  /** True once a snapshot taken after the run is shown. */
  snapshotFresh: boolean;
  /** True while the audit on screen is from before the run. */
  auditStale: boolean;
}

interface AppState {
  tenants: TenantSummary[];
  tenantId: string | null;
  page: string;
  snapshot: SnapshotView | null;
  run: SnapshotRun | null;
  /** A sentence about how the last snapshot run ended, when it did not complete. */
  runNotice: string | null;
  imported: ImportSummary | null;
  audit: AuditView | null;
  error: WireError | null;
  tenantChanged: TenantChange | null;
  /** The run History opens with, when another page sent the admin there for it. */
  historyRunId: string | null;

  loadTenants(): Promise<void>;
  openTenant(tenantId: string): Promise<void>;
  openDemo(): Promise<void>;
  closeTenant(): void;
  startSnapshot(): Promise<void>;
  cancelSnapshot(): Promise<void>;
  setPage(page: string): void;
  /** Shows History with this run open. */
  openHistory(runId: string): void;
  setImported(summary: ImportSummary | null): void;
  /** Shows the export and audit the backend holds for the tenant now. */
  reloadImport(tenantId: string): Promise<void>;
  setAudit(audit: AuditView | null): void;
  showError(error: unknown): void;
  clearError(): void;
  handleEvent(event: CompanionEvent): void;
}

export const useApp = create<AppState>()((set, get) => ({
  tenants: [],
  tenantId: null,
  page: 'tenants',
  snapshot: null,
  run: null,
  runNotice: null,
  imported: null,
  audit: null,
  error: null,
  tenantChanged: null,
  historyRunId: null,

  async loadTenants() {
    try {
      set({ tenants: await api().listTenants({}) });
    } catch (error) {
      get().showError(error);
    }
  },

  async openTenant(tenantId) {
    // The window shows one tenant: a read of the tenant being left is of no use any more.
    const leaving = get().run;
    if (leaving && leaving.tenantId !== tenantId) {
      set({ run: null });
      void api()
        .cancelSnapshot({ runId: leaving.runId })
        .catch(() => undefined);
    }
    // The last tenant's error and changes are no news about this one.
    set({
      tenantId,
      page: 'users',
      snapshot: null,
      imported: null,
      audit: null,
      runNotice: null,
      error: null,
      tenantChanged: null,
      historyRunId: null,
    });
    try {
      const [snapshot, imported, audit] = await Promise.all([
        api().getSnapshot({ tenantId }),
        api().getImport({ tenantId }),
        api().getAudit({ tenantId }),
      ]);
      if (get().tenantId !== tenantId) return;
      set({ snapshot, imported, audit });
      if (!snapshot && !get().run) await get().startSnapshot();
    } catch (error) {
      get().showError(error);
    }
  },

  async openDemo() {
    try {
      const demo = await api().openDemoTenant({});
      await get().loadTenants();
      await get().openTenant(demo.id);
    } catch (error) {
      get().showError(error);
    }
  },

  closeTenant() {
    set({
      tenantId: null,
      page: 'tenants',
      snapshot: null,
      imported: null,
      audit: null,
      error: null,
      tenantChanged: null,
      historyRunId: null,
    });
  },

  async startSnapshot() {
    const tenantId = get().tenantId;
    if (!tenantId) return;
    try {
      set({ runNotice: null });
      const { runId } = await api().startSnapshot({ tenantId });
      // An event may have arrived before the answer: keep what it set.
      if (get().run?.runId !== runId) {
        set({ run: { runId, tenantId, progress: null, cancelling: false } });
      }
    } catch (error) {
      get().showError(error);
    }
  },

  async cancelSnapshot() {
    const run = get().run;
    if (!run) return;
    set({ run: { ...run, cancelling: true } });
    try {
      await api().cancelSnapshot({ runId: run.runId });
    } catch (error) {
      get().showError(error);
    }
  },

  setPage(page) {
    set({ page, historyRunId: null });
  },

  openHistory(runId) {
    set({ page: 'history', historyRunId: runId });
  },

  setImported(imported) {
    set({ imported, audit: null });
  },

  async reloadImport(tenantId) {
    // After a failed import: the backend usually dropped the export the files were to replace,
    // but keeps it when it refused the call itself (too many files): show what it holds.
    const [imported, audit] = await Promise.all([
      api()
        .getImport({ tenantId })
        .catch(() => null),
      api()
        .getAudit({ tenantId })
        .catch(() => null),
    ]);
    if (get().tenantId !== tenantId) return;
    set({ imported, audit });
  },

  setAudit(audit) {
    const changed = get().tenantChanged;
    set({ audit, tenantChanged: changed && { ...changed, auditStale: false } });
  },

  showError(error) {
    set({ error: toUiError(error) });
  },

  clearError() {
    set({ error: null });
  },

  handleEvent(event) {
    if (event.type === 'snapshot-progress') {
      const progress = event as unknown as SnapshotProgressEvent;
      const run = get().run;
      if (progress.tenantId !== get().tenantId) return;
      if (run && run.runId !== progress.runId) return;
      set({
        run: {
          runId: progress.runId,
          tenantId: progress.tenantId,
          progress,
          cancelling: run?.cancelling ?? false,
        },
      });
      return;
    }
    if (event.type === 'snapshot-finished') void finishRun(event, set, get);
    if (event.type === 'repair-finished') void tenantWritten(event, set, get);
    if (event.type === 'menu') void runMenuCommand(String(event.command), get);
  },
}));

type Setter = (partial: Partial<AppState>) => void;

/** The desktop app's menu: commands arrive as events from the main process. */
async function runMenuCommand(command: string, get: () => AppState) {
  const state = get();
  if (command === 'show-tenants') state.closeTenant();
  if (command !== 'open-export') return;

  if (!state.tenantId) {
    state.showError('Open a tenant first: an export is compared with one tenant.');
    return;
  }
  state.setPage('reconcile');
  try {
    const summary = await api().importExportFromDialog({ tenantId: state.tenantId });
    if (summary) get().setImported(summary);
  } catch (error) {
    get().showError(error);
    await get().reloadImport(state.tenantId);
  }
}

async function finishRun(event: CompanionEvent, set: Setter, get: () => AppState) {
  const tenantId = String(event.tenantId);
  const status = String(event.status);
  if (get().run?.runId === event.runId || get().run === null) set({ run: null });
  if (get().tenantId !== tenantId) return;

  if (status === 'complete') {
    try {
      const snapshot = await api().getSnapshot({ tenantId });
      const changed = get().tenantChanged;
      const fresh = changed !== null && snapshot !== null && snapshot.takenAt >= changed.at;
      set({
        snapshot,
        runNotice: null,
        tenantChanged: changed && { ...changed, snapshotFresh: changed.snapshotFresh || fresh },
      });
      // This read started before a run ended: read once more so the tables show the result.
      if (changed && !changed.snapshotFresh && !fresh && !get().run) await get().startSnapshot();
    } catch (error) {
      get().showError(error);
    }
  } else if (status === 'cancelled') {
    set({
      runNotice:
        'The read was cancelled. Nothing from it is shown; the tables keep the last complete snapshot, if any.',
    });
  } else {
    set({ runNotice: 'The read failed. The tables keep the last complete snapshot, if any.' });
    set({ error: (event.error as WireError | null) ?? toUiError('The snapshot failed.') });
  }
}

/**
 * A repair or undo run finished on the open tenant: the snapshot and the audit on screen are
 * from before it. The snapshot is read again at once; the audit waits for the admin to run it
 * again (Repair offers nothing until then, and the backend refuses plans from the old audit).
 */
async function tenantWritten(event: CompanionEvent, set: Setter, get: () => AppState) {
  if (String(event.tenantId) !== get().tenantId) return;
  set({
    tenantChanged: {
      at: new Date().toISOString(),
      snapshotFresh: false,
      auditStale: get().audit !== null,
    },
  });
  // A read already going started before the run ended: the next one will be fresh.
  if (!get().run) await get().startSnapshot();
}

/** The open tenant's summary, if any. */
export function useOpenTenant(): TenantSummary | null {
  return useApp((s) => s.tenants.find((t) => t.id === s.tenantId) ?? null);
}
