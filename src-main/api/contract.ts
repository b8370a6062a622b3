/**
 * The whole contract: every method the UI may call, and every event the backend may emit.
 * The renderer imports types from here only (`import type`).
 */
import type { Client } from './define';
import { auditMethods } from './methods/audit';
import { discoveryMethods } from './methods/discovery';
import { importMethods } from './methods/import';
import { requestLogMethods } from './methods/request-log';
import { snapshotMethods } from './methods/snapshot';
import { tenantMethods } from './methods/tenants';
import { repairMethods } from './methods/repair';

// Each concern adds its methods in its own file under ./methods and spreads them here.
export const methods = {
  ...tenantMethods,
  ...snapshotMethods,
  ...discoveryMethods,
  ...requestLogMethods,
  ...importMethods,
  ...auditMethods,
  ...repairMethods,
};

export type Methods = typeof methods;

/** Events pushed from the backend to the UI (progress, run updates). */
export interface CompanionEvent {
  type: string;
  [key: string]: unknown;
}

export type Companion = Client<Methods> & {
  /** Subscribe to backend events; returns an unsubscribe function. */
  onEvent(listener: (event: CompanionEvent) => void): () => void;
};

export type { AppEvent, SnapshotFinishedEvent, SnapshotProgressEvent } from './events';
export type { WireError, WireResult } from './errors';
export type * from './methods/tenants';
export type * from './methods/snapshot';
export type * from './methods/discovery';
export type * from './methods/request-log';
export type * from './methods/import';
export type * from './methods/audit';
export type * from './methods/repair';
export type {
  AuditReport,
  BoundSource,
  Finding,
  FindingAction,
  FindingKind,
  SkippedRows,
} from '../core/model';
