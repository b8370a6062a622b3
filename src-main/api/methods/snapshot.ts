/** Reading a tenant: start a snapshot (progress arrives as events), cancel it, read the result. */
import { z } from 'zod';
import { method } from '../define';
import type { TenantGroup, TenantUser } from '../../core/model';
import { tenantRef } from './common';

/** A tenant user as the tables show it (the raw resource stays in the main process). */
export type UserRow = Omit<TenantUser, 'raw'>;

/** A tenant group as the tables show it; `memberCount` is null when membership is unknown. */
export type GroupRow = Omit<TenantGroup, 'raw'> & { memberCount: number | null };

/** The last complete snapshot of a tenant. A cancelled or failed read never replaces it. */
export interface SnapshotView {
  tenantId: string;
  baseUrl: string;
  takenAt: string;
  complete: boolean;
  warnings: string[];
  users: UserRow[];
  groups: GroupRow[];
}

export interface SnapshotRunView {
  runId: string;
}

export const cancelSnapshotInput = z.object({ runId: z.string().min(1).max(100) }).strict();

export const snapshotMethods = {
  /** Starts reading all users and groups; `snapshot-progress` and `snapshot-finished` follow. */
  startSnapshot: method<typeof tenantRef, SnapshotRunView>(tenantRef),
  cancelSnapshot: method<typeof cancelSnapshotInput, { cancelled: boolean }>(cancelSnapshotInput),
  /** The last complete snapshot of the tenant, or null when there is none yet. */
  getSnapshot: method<typeof tenantRef, SnapshotView | null>(tenantRef),
};
