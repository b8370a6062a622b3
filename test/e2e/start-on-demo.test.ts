/**
 * `npm run web` (and `npm start`) land on the demo tenant: the launch link leads to the app
 * with the demo tenant open and read, without a click.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src-main/api/backend';
import { buildDemoOrganisation } from '../../src-main/core/demo';
import { ensureRendererBuilt, openUi, type BrowserUi } from './support';

describe('starting on the demo tenant', () => {
  let dir: string;
  let backend: Backend;
  let ui: BrowserUi;

  beforeAll(async () => {
    ensureRendererBuilt('open=demo');
    dir = mkdtempSync(join(tmpdir(), 'start-demo-'));
    backend = createBackend({ dataDir: dir });
    ui = await openUi(backend, { openDemo: true });
  });

  afterAll(async () => {
    await ui?.close();
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the demo tenant and reads its users, leaving the address clean', async () => {
    const { page } = ui;
    await expect.poll(() => page.getByTestId('open-tenant-name').textContent()).toMatch(/demo/i);

    // The count the demo was built with, not one read back from the app.
    const tenantUsers = buildDemoOrganisation().tenant.users.length;
    await expect
      .poll(async () => (await backend.handlers.getSnapshot({ tenantId: 'demo' }))?.users.length)
      .toBe(tenantUsers);
    expect(new URL(page.url()).search).toBe('');
    expect(ui.pageErrors).toEqual([]);
  });
});
