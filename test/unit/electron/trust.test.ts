import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));

const electron = await import('../../fakes/electron');
const { isTrustedPageUrl, isTrustedSender, rendererTarget } =
  await import('../../../src-main/electron/trust');

const pagePath = '/opt/app/out/renderer/index.html';
const pageUrl = pathToFileURL(pagePath).href;
const target = { kind: 'file', path: pagePath } as const;

beforeEach(() => electron.resetFakeElectron());

describe('rendererTarget', () => {
  it('uses the dev server only in an unpackaged app', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(rendererTarget(pagePath, false, env)).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173',
    });
    expect(rendererTarget(pagePath, true, env)).toEqual(target);
    expect(rendererTarget(pagePath, false, {})).toEqual(target);
  });
});

describe('isTrustedPageUrl', () => {
  it.each([
    [pageUrl, true],
    [`${pageUrl}#/tenants`, true],
    [`${pageUrl}?x=1`, true],
    ['file:///opt/app/out/renderer/other.html', false],
    ['file:///tmp/index.html', false],
    ['file://evilhost/opt/app/out/renderer/index.html', false],
    ['https://opt/app/out/renderer/index.html', false],
    ['about:blank', false],
    ['garbage', false],
  ])('%s -> %s', (url, trusted) => {
    expect(isTrustedPageUrl(url, target)).toBe(trusted);
  });
});

describe('isTrustedSender', () => {
  async function ourWindow() {
    const window = new electron.FakeBrowserWindow({});
    await window.loadFile(pagePath);
    return window;
  }

  it('accepts the main frame of our window showing our page', async () => {
    const window = await ourWindow();
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(isTrustedSender(event as never, [window] as never, target)).toBe(true);
  });

  it('refuses a subframe, even one claiming our URL', async () => {
    const window = await ourWindow();
    const child = new electron.FakeFrame(pageUrl, window.webContents.mainFrame);
    expect(
      isTrustedSender(
        { sender: window.webContents, senderFrame: child } as never,
        [window] as never,
        target,
      ),
    ).toBe(false);
  });

  it('refuses a window that is not ours, a destroyed one, a foreign page and a missing frame', async () => {
    const window = await ourWindow();
    const stranger = await ourWindow();
    const strangerEvent = {
      sender: stranger.webContents,
      senderFrame: stranger.webContents.mainFrame,
    };
    expect(isTrustedSender(strangerEvent as never, [window] as never, target)).toBe(false);

    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    window.destroyed = true;
    expect(isTrustedSender(event as never, [window] as never, target)).toBe(false);
    window.destroyed = false;

    await window.loadURL('https://evil.example.com/');
    expect(isTrustedSender(event as never, [window] as never, target)).toBe(false);

    expect(
      isTrustedSender(
        { sender: window.webContents, senderFrame: null } as never,
        [window] as never,
        target,
      ),
    ).toBe(false);
  });
});
