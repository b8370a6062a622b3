/**
 * Adding a tenant in the UI puts its token in the real OS keychain and nowhere the page can see:
 * not in the DOM, not in any answer of the contract, not in the data dir. Then the tenant works:
 * connection test, snapshot, and removal. Needs a Secret Service (test/run-tests.sh starts one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src-main/api/backend';
import { demoAuditInputs } from '../../src-main/core/demo';
import { TenantService } from '../../src-main/core/tenants';
import {
  filesContaining,
  KEYRING_AVAILABLE,
  recognisableToken,
  SKIP_REASON,
  testServiceName,
} from '../keychain/helpers';
import { startQuirkServer, type QuirkServer } from '../servers/quirk-server';
import { ensureRendererBuilt, openUi, shoot, type BrowserUi } from './support';

const USERS = 40;

describe.skipIf(!KEYRING_AVAILABLE)(`tenants in the UI (${SKIP_REASON})`, () => {
  let dir: string;
  let server: QuirkServer;
  let backend: Backend;
  let ui: BrowserUi;
  let page: Page;
  const token = recognisableToken();
  const answers: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    // A keychain service of this test's own, so no real entry is touched.
    process.env.SCIM_COMPANION_KEYCHAIN_SERVICE = testServiceName();
    dir = mkdtempSync(join(tmpdir(), 'e2e-tenants-'));
    server = await startQuirkServer({
      token,
      seed: { users: USERS, groups: 4, membersPerGroup: 5 },
    });
    backend = createBackend({ dataDir: join(dir, 'data') });
    ui = await openUi(backend, {
      beforeLoad: (page) => {
        // Every answer of the contract the page receives, to search for the token afterwards.
        page.on('response', (response) => {
          if (response.url().includes('/api/')) {
            void response.text().then(
              (text) => answers.push(text),
              () => undefined,
            );
          }
        });
      },
    });
    page = ui.page;
  });

  afterAll(async () => {
    await ui?.close();
    await backend?.close();
    await server?.close();
    delete process.env.SCIM_COMPANION_KEYCHAIN_SERVICE;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function fillAddDialog(name: string) {
    await page.getByTestId('add-tenant').click();
    const dialog = page.getByTestId('add-tenant-dialog');
    await dialog.waitFor();
    // Keyboard users start typing the name at once.
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    ).resolves.toBe('tenant-name');
    await page.getByTestId('tenant-name').fill(name);
    await page.getByTestId('tenant-url').fill(server.baseUrl);
    await page.getByTestId('tenant-token').fill(token);
    return dialog;
  }

  it('adds a tenant; the token goes to the keychain and is never shown again', async () => {
    const dialog = await fillAddDialog('Acme');
    // Enter submits the form, as in any dialog.
    await page.getByTestId('tenant-token').press('Enter');
    await dialog.waitFor({ state: 'detached' });

    const item = page.getByTestId('tenant-list').getByRole('listitem');
    await expect(item.count()).resolves.toBe(1);
    await expect(item.innerText()).resolves.toContain('in the OS keychain');
    expect(await page.content()).not.toContain(token);
  });

  it('shows a refused second tenant of the same name in the dialog, and Escape closes it', async () => {
    const dialog = await fillAddDialog('acme');
    await page.getByTestId('tenant-save').click();
    await expect(dialog.getByTestId('error').innerText()).resolves.toContain('already exists');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByTestId('tenant-list').getByRole('listitem').count()).resolves.toBe(1);
  });

  it('tests the connection and reads the tenant with the stored token', async () => {
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('connection-result').innerText()).resolves.toContain(
      'Connection works',
    );

    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('users-table').waitFor();
    await expect(page.getByTestId('row-count').innerText()).resolves.toBe(
      `${USERS} of ${USERS} users`,
    );
  });

  it('remembers the bound groups the admin picked for this tenant', async () => {
    const { exportFiles } = demoAuditInputs();
    await page.getByTestId('nav-reconcile').click();
    await page.getByTestId('export-input').setInputFiles(exportFiles);
    await page.getByTestId('import-summary').waitFor();

    const picked = ['Engineering', 'Legal'];
    await page.getByTestId('bound-pick').check();
    for (const name of picked) {
      await page.getByTestId('bound-list').getByRole('checkbox', { name, exact: true }).check();
    }
    await page.getByTestId('run-audit').click();
    await page.getByTestId('findings').waitFor();

    // Stored with the tenant's profile, read back by a fresh service over the same data dir.
    const tenantId = (await backend.handlers.listTenants({}))[0]!.id;
    const stored = new TenantService({ dataDir: join(dir, 'data'), connect: () => null });
    expect(stored.get(tenantId).boundGroups).toEqual(picked);

    // A new page (same session) shows the pick again once an export is imported.
    await page.reload();
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('nav-reconcile').click();
    await page.getByTestId('export-input').setInputFiles(exportFiles);
    await page.locator('[data-testid="bound-pick"]:checked').waitFor();
    const checked = page.getByTestId('bound-list').getByRole('checkbox', { checked: true });
    await expect(checked.count()).resolves.toBe(picked.length);
  });

  it('removes the tenant', async () => {
    await page.getByTestId('nav-tenants').click();
    // The app's own dialog: Escape keeps the tenant, Enter (the Remove button has the focus)
    // removes it.
    await page.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByTestId('remove-tenant-dialog');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByTestId('tenants-empty').count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor();
    await shoot(page, 'tenant-remove');
    await page.keyboard.press('Enter');
    await page.getByTestId('tenants-empty').waitFor();
  });

  it('never let the token reach the page, an answer or a file', () => {
    expect(answers.length).toBeGreaterThan(5);
    expect(answers.filter((text) => text.includes(token))).toEqual([]);
    expect(filesContaining(dir, token)).toEqual([]);
  });
});
