/**
 * Repairing a tenant: a plan from selected findings of the last audit, its preview, the run
 * (confirmed by typing the tenant name; progress arrives as events), the History of runs with
 * their journals, resume, undo, and reports.
 */
import { z } from 'zod';
import { method } from '../define';
import type { ItemStatus, Preview, RunProgress, RunSummary, UndoPlan } from '../../core/actions';
import { tenantId, tenantRef } from './common';

const id = z.string().min(1).max(200);
const reportFormat = z.enum(['csv', 'json', 'html']);

/** A plan held by the backend for this session, with everything the preview shows. */
export interface PlanView {
  planId: string;
  tenantId: string;
  tenantName: string;
  /** Set for undo plans: the run they undo. */
  undoOf: string | null;
  operations: number;
  /** How many operations need the second confirmation. */
  needsConfirmation: number;
  preview: Preview;
  skipped: { kind: string; name: string; reason: string }[];
  /** Undo plans only: items of the run that cannot be undone, and why. */
  notUndoable: UndoPlan['notUndoable'];
  /** The plan as a file (JSON), for `scim-companion apply`. Holds no token. */
  planFile: string;
}

export interface RunStarted {
  runId: string;
  journal: string;
}

/** One item of a run as the History shows it. */
export interface RunItemView {
  itemId: string;
  summary: string;
  kind: string;
  status: ItemStatus | 'pending';
  message: string;
  attempts: number;
  /** A verified write no undo run has put back yet. */
  undoable: boolean;
  /** The undo run that already put this item back, if any. */
  undoneBy: string | null;
}

export interface RunView {
  summary: RunSummary;
  running: boolean;
  items: RunItemView[];
}

export interface RunListView {
  runs: (RunSummary & { running: boolean })[];
  /** Runs a crash, kill or cancel left unfinished: offered for resume when the tenant opens. */
  unfinished: string[];
}

export interface ReportFile {
  fileName: string;
  mimeType: string;
  content: string;
}

/** Progress of a run (counts only). */
export interface RepairProgressEvent extends RunProgress {
  type: 'repair-progress';
  tenantId: string;
}

export interface RepairFinishedEvent {
  type: 'repair-finished';
  tenantId: string;
  runId: string;
  status: RunSummary['status'] | 'error';
  counts: RunSummary['counts'] | null;
  ok: boolean;
  message: string | null;
}

export const makePlanInput = z
  .object({
    tenantId,
    /** Indexes into the last audit's findings; kinds without an action are skipped. */
    findings: z.array(z.number().int().min(0)).max(100_000),
    /** Added to the tenant's own protected groups for this plan. */
    protectedGroups: z.array(z.string().min(1).max(500)).max(10_000).default([]),
  })
  .strict();

export const applyPlanInput = z
  .object({
    planId: id,
    /** The tenant name as the admin typed it. */
    typedName: z.string().max(500),
    confirmPrivileged: z.boolean().default(false),
    concurrency: z.number().int().min(1).max(16).default(4),
  })
  .strict();

export const runRef = z.object({ tenantId, runId: id }).strict();

export const resumeRunInput = z
  .object({
    tenantId,
    runId: id,
    typedName: z.string().max(500),
    confirmPrivileged: z.boolean().default(false),
    retry: z.boolean().default(false),
  })
  .strict();

export const undoInput = z
  .object({ tenantId, runId: id, itemIds: z.array(id).max(100_000).nullable().default(null) })
  .strict();

export const runReportInput = z.object({ tenantId, runId: id, format: reportFormat }).strict();
export const findingsReportInput = z.object({ tenantId, format: reportFormat }).strict();

export const repairMethods = {
  /** A plan from the selected findings of the tenant's last audit, with its full preview. */
  makePlan: method<typeof makePlanInput, PlanView>(makePlanInput),
  /** Starts a run after checking the typed tenant name; `repair-progress` events follow. */
  applyPlan: method<typeof applyPlanInput, RunStarted>(applyPlanInput),
  /** Stops starting new writes; writes in flight finish and are verified. */
  cancelRun: method<typeof runRef, { cancelled: boolean }>(runRef),
  listRuns: method<typeof tenantRef, RunListView>(tenantRef),
  getRun: method<typeof runRef, RunView>(runRef),
  /** Finishes an interrupted or cancelled run from its journal. */
  resumeRun: method<typeof resumeRunInput, RunStarted>(resumeRunInput),
  /** The undo plan of a run (or some of its items), previewed; apply it with applyPlan. */
  planUndo: method<typeof undoInput, PlanView>(undoInput),
  runReport: method<typeof runReportInput, ReportFile>(runReportInput),
  findingsReport: method<typeof findingsReportInput, ReportFile>(findingsReportInput),
};
