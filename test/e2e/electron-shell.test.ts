/**
 * The built desktop shell in a real Electron binary, through Playwright's `_electron`: the
 * window's web preferences as Electron reports them, the page's view of `window.companion`, and
 * the CSP, navigation and new-window rules from inside the page.
 *
 * The Electron binary cannot be downloaded on the build machines; there this file reports itself
 * skipped, with the reason. It needs `npm run build` first (npm test does it).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../src-main/api/contract';

const repo = join(__dirname, '../..');
const require = createRequire(import.meta.url);

/** The Electron binary's path, or why this test cannot run here. */
function findElectron(): { path: string } | { reason: string } {
  let path: string;
  try {
    path = require('electron') as string;
  } catch (error) {
    return { reason: `no Electron binary (${(error as Error).message.split('\n')[0]})` };
  }
  if (!existsSync(path)) return { reason: `the Electron binary ${path} does not exist` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display (run under xvfb-run)' };
  }
  if (!existsSync(join(repo, 'out/main/index.js')))
    return { reason: 'not built: run npm run build' };
  return { path };
}

const electron = findElectron();
if ('reason' in electron) {
  process.stdout.write(`[electron-shell e2e skipped] ${electron.reason}\n`);
}

describe.skipIf('reason' in electron)('the packaged shell in Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let home: string;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'electron-shell-'));
    app = await _electron.launch({
      executablePath: (electron as { path: string }).path,
      args: [repo],
      env: {
        ...process.env,
        SCIM_COMPANION_HOME: home,
        SCIM_COMPANION_KEYCHAIN_SERVICE: `scim-companion-e2e-${Date.now()}`,
        ELECTRON_RENDERER_URL: '',
      },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('gives the page no Node, no ipcRenderer, only functions on the bridge', async () => {
    const seen = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      const bridge = scope.companion as object;
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        ipcRenderer: typeof scope.ipcRenderer,
        electron: typeof scope.electron,
        onlyFunctions: Object.values(bridge).every((value) => typeof value === 'function'),
      };
    });
    expect(seen).toEqual({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
      onlyFunctions: true,
    });
  });

  it('exposes one function per contract method and onEvent, and they work', async () => {
    const names = await page.evaluate(() =>
      Object.keys((window as unknown as { companion: object }).companion).sort(),
    );
    expect(names).toEqual([...Object.keys(methods), 'onEvent'].sort());
    const tenants = await page.evaluate(() =>
      (
        window as unknown as { companion: { listTenants(i: object): Promise<unknown> } }
      ).companion.listTenants({}),
    );
    expect(tenants).toEqual([]);
  });

  it('enforces the CSP, and refuses navigation and new windows', async () => {
    const evalResult = await page.evaluate(() => {
      try {
        return String(new Function('return "ran"')());
      } catch {
        return 'blocked';
      }
    });
    expect(evalResult).toBe('blocked');

    expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(0);
    expect(page.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);
  });

  it('saves a screenshot of the shell', async () => {
    mkdirSync(join(repo, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(repo, 'test-results/electron-shell.png') });
  });
});
