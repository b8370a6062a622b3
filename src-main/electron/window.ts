/**
 * The app window: created with Electron's security checklist settings, and every web contents
 * (this window, and anything Chromium might create) denied navigation, new windows and webviews.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { log } from '../core/log';
import { openExternalSafely } from './security';
import { isTrustedPageUrl, type RendererTarget } from './trust';

/** The window options; exported so the unit tests can check every security setting. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'SCIM Companion',
    // Shown once painted, so the admin never sees an empty frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}

/** Creates the window and loads the trusted renderer into it. */
export function createMainWindow(
  preloadPath: string,
  target: RendererTarget,
  query: Record<string, string> = {},
): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());

  if (target.kind === 'dev-server') void window.loadURL(target.url);
  else void window.loadFile(target.path, { query });
  return window;
}

/**
 * Locks down one web contents: no navigation away from our page (links to `https:` open in the
 * OS browser instead), no new windows, no `<webview>`.
 */
export function hardenWebContents(contents: WebContents, target: RendererTarget): void {
  contents.on('will-navigate', (event, url) => {
    if (isTrustedPageUrl(url, target) && target.kind === 'dev-server') return; // hot reload
    event.preventDefault();
    log.warn({ scheme: schemeOf(url) }, 'navigation refused');
    openExternalSafely(url);
  });

  contents.on('will-redirect', (event, url) => {
    if (isTrustedPageUrl(url, target)) return;
    event.preventDefault();
    log.warn({ scheme: schemeOf(url) }, 'redirect refused');
  });

  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
}

function schemeOf(url: string): string {
  return URL.canParse(url) ? new URL(url).protocol : 'invalid';
}
