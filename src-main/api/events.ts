/** Events the backend pushes to the UI. Plain data, never a token. */
import type { WireError } from './errors';

export interface SnapshotProgressEvent {
  type: 'snapshot-progress';
  runId: string;
  tenantId: string;
  /**
   * What is being read now: `users`, then `groups` (listed without members), then `members`
   * (one read per group whose members the list left out); `done` once everything is read.
   */
  phase: string;
  /** Items finished in this phase: users, groups, or groups whose members were read. */
  done: number;
  /** Null while the server's total is unknown or untrusted. */
  total: number | null;
  /** Pages or single reads sent so far, over all phases. */
  pages: number;
  retries: number;
}

export interface SnapshotFinishedEvent {
  type: 'snapshot-finished';
  runId: string;
  tenantId: string;
  status: 'complete' | 'cancelled' | 'failed';
  users: number;
  groups: number;
  error: WireError | null;
}

/** Every event the app's own concerns emit; other concerns (repair) add their own `type`s. */
export type AppEvent = SnapshotProgressEvent | SnapshotFinishedEvent;
