/**
 * The shapes of a repair: a plan (what will be written, and the state each object was in when
 * it was planned), the outcome of each planned item, and a run (one apply or undo of a plan).
 */
import type { FindingKind } from '../model';
import type { WriteOp } from '../scim';
import type { DeprovisionPolicy } from '../tenants/profile';

export type { WriteOp };

/** The plan file format version; a file with another version is refused. */
export const PLAN_VERSION = 1;

export type { DeprovisionPolicy };

/** Which tenant a plan or run belongs to. Never carries a token. */
export interface PlanTenant {
  /** Tenant profile id when the plan was made from a saved tenant; null for `--url`. */
  id: string | null;
  /** The name the admin types to confirm. */
  name: string;
  baseUrl: string;
}

/** A user as it was when planned: the fields a write depends on. */
export interface PlannedUserState {
  type: 'user';
  id: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  /** Carried roles or entitlements when planned; absent in plans from older versions. */
  privileged?: boolean;
}

/** A group as it was when planned. `members` null when the server did not say. */
export interface PlannedGroupState {
  type: 'group';
  id: string;
  displayName: string;
  externalId: string | null;
  members: string[] | null;
}

export type PlannedState = PlannedUserState | PlannedGroupState;

/** One write of a plan, with why it is there and what it expects to find. */
export interface PlanItem {
  /** Stable within the plan and the runs made from it: `op-001`, `op-002`, ... */
  id: string;
  /** The finding this item fixes, or `undo` for an undo run. */
  kind: FindingKind | 'undo';
  /** A sentence an admin reads in the preview. */
  summary: string;
  reason: string;
  op: WriteOp;
  /**
   * The object the write changes, as seen when planned; before each write it is read again and
   * the item is refused when it differs.
   */
  expected: PlannedState;
  /** For remove-member: the user being removed, as seen when planned. */
  member?: PlannedUserState;
  /** Reasons this item needs the explicit second confirmation (privileged, protected group). */
  confirmReasons: string[];
  /** False when undo cannot bring the object back (a deleted user). */
  undoable: boolean;
}

export interface Plan {
  version: typeof PLAN_VERSION;
  id: string;
  createdAt: string;
  tenant: PlanTenant;
  policy: DeprovisionPolicy;
  /** Names of the groups the admin marked as protected when planning. */
  protectedGroups: string[];
  items: PlanItem[];
  /** Findings selected but turned into no operation, and why (unmanaged users, ...). */
  skipped: { kind: FindingKind; name: string; reason: string }[];
  /** Set on undo plans: the run they undo. */
  undoOf?: string;
}

/** How one item of a run ended. */
export type ItemStatus =
  /** Written and read back with the expected effect. */
  | 'verified'
  /** The effect was already there (someone else, or an earlier interrupted attempt). */
  | 'already-done'
  /** Not written: the object changed since planning, or it needs the second confirmation. */
  | 'refused'
  /** Written, but the write or its read-back failed. */
  | 'failed'
  /** Not started because the run was cancelled. */
  | 'cancelled';

export interface ItemResult {
  itemId: string;
  status: ItemStatus;
  message: string;
  /** The object as it was right before the write (for undo); null when none was read. */
  before: Record<string, unknown> | null;
  /** New object ids the write created (a recreated group), so the admin is told. */
  createdId?: string;
}

/** A progress event of a run; counts only, safe to send to the UI and the log. */
export interface RunProgress {
  runId: string;
  total: number;
  finished: number;
  verified: number;
  alreadyDone: number;
  refused: number;
  failed: number;
  cancelled: number;
  running: number;
  /** The item that just changed state, with its status. */
  last?: { itemId: string; status: ItemStatus | 'started' };
}

/** true only when every item ended verified or already done. */
export function allVerified(results: ItemResult[]): boolean {
  return results.every((r) => r.status === 'verified' || r.status === 'already-done');
}
