/**
 * Adding a tenant in the UI puts its token in the real OS keychain and nowhere the page can see:
 * not in the DOM, not in any answer of the contract, not in the data dir. Then the tenant works:
 * connection test, snapshot, editing (a new host only with consent), a new token, and removal.
 * Needs a Secret Service (test/run-tests.sh starts one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
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

/** A real PEM certificate (the interop tests' TLS server uses it). */
const TEST_CERT = resolve(import.meta.dirname, '../interop/tls/test-only-cert.pem');

/** A day `days` from today, as the date field takes it. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

describe.skipIf(!KEYRING_AVAILABLE)(`tenants in the UI (${SKIP_REASON})`, () => {
  let dir: string;
  let server: QuirkServer;
  let backend: Backend;
  let ui: BrowserUi;
  let page: Page;
  const token = recognisableToken();
  const betaToken = recognisableToken();
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

  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const stored = () => new TenantService({ dataDir: join(dir, 'data'), connect: () => null });
  const card = (name: string) =>
    page.getByTestId('tenant-list').getByRole('listitem').filter({ hasText: name });

  /** The field's problem, as a screen reader is told it: the text its aria-describedby names. */
  async function fieldProblem(field: Locator): Promise<string> {
    // Marked once the refusal has come back.
    await field.and(page.locator('[aria-invalid="true"]')).waitFor();
    const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ');
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
    return texts.join(' ');
  }

  async function openEdit(name: string) {
    await button(`Edit ${name}`).click();
    const dialog = page.getByTestId('edit-tenant-dialog');
    await dialog.waitFor();
    return dialog;
  }

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
    await button('Test connection to Acme').click();
    await expect(page.getByTestId('connection-result').innerText()).resolves.toContain(
      'Connection works',
    );

    await button('Open Acme').click();
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
    expect(stored().get(tenantId).boundGroups).toEqual(picked);

    // A new page (same session) shows the pick again once an export is imported.
    await page.reload();
    await button('Open Acme').click();
    await page.getByTestId('nav-reconcile').click();
    await page.getByTestId('export-input').setInputFiles(exportFiles);
    await page.locator('[data-testid="bound-pick"]:checked').waitFor();
    const checked = page.getByTestId('bound-list').getByRole('checkbox', { checked: true });
    await expect(checked.count()).resolves.toBe(picked.length);
  });

  it("names the tenant in each card button's accessible name", async () => {
    await page.getByTestId('nav-tenants').click();
    for (const name of [
      'Open Acme',
      'Test connection to Acme',
      'Edit Acme',
      'Replace token of Acme',
      'Remove Acme',
    ]) {
      await expect(button(name).count(), name).resolves.toBe(1);
    }
    // The name is for screen readers; the card shows the short label.
    const open = button('Open Acme');
    await expect(open.boundingBox().then((box) => box!.width)).resolves.toBeLessThan(80);
    await expect(page.getByRole('button', { name: 'Open', exact: true }).count()).resolves.toBe(0);
  });

  it('adds a tenant with CA file, notes and protected groups; problems show under their field', async () => {
    const dialog = await fillAddDialog('x'.repeat(101));
    await page.getByTestId('tenant-token').fill(betaToken);
    await page.getByTestId('tenant-url').fill('https://beta.example.com/v2');
    await page.getByTestId('tenant-ca-file').fill('/etc/hostname');
    await page.getByTestId('tenant-notes').fill('Staging, EU');
    await page.getByTestId('tenant-protected').fill('Admins\n\nBreak Glass\n');
    // The CA file is typed: the browser has no file picker for it, and the hint says so.
    await expect(dialog.innerText()).resolves.toContain('there is no file picker here');
    await page.getByTestId('tenant-save').click();
    await expect(fieldProblem(page.getByTestId('tenant-name'))).resolves.toBe(
      'The tenant name is longer than 100 characters.',
    );

    await page.getByTestId('tenant-name').fill('Beta');
    await page.getByTestId('tenant-save').click();
    await dialog.getByText('/etc/hostname is not a PEM certificate').first().waitFor();
    await shoot(page, 'tenant-add-ca-file-refused');
    await expect(fieldProblem(page.getByTestId('tenant-ca-file'))).resolves.toMatch(
      /^The CA certificate file \/etc\/hostname is not a PEM certificate/,
    );
    await expect(page.getByTestId('tenant-name').getAttribute('aria-invalid')).resolves.toBeNull();

    await page.getByTestId('tenant-ca-file').fill(TEST_CERT);
    await page.getByTestId('tenant-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect(card('Beta').innerText()).resolves.toContain(
      'Protected groups: Admins, Break Glass',
    );
    expect(stored().get('Beta')).toMatchObject({
      caFile: TEST_CERT,
      notes: 'Staging, EU',
      protectedGroups: ['Admins', 'Break Glass'],
    });
    await shoot(page, 'tenant-list-two');
  });

  it('edits a tenant, and clearing the expiry date takes its warning away', async () => {
    let dialog = await openEdit('Acme');
    await page.getByTestId('tenant-expires').fill(dayFromNow(3));
    await page.getByTestId('tenant-policy').selectOption('delete');
    await page.getByTestId('tenant-notes').fill('Production');
    await page.getByTestId('tenant-protected').fill('Legal');
    await page.getByTestId('tenant-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect(card('Acme').getByTestId('tenant-notice').innerText()).resolves.toBe(
      'Changes saved.',
    );
    await expect(card('Acme').innerText()).resolves.toMatch(/expires in 3 days/);
    expect(stored().get('Acme')).toMatchObject({
      policy: 'delete',
      notes: 'Production',
      protectedGroups: ['Legal'],
      tokenExpiresAt: dayFromNow(3),
    });

    dialog = await openEdit('Acme');
    await shoot(page, 'tenant-edit');
    await page.getByTestId('clear-expires').click();
    await page.getByTestId('tenant-notes').fill('');
    await page.getByTestId('tenant-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect(card('Acme').innerText()).resolves.not.toMatch(/expires/);
    const profile = stored().get('Acme');
    expect(profile).not.toHaveProperty('tokenExpiresAt');
    expect(profile).not.toHaveProperty('notes');
  });

  it('sends the stored token to another host only when the admin ticks the box', async () => {
    const port = new URL(server.baseUrl).port;
    let dialog = await openEdit('Acme');
    const consent = page.getByTestId('consent-new-host');
    await page.getByTestId('tenant-url').fill(`http://localhost:${port}/scim/v2`);
    await expect(
      dialog.getByText(`Send the stored token to http://localhost:${port}`).count(),
    ).resolves.toBe(1);

    await page.getByTestId('tenant-save').click();
    await expect(fieldProblem(consent)).resolves.toContain(
      `would be sent to http://localhost:${port}`,
    );
    await shoot(page, 'tenant-edit-new-host');
    expect(stored().get('Acme').baseUrl).toBe(server.baseUrl);

    await consent.check();
    await page.getByTestId('tenant-save').click();
    await dialog.waitFor({ state: 'detached' });
    expect(stored().get('Acme').baseUrl).toBe(`http://localhost:${port}/scim/v2`);

    // Back to 127.0.0.1 (another host again), at a wrong base path for the next test.
    dialog = await openEdit('Acme');
    await page.getByTestId('tenant-url').fill(`${server.baseUrl}/wrong`);
    await consent.check();
    await page.getByTestId('tenant-save').click();
    await dialog.waitFor({ state: 'detached' });

    // Another path on the same host asks nothing.
    dialog = await openEdit('Acme');
    await page.getByTestId('tenant-url').fill(`${server.baseUrl}/wrong/`);
    await expect(consent.count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows a failed connection test with the failing step and its details', async () => {
    await button('Test connection to Acme').click();
    const result = card('Acme').getByTestId('connection-result');
    await expect(result.innerText()).resolves.toContain('Failed at base-path');
    await result.getByRole('button', { name: 'Show details' }).click();
    const details = await result.locator('pre').innerText();
    expect(details).toContain('FAIL base-path');
    expect(details.match(/ connect: /g)).toHaveLength(1);
    await shoot(page, 'tenant-test-failed');

    const dialog = await openEdit('Acme');
    await page.getByTestId('tenant-url').fill(server.baseUrl);
    await page.getByTestId('tenant-save').click();
    await dialog.waitFor({ state: 'detached' });
    await button('Test connection to Acme').click();
    await expect(result.innerText()).resolves.toContain('Connection works');
  });

  it('confirms a replaced token', async () => {
    await button('Replace token of Acme').click();
    const dialog = page.getByTestId('replace-token-dialog');
    await dialog.waitFor();
    await page.getByTestId('new-token').fill(token);
    await page.getByTestId('new-token').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const notice = card('Acme').getByRole('status');
    await expect(notice.innerText()).resolves.toBe('Token replaced; stored in the keychain.');
    expect(await page.content()).not.toContain(token);
  });

  it('removes a tenant only when Remove is chosen, then gives focus to the tenant list', async () => {
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        return active?.getAttribute('data-testid') ?? active?.textContent ?? null;
      });
    const dialog = page.getByTestId('remove-tenant-dialog');

    // Escape keeps the tenant, and focus goes back to the button that opened the dialog.
    await button('Remove Beta').click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(focused()).resolves.toBe('Remove Beta');

    // Enter on the card's button opens the dialog with Cancel focused: a second Enter keeps the
    // tenant.
    await button('Remove Beta').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await expect(focused()).resolves.toBe('dialog-cancel');
    await expect(page.getByTestId('confirm-remove').getAttribute('class')).resolves.toContain(
      'danger',
    );
    await shoot(page, 'tenant-remove');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect(card('Beta').count()).resolves.toBe(1);
    await expect(focused()).resolves.toBe('Remove Beta');

    // Remove, chosen on purpose.
    await button('Remove Beta').click();
    await dialog.waitFor();
    await page.keyboard.press('Shift+Tab');
    await expect(focused()).resolves.toBe('confirm-remove');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect(card('Beta').count()).resolves.toBe(0);
    await expect(focused()).resolves.toBe('tenant-list-region');

    await button('Remove Acme').click();
    await page.getByTestId('confirm-remove').click();
    await page.getByTestId('tenants-empty').waitFor();
    await expect(focused()).resolves.toBe('tenant-list-region');
  });

  it('never let the token reach the page, an answer or a file', () => {
    expect(answers.length).toBeGreaterThan(5);
    for (const secret of [token, betaToken]) {
      expect(answers.filter((text) => text.includes(secret))).toEqual([]);
      expect(filesContaining(dir, secret)).toEqual([]);
    }
  });
});
