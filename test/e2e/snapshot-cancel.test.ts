/**
 * Cancelling a snapshot from the UI: the read stops, the tenant's server stops receiving
 * requests, and nothing of the half-read tenant is shown as a snapshot.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/api/backend';
import type { QuirkServer } from '../servers/quirk-server';
import { ensureRendererBuilt, openQuirkTenantUi, type QuirkTenantUi } from './support';

describe('cancelling a snapshot in the UI', () => {
  let setup: QuirkTenantUi;
  let server: QuirkServer;
  let backend: Backend;
  let page: Page;

  beforeAll(async () => {
    ensureRendererBuilt();
    // A slow tenant (every answer waits), large enough that the read is far from done when the
    // admin cancels.
    setup = await openQuirkTenantUi('e2e-cancel-', {
      seed: { users: 3000, groups: 20, membersPerGroup: 10 },
      quirks: { latencyMs: 400, advertisedMaxResults: 50 },
    });
    ({ server, backend, page } = setup);
  });

  afterAll(async () => {
    await setup?.close();
  });

  it('stops the read and shows no half snapshot', async () => {
    await page.getByTestId('open-demo').click();
    await page.getByTestId('snapshot-progress').waitFor();
    // Wait until user pages are flowing, so the cancel lands mid-read.
    await page.waitForFunction(() =>
      /Reading users… [1-9]/.test(
        document.querySelector('[data-testid="snapshot-progress"]')?.textContent ?? '',
      ),
    );

    await page.getByTestId('snapshot-cancel').click();
    await page.getByTestId('snapshot-state').waitFor();

    await expect(page.getByTestId('snapshot-state').innerText()).resolves.toContain(
      'No snapshot yet.',
    );
    await expect(page.getByTestId('snapshot-state').innerText()).resolves.toContain('cancelled');
    await expect(page.getByTestId('users-table').count()).resolves.toBe(0);

    // The backend agrees: there is no snapshot to audit.
    await expect(backend.handlers.getSnapshot({ tenantId: 'demo' })).resolves.toBeNull();
    const usersPages = server.count('GET', '/Users');
    expect(usersPages).toBeLessThan(3000 / 50);

    // A later round trip through the backend sees no further page requested.
    await backend.handlers.listTenants({});
    expect(server.count('GET', '/Users')).toBe(usersPages);
  });
});
