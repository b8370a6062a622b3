/**
 * Handlers for repair: plans live in the session, runs are journaled under the data folder
 * (shared with the CLI), progress goes out as events. Tokens stay in the SCIM session.
 */
import { join } from 'node:path';
import {
  buildPlan,
  buildUndoPlan,
  checkPlanTenant,
  confirmsTenant,
  journalDir,
  listRuns,
  newRunId,
  previewPlan,
  readJournal,
  renderFindings,
  renderRun,
  repairClientOf,
  resumeRun,
  startRun,
  summarizeRun,
  type Plan,
  type PlanTenant,
  type RunResult,
  type UndoPlan,
  unknownProtectedGroups,
} from '../../core/actions';
import { log } from '../../core/log';
import type { TenantGroup } from '../../core/model';
import type { ScimClient } from '../../core/scim';
import { TenantService } from '../../core/tenants';
import { DEMO_TENANT_ID, type BackendContext } from '../context';
import type { Handlers } from '../define';
import { ApiError } from '../errors';
import type {
  PlanView,
  RepairFinishedEvent,
  ReportFile,
  RunView,
  repairMethods,
} from '../methods/repair';

interface ActiveRun {
  tenantId: string;
  controller: AbortController;
}

const MIME = { csv: 'text/csv', json: 'application/json', html: 'text/html' } as const;

export function createRepairHandlers(ctx: BackendContext): Handlers<typeof repairMethods> {
  const plans = new Map<
    string,
    {
      tenantId: string;
      plan: Plan;
      notUndoable: UndoPlan['notUndoable'];
      /** The export the plan's findings came from; null for undo plans, made from a journal. */
      importId: string | null;
    }
  >();
  const active = new Map<string, ActiveRun>();

  async function planTenant(tenantId: string): Promise<PlanTenant> {
    const tenant = await ctx.tenant(tenantId);
    return { id: tenantId, name: tenant.name, baseUrl: tenant.baseUrl };
  }

  async function client(tenantId: string): Promise<ScimClient> {
    const session = await ctx.session(tenantId);
    const c = session.client as Partial<ScimClient> | null;
    if (!c || typeof c.applyWrite !== 'function') {
      throw new ApiError('internal', 'This tenant session cannot write.');
    }
    return c as ScimClient;
  }

  async function journalOf(tenantId: string, runId: string): Promise<string> {
    const { runs } = await listRuns(ctx.dataDir, await planTenant(tenantId));
    const run = runs.find((r) => r.runId === runId);
    if (!run) throw new ApiError('not-found', `No run ${runId} for this tenant.`);
    return run.file;
  }

  /**
   * The items of an apply run that a later undo run already put back (verified, or found
   * already undone), each with that undo run's id: undoing them again would send nothing useful.
   */
  async function undoneItems(tenantId: string, runId: string): Promise<Map<string, string>> {
    const { runs } = await listRuns(ctx.dataDir, await planTenant(tenantId));
    const undone = new Map<string, string>();
    for (const run of runs) {
      if (run.kind !== 'undo' || run.undoOf !== runId) continue;
      // An undo plan keeps the ids of the items it undoes.
      for (const [itemId, journal] of (await readJournal(run.file)).items) {
        const status = journal.outcome?.status;
        const back = status === 'verified' || status === 'already-done';
        if (back && !undone.has(itemId)) undone.set(itemId, run.runId);
      }
    }
    return undone;
  }

  function view(
    tenantId: string,
    plan: Plan,
    c: ScimClient,
    notUndoable: UndoPlan['notUndoable'],
    importId: string | null,
  ): PlanView {
    plans.set(plan.id, { tenantId, plan, notUndoable, importId });
    const preview = previewPlan(plan, repairClientOf(c));
    return {
      planId: plan.id,
      tenantId,
      tenantName: plan.tenant.name,
      undoOf: plan.undoOf ?? null,
      operations: plan.items.length,
      needsConfirmation: preview.needsConfirmation,
      preview,
      skipped: plan.skipped,
      notUndoable,
      planFile: JSON.stringify(plan, null, 2),
    };
  }

  /**
   * Claims a run id before any await, so a second click (or call) for the same run is refused
   * rather than racing the first to the tenant. The claim is dropped if the run never launches.
   */
  function reserve(tenantId: string, runId: string): ActiveRun {
    if (active.has(runId)) throw new ApiError('busy', 'This run is still going.');
    const run = { tenantId, controller: new AbortController() };
    active.set(runId, run);
    return run;
  }

  /** Runs in the background; the caller gets the run id at once, the UI follows by events. */
  async function launch(
    run: ActiveRun,
    runId: string,
    prepare: () => Promise<(signal: AbortSignal) => Promise<RunResult>>,
  ): Promise<void> {
    const { tenantId, controller } = run;
    let work: (signal: AbortSignal) => Promise<RunResult>;
    try {
      work = await prepare();
    } catch (error) {
      active.delete(runId);
      throw error;
    }
    const finished = (event: Omit<RepairFinishedEvent, 'type' | 'tenantId' | 'runId'>): void => {
      active.delete(runId);
      ctx.markTenantChanged(tenantId);
      ctx.emit({ type: 'repair-finished', tenantId, runId, ...event });
    };
    work(controller.signal).then(
      (result) =>
        finished({
          status: result.summary.status,
          counts: result.summary.counts,
          ok: result.ok,
          message: null,
        }),
      (error: unknown) => {
        log.warn({ tenantId, runId, err: (error as Error).message }, 'repair run stopped');
        finished({ status: 'error', counts: null, ok: false, message: (error as Error).message });
      },
    );
  }

  function requireTypedName(typed: string, name: string): void {
    if (!confirmsTenant(typed, name)) {
      throw new ApiError(
        'confirmation-mismatch',
        `Type the tenant name "${name}" exactly to confirm. Nothing was sent.`,
      );
    }
  }

  return {
    async makePlan({ tenantId, findings, protectedGroups }) {
      const audit = ctx.audits.get(tenantId);
      const snapshot = ctx.snapshots.get(tenantId);
      if (!audit || !snapshot)
        throw new ApiError('no-audit', 'Run the audit first: a plan is made from its findings.');
      // The plan's expected states come from the snapshot: it must be the one the findings saw.
      const importId = ctx.imports.get(tenantId)?.summary.importId;
      const sameInputs = audit.snapshotTakenAt === snapshot.takenAt && audit.importId === importId;
      if (!sameInputs || ctx.isStale(tenantId, snapshot)) {
        throw new ApiError(
          'stale-audit',
          'The tenant or the export was read again after this audit ran. Run the audit again, then select the findings.',
        );
      }
      checkProtectedGroups(protectedGroups, snapshot.groups);
      const selected = findings.map((i) => audit.report.findings[i]).filter((f) => f !== undefined);
      const tenant = await ctx.tenant(tenantId);
      const plan = buildPlan({
        tenant: await planTenant(tenantId),
        snapshot,
        findings: selected,
        policy: tenant.policy,
        protectedGroups: [...profileProtectedGroups(ctx.dataDir, tenantId), ...protectedGroups],
      });
      return view(tenantId, plan, await client(tenantId), [], audit.importId);
    },

    async applyPlan({ planId, typedName, confirmPrivileged, concurrency }) {
      const held = plans.get(planId);
      if (!held) throw new ApiError('not-found', 'This plan is no longer open. Make it again.');
      const { tenantId, plan } = held;
      requireTypedName(typedName, plan.tenant.name);
      if (held.importId !== null && ctx.imports.get(tenantId)?.summary.importId !== held.importId) {
        plans.delete(planId);
        throw new ApiError(
          'stale-plan',
          'The export this plan was made from is no longer in use. Run the audit again and make a new plan. Nothing was sent.',
        );
      }
      // A plan is applied once; applying it again would start a second run of the same writes.
      plans.delete(planId);
      const runId = newRunId();
      try {
        await launch(reserve(tenantId, runId), runId, async () => {
          const c = await client(tenantId);
          checkPlanTenant(plan, c.baseUrl);
          return (signal) =>
            startRun(ctx.dataDir, plan, {
              runId,
              client: repairClientOf(c),
              concurrency,
              confirmPrivileged,
              signal,
              onProgress: (p) => ctx.emit({ type: 'repair-progress', tenantId, ...p }),
            });
        });
      } catch (error) {
        plans.set(planId, held);
        throw error;
      }
      return { runId, journal: join(journalDir(ctx.dataDir, plan.tenant), `${runId}.jsonl`) };
    },

    async cancelRun({ runId }) {
      const run = active.get(runId);
      run?.controller.abort();
      return { cancelled: run !== undefined };
    },

    async listRuns({ tenantId }) {
      const { runs } = await listRuns(ctx.dataDir, await planTenant(tenantId));
      const withRunning = runs.map((r) => ({ ...r, running: active.has(r.runId) }));
      return {
        runs: withRunning,
        unfinished: withRunning
          .filter((r) => !r.running && (r.status === 'interrupted' || r.status === 'cancelled'))
          .map((r) => r.runId),
      };
    },

    async getRun({ tenantId, runId }): Promise<RunView> {
      const state = await readJournal(await journalOf(tenantId, runId));
      const summary = summarizeRun(state);
      const undone = summary.kind === 'apply' ? await undoneItems(tenantId, runId) : new Map();
      return {
        summary,
        running: active.has(runId),
        items: state.run.plan.items.map((item) => {
          const journal = state.items.get(item.id);
          const outcome = journal?.outcome;
          const undoneBy = undone.get(item.id) ?? null;
          return {
            itemId: item.id,
            summary: item.summary,
            kind: item.kind,
            status: outcome?.status ?? (summary.status === 'cancelled' ? 'cancelled' : 'pending'),
            message: outcome?.message ?? '',
            attempts: journal?.attempts ?? 0,
            // A failed removal may have taken other members along: its undo puts them back.
            undoable:
              item.undoable &&
              undoneBy === null &&
              (outcome?.status === 'verified' ||
                (outcome?.status === 'failed' &&
                  item.op.type === 'remove-member' &&
                  Boolean(journal?.lastIntent))),
            undoneBy,
          };
        }),
      };
    },

    async resumeRun({ tenantId, runId, typedName, confirmPrivileged, retry }) {
      const run = reserve(tenantId, runId);
      let file = '';
      await launch(run, runId, async () => {
        file = await journalOf(tenantId, runId);
        const plan = (await readJournal(file)).run.plan;
        requireTypedName(typedName, plan.tenant.name);
        const c = await client(tenantId);
        checkPlanTenant(plan, c.baseUrl);
        return (signal) =>
          resumeRun(file, {
            client: repairClientOf(c),
            confirmPrivileged,
            retry,
            signal,
            onProgress: (p) => ctx.emit({ type: 'repair-progress', tenantId, ...p }),
          });
      });
      return { runId, journal: file };
    },

    async planUndo({ tenantId, runId, itemIds }) {
      const state = await readJournal(await journalOf(tenantId, runId));
      const undone = await undoneItems(tenantId, runId);
      const wanted = new Set(itemIds ?? state.run.plan.items.map((item) => item.id));
      const { plan, notUndoable } = buildUndoPlan(state, {
        itemIds: [...wanted].filter((id) => !undone.has(id)),
      });
      const alreadyUndone = state.run.plan.items
        .filter((item) => wanted.has(item.id) && undone.has(item.id))
        .map((item) => ({
          itemId: item.id,
          summary: item.summary,
          reason: `already undone by run ${undone.get(item.id)}`,
        }));
      return view(tenantId, plan, await client(tenantId), [...alreadyUndone, ...notUndoable], null);
    },

    async runReport({ tenantId, runId, format }): Promise<ReportFile> {
      const state = await readJournal(await journalOf(tenantId, runId));
      return {
        fileName: `run-${runId}.${format}`,
        mimeType: MIME[format],
        content: renderRun(state, format),
      };
    },

    async findingsReport({ tenantId, format }): Promise<ReportFile> {
      const audit = ctx.audits.get(tenantId);
      if (!audit) throw new ApiError('no-audit', 'Run the audit first.');
      const stamp = audit.report.generatedAt.replace(/[:.]/g, '-');
      return {
        fileName: `findings-${stamp}.${format}`,
        mimeType: MIME[format],
        content: renderFindings(audit.report, format),
      };
    },
  };
}

/** The groups marked protected in a stored tenant's profile (the demo tenant has none). */
function profileProtectedGroups(dataDir: string, tenantId: string): string[] {
  if (tenantId === DEMO_TENANT_ID) return [];
  const service = new TenantService<null>({ dataDir, connect: () => null });
  return service.find(tenantId)?.protectedGroups ?? [];
}

/**
 * A protected name that is no group of the snapshot protects nothing, and the plan would then
 * send writes the admin meant to guard: refuse it, as `scim-companion plan --protected` does.
 */
function checkProtectedGroups(names: string[], groups: TenantGroup[]): void {
  const unknown = unknownProtectedGroups(names, groups);
  if (unknown.length === 0) return;
  const named = unknown.map(
    (u) => `"${u.name}"` + (u.didYouMean ? ` (did you mean "${u.didYouMean}"?)` : ''),
  );
  const listed =
    named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} or ${named.at(-1)}`;
  throw new ApiError(
    'unknown-protected-group',
    `No tenant group is named ${listed}, so nothing would be protected. ` +
      'Check the spelling against the Groups page. No plan was made.',
    `Tenant groups: ${groups.map((g) => g.displayName).join(', ')}`,
  );
}
