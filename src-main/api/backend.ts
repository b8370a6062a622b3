/**
 * The backend behind the contract: every concern's handlers over one shared session context.
 * The Electron IPC layer and the browser harness both serve `handlers` (through `dispatch`) and
 * forward `events` to the UI.
 */
import type { Handlers } from './define';
import type { CompanionEvent, Methods } from './contract';
import { BackendContext, type BackendDeps } from './context';
import { createAuditHandlers } from './handlers/audit';
import { createDiscoveryHandlers, createRequestLogHandlers } from './handlers/discovery';
import { createImportHandlers } from './handlers/import';
import { createSnapshotHandlers } from './handlers/snapshot';
import { createTenantHandlers } from './handlers/tenants';
import { defaultDeps } from './wiring/index';
import { createRepairHandlers } from './handlers/repair';

export type { BackendDeps } from './context';

export interface Backend {
  handlers: Handlers<Methods>;
  events: { on(listener: (event: CompanionEvent) => void): () => void };
  /** The session state, for concerns that build on snapshots and audits (repair). */
  context: BackendContext;
  /** Stops the demo server, if one was started. */
  close(): Promise<void>;
}

/**
 * Builds the backend. Only `dataDir` is required: the real core modules fill in the rest
 * (tenant profiles and keychain, SCIM client, importer, reconcile, demo server).
 */
export function createBackend(deps: { dataDir: string } & Partial<BackendDeps>): Backend {
  const context = new BackendContext({ ...defaultDeps(deps.dataDir), ...deps });

  const handlers: Handlers<Methods> = {
    ...createTenantHandlers(context),
    ...createSnapshotHandlers(context),
    ...createDiscoveryHandlers(context),
    ...createRequestLogHandlers(context),
    ...createImportHandlers(context),
    ...createAuditHandlers(context),
    ...createRepairHandlers(context),
  };

  return {
    handlers,
    events: { on: (listener) => context.onEvent(listener) },
    context,
    close: () => context.close(),
  };
}
