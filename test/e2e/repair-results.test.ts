/**
 * What Repair and History say about a run, in the real UI (Chromium against the real backend on
 * the demo tenant): a misspelt protected group is refused at the field, refused items are listed
 * when a run ends, and History tells undone items apart and says exactly what an undo did.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/api/backend';
import type { RunView } from '../../src-main/api/contract';
import { readJournal, type PlanItem } from '../../src-main/core/actions';
import type { ScimClient } from '../../src-main/core/scim';
import { auditDemoInUi, openBackendUi, shoot, type BackendUi, type BrowserUi } from './support';

describe('repair results in the browser', () => {
  let backend: Backend;
  let ui: BrowserUi;
  let page: Page;
  let protectedGroup = '';
  let applyRunId = '';
  const byTestId = (id: string) => page.getByTestId(id);

  async function client(): Promise<ScimClient> {
    return (await backend.context.session('demo')).client as ScimClient;
  }

  /** The verified member removals of the apply run, as its journal planned them. */
  async function verifiedRemovals(): Promise<PlanItem[]> {
    const run: RunView = await backend.handlers.getRun({ tenantId: 'demo', runId: applyRunId });
    const verified = new Set(run.items.filter((i) => i.status === 'verified').map((i) => i.itemId));
    const state = await readJournal(run.summary.file);
    return state.run.plan.items.filter((i) => i.op.type === 'remove-member' && verified.has(i.id));
  }

  let setup: BackendUi;
  beforeAll(async () => {
    // Rebuilds a renderer that predates the protected-group field error.
    setup = await openBackendUi('e2e-repair-results-', 'protected-error');
    ({ backend, ui, page } = setup);
  });

  afterAll(async () => {
    await setup?.close();
  });

  it('audits the demo tenant', async () => {
    await auditDemoInUi(page);

    const orphan = backend.context.audits
      .get('demo')
      ?.report.findings.find((f) => f.kind === 'orphan-group' && f.target.id);
    protectedGroup = orphan?.target.name ?? '';
    expect(protectedGroup).not.toBe('');
  });

  it('refuses a misspelt protected group at the field, and makes no plan', async () => {
    await byTestId('nav-repair').click();
    await byTestId('select-kind-orphan-group').click();
    await byTestId('select-kind-membership-extra').click();
    await byTestId('protected-groups').fill('Enginering, No Such Group');
    await byTestId('make-plan').click();

    await byTestId('protected-error').waitFor();
    const message = await byTestId('protected-error').innerText();
    expect(message).toContain('"Enginering" (did you mean "Engineering"?)');
    expect(message).toContain('"No Such Group"');
    expect(message).toContain('No plan was made');
    await expect(byTestId('preview').count()).resolves.toBe(0);
    await expect(byTestId('confirm').count()).resolves.toBe(0);
    await expect(byTestId('protected-groups').getAttribute('aria-invalid')).resolves.toBe('true');
    await shoot(page, 'repair-protected-typo');

    // Editing the field takes the error away.
    await byTestId('protected-groups').fill(protectedGroup);
    await expect(byTestId('protected-error').count()).resolves.toBe(0);
  });

  it('lists the refused items under the progress bar when the run ends', async () => {
    await byTestId('make-plan').click();
    await byTestId('preview').waitFor();
    await byTestId('confirm-name').fill('Demo tenant');
    // The protected group's deletion is left unconfirmed: the run refuses it.
    await byTestId('confirm-run').click();
    await byTestId('run-finished').waitFor({ timeout: 60_000 });

    const { runs } = await backend.handlers.listRuns({ tenantId: 'demo' });
    applyRunId = runs[0]?.runId ?? '';
    const run = await backend.handlers.getRun({ tenantId: 'demo', runId: applyRunId });
    const refused = run.items.filter((i) => i.status === 'refused');
    expect(refused.length).toBeGreaterThan(0);
    await expect(byTestId('run-finished').innerText()).resolves.toMatch(
      new RegExp(`^Run completed with problems: \\d+ verified, ${refused.length} refused\\.$`),
    );

    await byTestId('run-problem').first().waitFor();
    const problems = await byTestId('run-problem').allInnerTexts();
    expect(problems).toHaveLength(refused.length);
    const deletion = problems.find((p) => p.includes(`Delete group "${protectedGroup}"`));
    expect(deletion).toContain('refused');
    const refusedDeletion = refused.find((i) => i.summary.includes(protectedGroup));
    expect(deletion).toContain(refusedDeletion?.message);
    await shoot(page, 'repair-refused-items');

    await byTestId('problems-history').click();
    await byTestId('run-detail').waitFor();
    await expect(byTestId('run-detail').locator('h2').innerText()).resolves.toContain(applyRunId);
  });

  it('undoes selected items once: the selection clears and the items show as undone', async () => {
    const [first] = await verifiedRemovals();
    expect(first).toBeDefined();
    await byTestId(`item-${first!.id}`).getByTestId('pick-undo').check();
    await byTestId('undo-selected').click();
    await byTestId('undo-plan').getByTestId('confirm-name').fill('Demo tenant');
    await byTestId('undo-plan').getByTestId('confirm-name').press('Enter');
    await byTestId('run-finished').waitFor({ timeout: 60_000 });
    await expect(byTestId('run-finished').innerText()).resolves.toBe(
      'Run completed: every operation verified.',
    );

    await byTestId(`item-${first!.id}`).getByTestId('item-undone').waitFor();
    await expect(byTestId(`item-${first!.id}`).getByTestId('pick-undo').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="pick-undo"]:checked').count()).resolves.toBe(0);
    await expect(byTestId('undo-selected').innerText()).resolves.toBe('Undo selected (0)');
    await expect(byTestId('undo-selected').isDisabled()).resolves.toBe(true);
    await expect(byTestId('runs').locator('tbody tr').count()).resolves.toBe(2);
  });

  it('says an undo found everything already done, and never offers an undone item again', async () => {
    const [first, second] = await verifiedRemovals();
    expect(second).toBeDefined();
    // Someone puts the member back outside the app: its undo has nothing left to send.
    const op = second!.op as { type: 'remove-member'; groupId: string; userId: string };
    await (
      await client()
    ).applyWrite({ type: 'add-members', groupId: op.groupId, userIds: [op.userId] });

    await byTestId('nav-users').click();
    await byTestId('nav-history').click();
    await byTestId(`run-${applyRunId}`).getByTestId('open-run').click();
    await byTestId(`item-${first!.id}`).getByTestId('item-undone').waitFor();
    await expect(byTestId(`item-${first!.id}`).getByTestId('pick-undo').count()).resolves.toBe(0);

    await byTestId(`item-${second!.id}`).getByTestId('pick-undo').check();
    await byTestId('undo-selected').click();
    // The new preview comes with its own confirmation.
    await byTestId('undo-plan').getByTestId('confirm-name').fill('Demo tenant');
    await byTestId('undo-plan').getByTestId('confirm-run').click();
    await byTestId('run-finished').waitFor({ timeout: 60_000 });
    await expect(byTestId('run-finished').innerText()).resolves.toBe(
      'Run completed: 1 already done, nothing sent.',
    );
    await expect(byTestId('run-counts').innerText()).resolves.toContain('0 verified');
    await byTestId(`item-${second!.id}`).getByTestId('item-undone').waitFor();
    // Newest first, even for runs started within the same second.
    const { runs } = await backend.handlers.listRuns({ tenantId: 'demo' });
    const started = runs.map((r) => r.startedAt);
    expect(started).toEqual([...started].sort().reverse());
    await expect(
      byTestId('runs').locator('tbody tr').first().getAttribute('data-testid'),
    ).resolves.toBe(`run-${runs[0]?.runId}`);
    await shoot(page, 'history-undo-twice');

    // Undo run leaves out what was undone already, and says so, with its confirmation.
    await byTestId('undo-run').click();
    await byTestId('not-undoable').waitFor();
    const notUndoable = await byTestId('not-undoable').innerText();
    expect(notUndoable).toContain(`${first!.summary} (already undone by run`);
    expect(notUndoable).toContain(`${second!.summary} (already undone by run`);
    await expect(
      byTestId('undo-plan').getByTestId(`preview-item-${first!.id}`).count(),
    ).resolves.toBe(0);
    await expect(byTestId('undo-plan').getByTestId('confirm-name').isVisible()).resolves.toBe(true);
    await expect(byTestId('run-finished').count()).resolves.toBe(0);
    await shoot(page, 'history-undo-run-after');
  });

  it('ran without script errors or CSP violations', () => {
    expect(ui.pageErrors).toEqual([]);
  });
});
