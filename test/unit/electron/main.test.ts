/**
 * The entry point, run against the fake electron module: what it does before and after `ready`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));

const electron = await import('../../fakes/electron');
const { methods } = await import('../../../src-main/api/contract');
const { CONTENT_SECURITY_POLICY } = await import('../../../src-main/electron/security');

let home: string;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'electron-main-'));
  vi.stubEnv('SCIM_COMPANION_HOME', home);
  vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
  electron.resetFakeElectron();
  await import('../../../src-main/electron/main');
  electron.fakeAppReady();
  await vi.waitFor(() => expect(electron.FakeBrowserWindow.all).toHaveLength(1));
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

describe('main process start-up', () => {
  it('sandboxes every renderer and keeps data in the data dir', () => {
    expect(electron.fake.appCalls).toContain('enableSandbox');
    expect(electron.fake.paths.userData).toBe(home);
  });

  it('opens one window with the hardened settings and the bundled page (packaged: no dev server)', () => {
    const [window] = electron.FakeBrowserWindow.all;
    const prefs = window!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(window!.webContents.getURL()).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
  });

  it('installs the strict CSP and refuses permissions on the default session', () => {
    const session = electron.session.defaultSession;
    let headers: Record<string, string[]> = {};
    session.headersListener!({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    const page = electron.FakeBrowserWindow.all[0]!.webContents.getURL();
    const main = { isMainFrame: true, requestingUrl: page };
    expect(session.permissionCheckHandler!({}, 'media', 'file://', main)).toBe(false);
    expect(session.permissionCheckHandler!({}, 'clipboard-sanitized-write', 'file://', main)).toBe(
      true,
    );
  });

  it('serves every contract method, to our window only', async () => {
    const channels = [...electron.ipcMain.handlers.keys()].sort();
    expect(channels).toEqual(
      Object.keys(methods)
        .map((m) => `companion:call:${m}`)
        .sort(),
    );

    const [window] = electron.FakeBrowserWindow.all;
    const stranger = new electron.FakeWebContents();
    const refused = await electron.ipcMain.invoke(
      'companion:call:listTenants',
      {
        sender: stranger,
        senderFrame: stranger.mainFrame,
      },
      {},
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const listed = await electron.ipcMain.invoke(
      'companion:call:listTenants',
      {
        sender: window!.webContents,
        senderFrame: window!.webContents.mainFrame,
      },
      {},
    );
    expect(listed).toEqual({ ok: true, result: [] });
  });

  it('hardens every web contents Electron creates', () => {
    const contents = new electron.FakeWebContents();
    electron.fake.appEvents.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler!({ url: 'https://x.example.com' })).toEqual({
      action: 'deny',
    });
    expect(contents.fire('will-navigate', 'https://x.example.com').prevented).toBe(true);
  });

  it('installs the application menu', () => {
    expect(electron.fake.applicationMenu?.template.length).toBeGreaterThan(3);
  });
});
