import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));

const electron = await import('../../fakes/electron');
const { createMainWindow, hardenWebContents, mainWindowOptions } =
  await import('../../../src-main/electron/window');

const page = join('/opt/scim-companion/resources/app.asar/out/renderer/index.html');
const target = { kind: 'file', path: page } as const;

beforeEach(() => electron.resetFakeElectron());

describe('window settings', () => {
  it('follow the Electron security checklist', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it('are what the created window gets, with the bundled page loaded', () => {
    const window = createMainWindow(
      '/app/out/preload/index.cjs',
      target,
    ) as unknown as InstanceType<typeof electron.FakeBrowserWindow>;
    expect(window.options).toEqual(mainWindowOptions('/app/out/preload/index.cjs'));
    expect(window.webContents.getURL()).toBe(pathToFileURL(page).href);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('can ask the page to open the demo tenant, and the page stays trusted', async () => {
    const { isTrustedPageUrl } = await import('../../../src-main/electron/trust');
    const window = createMainWindow('/app/out/preload/index.cjs', target, {
      open: 'demo',
    }) as unknown as InstanceType<typeof electron.FakeBrowserWindow>;
    expect(window.webContents.getURL()).toBe(`${pathToFileURL(page).href}?open=demo`);
    expect(isTrustedPageUrl(window.webContents.getURL(), target)).toBe(true);
  });
});

describe('hardened web contents', () => {
  function hardened() {
    const contents = new electron.FakeWebContents();
    hardenWebContents(contents as never, target);
    return contents;
  }

  it('refuses every navigation, opening https links in the OS browser instead', () => {
    const contents = hardened();
    expect(contents.fire('will-navigate', 'https://evil.example.com/').prevented).toBe(true);
    expect(contents.fire('will-navigate', 'http://evil.example.com/').prevented).toBe(true);
    expect(contents.fire('will-navigate', pathToFileURL(page).href).prevented).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd').prevented).toBe(true);
    expect(electron.fake.openedExternally).toEqual(['https://evil.example.com/']);
  });

  it('denies every new window', () => {
    const contents = hardened();
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://docs.example.com' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'about:blank' })).toEqual({ action: 'deny' });
    expect(electron.fake.openedExternally).toEqual(['https://docs.example.com']);
  });

  it('refuses webviews and redirects away from the page', () => {
    const contents = hardened();
    expect(contents.fire('will-attach-webview', {}, {}).prevented).toBe(true);
    expect(contents.fire('will-redirect', 'https://elsewhere.example.com').prevented).toBe(true);
  });

  it('lets the dev server reload itself, and nothing else', () => {
    const contents = new electron.FakeWebContents();
    hardenWebContents(contents as never, { kind: 'dev-server', url: 'http://localhost:5173' });
    expect(contents.fire('will-navigate', 'http://localhost:5173/').prevented).toBe(false);
    expect(contents.fire('will-navigate', 'http://localhost:5174/').prevented).toBe(true);
  });
});
