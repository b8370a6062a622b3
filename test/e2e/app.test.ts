/**
 * The real UI in Debian's Chromium against the real backend through the browser harness: open
 * the demo tenant, browse its users, import the bundled JumpCloud export, settle the bound
 * groups, run the audit, and check the counts on screen against what the demo was built to show.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src-main/api/backend';
import {
  buildDemoOrganisation,
  demoAuditInputs,
  DEMO_EXPECTED_SUMMARY,
} from '../../src-main/core/demo';
import { FINDING_KINDS } from '../../src-main/core/model';
import { ensureRendererBuilt, openUi, shoot, type BrowserUi } from './support';

/** Small page object: finds things by test id and role, never by layout. */
class AppPage {
  constructor(readonly page: Page) {}

  byTestId(id: string) {
    return this.page.getByTestId(id);
  }

  async nav(id: string) {
    await this.byTestId(`nav-${id}`).click();
  }

  async waitForSnapshot() {
    await this.byTestId('snapshot-state').waitFor();
  }

  async count(kind: string): Promise<number> {
    return Number(await this.byTestId(`count-${kind}`).innerText());
  }
}

describe('desktop UI in Chromium against the demo tenant', () => {
  let dir: string;
  let backend: Backend;
  let ui: BrowserUi;
  let app: AppPage;
  const org = buildDemoOrganisation();

  beforeAll(async () => {
    ensureRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'e2e-app-'));
    backend = createBackend({ dataDir: dir });
    // Any script error or CSP violation in the page fails the run at the end.
    ui = await openUi(backend, { viewport: { width: 1360, height: 900 } });
    app = new AppPage(ui.page);
  });

  afterAll(async () => {
    await ui?.close();
    await backend?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts on an empty tenant list', async () => {
    await app.byTestId('tenants-empty').waitFor();
    await expect(app.byTestId('open-demo').isEnabled()).resolves.toBe(true);
  });

  it('opens the demo tenant and lists all of its users', async () => {
    await app.byTestId('open-demo').click();
    await app.waitForSnapshot();
    await app.byTestId('users-table').waitFor();

    const total = org.tenant.users.length;
    await expect(app.byTestId('row-count').innerText()).resolves.toBe(`${total} of ${total} users`);
    await shoot(app.page, 'users');
  });

  it('searches users locally', async () => {
    const someone = org.tenant.users[Math.floor(org.tenant.users.length / 2)]!;
    const wanted = org.tenant.users.filter((u) =>
      [u.userName, u.email, u.givenName, u.familyName, u.externalId].some((f) =>
        f?.toLowerCase().includes(someone.userName.toLowerCase()),
      ),
    ).length;
    await app.byTestId('search').fill(someone.userName);
    await app.page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid="row-count"]')?.textContent?.startsWith(`${n} of`),
      wanted,
    );
    await expect(
      app
        .byTestId('users-table')
        .getByRole('cell', { name: someone.userName, exact: true })
        .count(),
    ).resolves.toBe(1);
  });

  it('lists the groups', async () => {
    await app.nav('groups');
    const total = org.tenant.groups.length;
    await expect(app.byTestId('row-count').innerText()).resolves.toBe(
      `${total} of ${total} groups`,
    );

    // Opening a group lists its members; Escape closes it.
    const group = org.tenant.groups.find(
      (g) => g.members.length > 0 && !org.tenant.hiddenMemberGroupIds.includes(g.id),
    )!;
    await app
      .byTestId('groups-table')
      .getByRole('cell', { name: group.displayName, exact: true })
      .click();
    const dialog = app.byTestId('group-members');
    await dialog.waitFor();
    await expect(dialog.getByRole('listitem').count()).resolves.toBe(group.members.length);
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('imports the bundled export and shows what it read', async () => {
    const { exportFiles, boundGroupsFile } = demoAuditInputs();
    await app.nav('reconcile');

    // A file that is no export: the admin sees which file, and the details on request.
    await app.byTestId('export-input').setInputFiles({
      name: 'notes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('colour,size\nred,2\n'),
    });
    const error = app.byTestId('import-panel').getByTestId('error');
    await expect(error.innerText()).resolves.toContain('notes.csv');
    await error.getByTestId('error-details-toggle').click();
    await expect(error.locator('pre').innerText()).resolves.toContain('file: notes.csv');
    await expect(app.byTestId('run-audit').isDisabled()).resolves.toBe(true);

    await app.byTestId('export-input').setInputFiles(exportFiles);
    await app.byTestId('import-summary').waitFor();

    await expect(app.byTestId('import-format').innerText()).resolves.toMatch(/csv/);
    await expect(app.byTestId('import-users').innerText()).resolves.toBe(
      String(org.jumpcloud.users.length),
    );

    // The demo tenant remembers the demo's bound groups, as a tenant remembers the admin's pick.
    const bound = readFileSync(boundGroupsFile, 'utf8').split('\n').filter(Boolean);
    await app.page.locator('[data-testid="bound-pick"]:checked').waitFor();
    const list = app.byTestId('bound-list');
    for (const name of bound) {
      await expect(list.getByRole('checkbox', { name, exact: true }).isChecked()).resolves.toBe(
        true,
      );
    }
  });

  it('lets the admin search, clear and select all bound groups', async () => {
    const list = app.byTestId('bound-list');
    const before = await list.getByRole('checkbox', { checked: true }).count();
    const all = await list.getByRole('checkbox').count();

    await app.byTestId('bound-search').fill('Finance');
    // The search filters through a deferred value: wait until the list is filtered.
    await expect.poll(() => list.getByRole('checkbox').count()).toBeLessThan(all);
    const shown = await list.getByRole('checkbox').count();
    expect(shown).toBeGreaterThan(0);
    await app.page.getByRole('button', { name: 'Clear shown' }).click();
    await expect(list.getByRole('checkbox', { checked: true }).count()).resolves.toBe(0);
    await app.byTestId('bound-select-all').click();
    await expect(list.getByRole('checkbox', { checked: true }).count()).resolves.toBe(shown);
    await app.byTestId('bound-search').fill('');
    await expect.poll(() => list.getByRole('checkbox', { checked: true }).count()).toBe(before);
  });

  it('runs the audit and shows the counts the demo was built to show', async () => {
    await app.byTestId('run-audit').click();
    await app.byTestId('findings').waitFor();

    expect(await app.count('orphan-group')).toBe(DEMO_EXPECTED_SUMMARY['orphan-group']);
    for (const kind of FINDING_KINDS) {
      expect({ kind, count: await app.count(kind) }).toEqual({
        kind,
        count: DEMO_EXPECTED_SUMMARY[kind],
      });
    }
    const orphanRows = app.byTestId('kind-orphan-group').locator('tbody tr');
    await expect(orphanRows.count()).resolves.toBe(DEMO_EXPECTED_SUMMARY['orphan-group']);

    await shoot(app.page, 'reconcile-demo');
  });

  it('shows discovery and the request log of the session', async () => {
    await app.nav('discovery');
    await app.byTestId('discover').click();
    await app.byTestId('discovery').waitFor();
    await expect(app.page.getByRole('heading', { name: 'Capabilities' }).count()).resolves.toBe(1);
    await shoot(app.page, 'discovery');

    await app.nav('request-log');
    await app.byTestId('request-log').waitFor();
    await expect(
      app
        .byTestId('request-log')
        .getByRole('cell', { name: /\/Users/ })
        .count(),
    ).resolves.toBeGreaterThan(0);
    await shoot(app.page, 'request-log');

    await app.nav('tenants');
    await app.byTestId('tenant-demo').waitFor();
    await shoot(app.page, 'tenants');
  });

  it('ran without script errors or CSP violations', () => {
    expect(ui.pageErrors).toEqual([]);
  });
});
