/**
 * The repair methods of the contract, called through `dispatch` as the UI's transports do, on
 * the demo tenant: inputs validated, the typed name enforced by the backend itself, runs
 * followed by events, History, reports, undo; no token in anything returned.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src-main/api/backend';
import type {
  CompanionEvent,
  Methods,
  PlanView,
  RepairFinishedEvent,
  RunView,
} from '../../src-main/api/contract';
import { methods } from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import type { WireResult } from '../../src-main/api/errors';
import { demoAuditInputs } from '../../src-main/core/demo';
import { tempDir } from './helpers';

let backend: Backend;
const events: CompanionEvent[] = [];

async function call<R>(name: keyof Methods, input: unknown): Promise<WireResult<R>> {
  return (await dispatch(methods, backend.handlers, name, input)) as WireResult<R>;
}

async function ok<R>(name: keyof Methods, input: unknown): Promise<R> {
  const result = await call<R>(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.result;
}

function finished(runId: string): Promise<RepairFinishedEvent> {
  return new Promise((resolve) => {
    const check = (event: CompanionEvent) => {
      if (event.type === 'repair-finished' && event.runId === runId) {
        stop();
        resolve(event as unknown as RepairFinishedEvent);
      }
    };
    const stop = backend.events.on(check);
    for (const event of events) check(event);
  });
}

/** Reads the demo tenant again and waits for the read to end. */
async function snapshotAgain(): Promise<void> {
  const { runId } = await ok<{ runId: string }>('startSnapshot', { tenantId: 'demo' });
  const ended = (e: CompanionEvent) => e.type === 'snapshot-finished' && e.runId === runId;
  await new Promise<void>((resolve) => {
    const stop = backend.events.on((e) => {
      if (ended(e)) {
        stop();
        resolve();
      }
    });
    if (events.some(ended)) resolve();
  });
}

async function importDemoExport(): Promise<void> {
  const files = demoAuditInputs().exportFiles.map((f) => ({
    name: basename(f),
    base64: readFileSync(f).toString('base64'),
  }));
  await ok('importExport', { tenantId: 'demo', files });
}

beforeAll(async () => {
  backend = createBackend({ dataDir: tempDir('repair-api-') });
  backend.events.on((event) => events.push(event));
  await ok('openDemoTenant', {});
  await snapshotAgain();
  await importDemoExport();
  await ok('runAudit', { tenantId: 'demo', boundGroups: null });
});

afterAll(async () => {
  await backend?.close();
});

describe('repair through the contract', () => {
  let plan: PlanView;
  let runId: string;

  it('makes a plan from selected findings of the last audit', async () => {
    const audit = backend.context.audits.get('demo');
    const indexes = (audit?.report.findings ?? []).flatMap((f, i) =>
      f.kind === 'orphan-group' ? [i] : [],
    );
    plan = await ok<PlanView>('makePlan', { tenantId: 'demo', findings: indexes });
    expect(plan.operations).toBe(indexes.length);
    expect(plan.preview.items.every((i) => i.requests[0]?.method === 'DELETE')).toBe(true);

    const bad = await call('makePlan', { tenantId: 'demo', findings: ['x'] });
    expect(bad.ok).toBe(false);
  });

  it('refuses protected groups the tenant does not have, naming them, and makes no plan', async () => {
    const audit = backend.context.audits.get('demo');
    const indexes = (audit?.report.findings ?? []).flatMap((f, i) =>
      f.kind === 'orphan-group' ? [i] : [],
    );
    const typo = await call<PlanView>('makePlan', {
      tenantId: 'demo',
      findings: indexes,
      protectedGroups: ['Enginering', 'No Such Group', 'Finance'],
    });
    expect(typo.ok).toBe(false);
    if (typo.ok) return;
    expect(typo.error.code).toBe('unknown-protected-group');
    expect(typo.error.message).toContain('"Enginering" (did you mean "Engineering"?)');
    expect(typo.error.message).toContain('"No Such Group"');
    expect(typo.error.message).not.toMatch(/"No Such Group" \(did you mean/);
    expect(typo.error.message).not.toContain('"Finance"');

    // Names match regardless of case, and a group's id protects it as well as its name.
    const engineering = backend.context.snapshots
      .get('demo')
      ?.groups.find((g) => g.displayName === 'Engineering');
    const fine = await ok<PlanView>('makePlan', {
      tenantId: 'demo',
      findings: indexes,
      protectedGroups: ['finance approvers', engineering?.id ?? 'missing'],
    });
    expect(fine.operations).toBe(indexes.length);
  });

  it('refuses to apply without the exact tenant name, and sends nothing', async () => {
    const wrong = await call('applyPlan', { planId: plan.planId, typedName: 'demo tenant' });
    expect(wrong.ok ? null : wrong.error.code).toBe('confirmation-mismatch');
    expect((await ok<{ runs: unknown[] }>('listRuns', { tenantId: 'demo' })).runs).toEqual([]);
  });

  it('applies, reports progress, and lists the run in History', async () => {
    ({ runId } = await ok<{ runId: string }>('applyPlan', {
      planId: plan.planId,
      typedName: 'Demo tenant',
    }));
    const end = await finished(runId);
    expect(end).toMatchObject({ ok: true, status: 'completed' });
    const progress = events.filter((e) => e.type === 'repair-progress' && e.runId === runId);
    expect(progress.at(-1)).toMatchObject({ total: plan.operations, finished: plan.operations });

    const list = await ok<{ runs: { runId: string; status: string }[]; unfinished: string[] }>(
      'listRuns',
      { tenantId: 'demo' },
    );
    expect(list.runs.map((r) => [r.runId, r.status])).toEqual([[runId, 'completed']]);
    expect(list.unfinished).toEqual([]);
    const run = await ok<{ items: { status: string }[] }>('getRun', { tenantId: 'demo', runId });
    expect(run.items.map((i) => i.status)).toEqual(plan.preview.items.map(() => 'verified'));

    const html = await ok<{ content: string; mimeType: string }>('runReport', {
      tenantId: 'demo',
      runId,
      format: 'html',
    });
    expect(html.mimeType).toBe('text/html');
    expect(html.content).toContain(runId);
  });

  it('undoes the run as a run of its own, and never returns the token', async () => {
    const undo = await ok<PlanView>('planUndo', { tenantId: 'demo', runId, itemIds: null });
    expect(undo.undoOf).toBe(runId);
    const started = await ok<{ runId: string }>('applyPlan', {
      planId: undo.planId,
      typedName: 'Demo tenant',
    });
    expect(await finished(started.runId)).toMatchObject({ ok: true });

    // The demo token has the form `demo-` followed by 32 base64url characters.
    const everything = JSON.stringify([
      plan,
      undo,
      events,
      await ok('listRuns', { tenantId: 'demo' }),
    ]);
    expect(everything).not.toMatch(/demo-[A-Za-z0-9_-]{20,}/);
  });

  it('shows the undone items as undone, and offers them for undo no more', async () => {
    const undoRun = (
      await ok<{ runs: { runId: string; undoOf: string | null }[] }>('listRuns', {
        tenantId: 'demo',
      })
    ).runs.find((r) => r.undoOf === runId);
    const run = await ok<RunView>('getRun', { tenantId: 'demo', runId });
    expect(run.items.map((i) => [i.undoable, i.undoneBy])).toEqual(
      run.items.map(() => [false, undoRun?.runId]),
    );

    const again = await ok<PlanView>('planUndo', { tenantId: 'demo', runId, itemIds: null });
    expect(again.operations).toBe(0);
    expect(again.notUndoable.map((n) => n.reason)).toEqual(
      run.items.map(() => `already undone by run ${undoRun?.runId}`),
    );
    const picked = await ok<PlanView>('planUndo', {
      tenantId: 'demo',
      runId,
      itemIds: [run.items[0]!.itemId],
    });
    expect(picked.operations).toBe(0);
    expect(picked.notUndoable).toHaveLength(1);
  });
});

describe('repair through the contract, when clicks and reads race', () => {
  async function freshPlan(kind: string): Promise<PlanView> {
    await snapshotAgain();
    await ok('runAudit', { tenantId: 'demo', boundGroups: null });
    const findings = backend.context.audits.get('demo')?.report.findings ?? [];
    const indexes = findings.flatMap((f, i) => (f.kind === kind ? [i] : []));
    expect(indexes.length).toBeGreaterThan(0);
    return ok<PlanView>('makePlan', { tenantId: 'demo', findings: indexes });
  }

  it('applies a plan once: a second apply of it is refused', async () => {
    const plan = await freshPlan('membership-extra');
    const [first, second] = await Promise.all([
      call<{ runId: string }>('applyPlan', { planId: plan.planId, typedName: 'Demo tenant' }),
      call<{ runId: string }>('applyPlan', { planId: plan.planId, typedName: 'Demo tenant' }),
    ]);

    expect(first.ok).toBe(true);
    expect(second.ok ? null : second.error.code).toBe('not-found');
    if (first.ok) expect(await finished(first.result.runId)).toMatchObject({ ok: true });
  });

  it('resumes a run once: a second Resume before the first starts is refused', async () => {
    const plan = await freshPlan('deprovision-user');
    const { runId } = await ok<{ runId: string }>('applyPlan', {
      planId: plan.planId,
      typedName: 'Demo tenant',
    });
    await finished(runId);

    const seen = events.length;
    const resume = { tenantId: 'demo', runId, typedName: 'Demo tenant' };
    const results = await Promise.all([call('resumeRun', resume), call('resumeRun', resume)]);
    expect(results.map((r) => (r.ok ? 'started' : r.error.code)).sort()).toEqual([
      'busy',
      'started',
    ]);
    // The resumed run keeps its run id: wait for its own end, not the first run's.
    await new Promise<void>((resolve) => {
      const ended = (e: CompanionEvent) => e.type === 'repair-finished' && e.runId === runId;
      if (events.slice(seen).some(ended)) return resolve();
      const stop = backend.events.on((e) => {
        if (ended(e)) {
          stop();
          resolve();
        }
      });
    });
  });

  it('refuses a plan from an audit older than the last read of the tenant', async () => {
    await snapshotAgain();
    await ok('runAudit', { tenantId: 'demo', boundGroups: null });
    await snapshotAgain();

    const refused = await call('makePlan', { tenantId: 'demo', findings: [0] });
    expect(refused.ok ? null : refused.error.code).toBe('stale-audit');
  });

  it('refuses a plan once the export it was made from is replaced, and sends nothing', async () => {
    const plan = await freshPlan('orphan-group');
    await importDemoExport();
    const before = events.length;

    const refused = await call('applyPlan', { planId: plan.planId, typedName: 'Demo tenant' });

    expect(refused.ok ? null : refused.error.code).toBe('stale-plan');
    expect(events.slice(before).filter((e) => e.type.startsWith('repair'))).toEqual([]);
    // Nor can an audit of the replaced export still make one.
    const again = await call('makePlan', { tenantId: 'demo', findings: [0] });
    expect(again.ok ? null : again.error.code).toBe('no-audit');
  });
});
