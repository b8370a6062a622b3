/**
 * Repair in the real UI (Chromium against the real backend through the browser harness, on the
 * demo tenant): select findings, preview every request, confirm by typing the tenant name,
 * apply with progress, then undo from History. The tenant's state is checked on the server.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/api/backend';
import type { ScimClient } from '../../src-main/core/scim';
import { auditDemoInUi, openBackendUi, shoot, type BackendUi, type BrowserUi } from './support';

describe('repair in the browser', () => {
  let backend: Backend;
  let ui: BrowserUi;
  let page: Page;
  let orphanGroups: { id: string; name: string }[] = [];
  const byTestId = (id: string) => page.getByTestId(id);

  async function client(): Promise<ScimClient> {
    return (await backend.context.session('demo')).client as ScimClient;
  }

  let setup: BackendUi;
  beforeAll(async () => {
    // Rebuilds a renderer that predates the repair pages.
    setup = await openBackendUi('e2e-repair-', 'select-findings');
    ({ backend, ui, page } = setup);
  });

  afterAll(async () => {
    await setup?.close();
  });

  it('audits the demo tenant', async () => {
    await auditDemoInUi(page);

    const audit = backend.context.audits.get('demo');
    orphanGroups = (audit?.report.findings ?? [])
      .filter((f) => f.kind === 'orphan-group')
      .map((f) => ({ id: f.target.id ?? '', name: f.target.name }));
    expect(orphanGroups.length).toBeGreaterThan(0);
  });

  it('selects findings and previews every request', async () => {
    await byTestId('nav-repair').click();
    await byTestId('select-findings').waitFor();
    await byTestId('select-all').click();
    await byTestId('select-none').click();
    await expect(byTestId('selected-count').innerText()).resolves.toMatch(/^0 of/);
    await byTestId('select-kind-orphan-group').click();
    await byTestId('select-kind-membership-extra').click();
    await expect(byTestId('selected-count').innerText()).resolves.toMatch(/^\d+ of/);

    await byTestId('make-plan').click();
    await byTestId('preview').waitFor();
    const requests = await byTestId('preview-request').allInnerTexts();
    for (const group of orphanGroups) expect(requests).toContain(`DELETE /Groups/${group.id}`);
    expect(requests.some((r) => r.startsWith('PATCH /Groups/'))).toBe(true);
    const curl = await page.locator('.repair-curl code').first().innerText();
    expect(curl).toContain('Bearer $SCIM_TOKEN');
    expect(await page.content()).not.toMatch(/Bearer demo-/);
    await shoot(page, 'repair-preview');
  });

  it('applies only after the tenant name is typed, and verifies every write', async () => {
    await byTestId('confirm-name').fill('Not this tenant');
    await expect(byTestId('confirm-run').isDisabled()).resolves.toBe(true);
    await byTestId('confirm-name').press('Enter');
    await expect(byTestId('run-progress').count()).resolves.toBe(0);
    await byTestId('confirm-name').fill('Demo tenant');
    await shoot(page, 'repair-confirm');
    if (await byTestId('confirm-privileged').count()) await byTestId('confirm-privileged').check();
    await byTestId('confirm-run').click();

    await byTestId('run-finished').waitFor({ timeout: 60_000 });
    await expect(byTestId('run-finished').innerText()).resolves.toContain(
      'every operation verified',
    );
    await shoot(page, 'repair-run');

    const c = await client();
    for (const group of orphanGroups) expect(await c.getGroup(group.id)).toBeNull();
  });

  it('marks the findings stale after the run and reads the tenant again', async () => {
    // The findings from before the run are no longer offered, here or by the backend.
    await byTestId('repair-stale').waitFor();
    await expect(byTestId('repair-stale').innerText()).resolves.toContain(
      'The tenant changed: refresh',
    );
    await expect(byTestId('select-findings').count()).resolves.toBe(0);
    await expect(
      backend.handlers.makePlan({ tenantId: 'demo', findings: [0], protectedGroups: [] }),
    ).rejects.toMatchObject({ code: 'no-audit' });

    // The snapshot is read again on its own: the deleted groups leave the tables.
    await expect
      .poll(() => {
        const names = new Set(
          backend.context.snapshots.get('demo')?.groups.map((g) => g.displayName),
        );
        return orphanGroups.filter((g) => names.has(g.name)).length;
      })
      .toBe(0);
    await shoot(page, 'repair-stale');
  });

  it('undoes the run from History', async () => {
    await byTestId('open-history').click();
    await byTestId('runs').waitFor();
    await expect(byTestId('run-status').first().innerText()).resolves.toBe('completed');
    await byTestId('open-run').first().click();
    await byTestId('run-items').waitFor();
    await shoot(page, 'repair-history');

    await byTestId('undo-run').click();
    await byTestId('undo-plan').waitFor();
    await expect(byTestId('undo-plan').innerText()).resolves.toContain('new id');
    // Enter in the name field applies, once the name matches.
    await byTestId('undo-plan').getByTestId('confirm-name').fill('Demo tenant');
    await byTestId('undo-plan').getByTestId('confirm-name').press('Enter');
    await byTestId('run-finished').waitFor({ timeout: 120_000 });
    await expect(byTestId('run-finished').innerText()).resolves.toContain(
      'every operation verified',
    );
    await shoot(page, 'repair-undo');

    const snapshot = await (await client()).snapshot();
    for (const group of orphanGroups) {
      expect(snapshot.groups.filter((g) => g.displayName === group.name)).toHaveLength(1);
    }
  });

  it('audits again once the tenant is read after the undo', async () => {
    await byTestId('nav-reconcile').click();
    // The audit waits for a snapshot taken after the undo.
    await page.locator('[data-testid="run-audit"]:enabled').waitFor({ timeout: 60_000 });
    await expect(byTestId('audit-stale').count()).resolves.toBe(1);
    await byTestId('run-audit').click();
    await byTestId('audit-stale').waitFor({ state: 'detached' });
    const audit = backend.context.audits.get('demo');
    expect(
      audit?.report.findings
        .filter((f) => f.kind === 'orphan-group')
        .map((f) => f.target.name)
        .sort(),
    ).toEqual(orphanGroups.map((g) => g.name).sort());
    await byTestId('nav-repair').click();
    await byTestId('select-findings').waitFor();
    await expect(byTestId('repair-stale').count()).resolves.toBe(0);
  });

  it('ran without script errors or CSP violations', () => {
    expect(ui.pageErrors).toEqual([]);
  });
});
