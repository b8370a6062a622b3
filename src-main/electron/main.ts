/**
 * The Electron main process: hardens the session and every web contents, serves the contract
 * over IPC to our own window only, and wires native dialogs and the application menu. The
 * backend (tenants, keychain, SCIM, reconcile) is the same one the CLI and the web harness use.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { methods } from '../api/contract';
import { createBackend, type Backend } from '../api/backend';
import { log } from '../core/log';
import { defaultDataDir } from '../core/tenants/data-dir';
import { pickExportFiles, saveFileWithDialog, type FileToSave } from './dialogs';
import { forwardEvents, registerContract, sendToWindows } from './ipc';
import { setupMenu } from './menu';
import {
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  installContentSecurityPolicy,
  restrictPermissions,
} from './security';
import { isTrustedPageUrl, isTrustedSender, rendererTarget } from './trust';
import { createMainWindow, hardenWebContents } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
const target = rendererTarget(join(here, '../renderer/index.html'), app.isPackaged);
const windows = new Set<BrowserWindow>();

// The CLI and the app share one data dir (and SCIM_COMPANION_HOME moves both, for tests).
app.setPath('userData', defaultDataDir());
// Every renderer sandboxed, whatever a window's own settings say.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => focusWindow());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, target));
  app.whenReady().then(start, (error: unknown) => {
    log.error({ err: error }, 'app failed to start');
    app.exit(1);
  });
}

async function start(): Promise<void> {
  secureSession();
  const backend = createBackend({
    dataDir: defaultDataDir(),
    ...desktopDeps(),
  });
  registerContract(ipcMain, methods, backend.handlers, (event) =>
    isTrustedSender(event, windows, target),
  );
  forwardEvents(backend.events.on, () => windows, target);
  setupMenu({
    platform: process.platform,
    isPackaged: app.isPackaged,
    appName: app.getName(),
    emit: (event) => sendToWindows(windows, target, event),
  });

  openWindow();
  app.on('activate', () => windows.size === 0 && openWindow());
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  app.on('before-quit', () => void closeBackend(backend));
}

function secureSession(): void {
  const policy =
    target.kind === 'dev-server' ? devContentSecurityPolicy(target.url) : CONTENT_SECURITY_POLICY;
  installContentSecurityPolicy(session.defaultSession, policy);
  restrictPermissions(session.defaultSession, (url) => isTrustedPageUrl(url, target));
}

/** The native dialogs the backend may use; the renderer reaches them only via contract methods. */
function desktopDeps() {
  return {
    pickExportFiles: () => pickExportFiles(activeWindow()),
    saveFile: (file: FileToSave) => saveFileWithDialog(activeWindow(), file),
  };
}

function openWindow(): void {
  // The trust checks ignore the query, which only asks the page to open the demo tenant.
  const query: Record<string, string> =
    process.env.SCIM_COMPANION_OPEN_DEMO === '1' ? { open: 'demo' } : {};
  const window = createMainWindow(preloadPath, target, query);
  windows.add(window);
  window.on('closed', () => windows.delete(window));
}

function activeWindow(): BrowserWindow | null {
  return BrowserWindow.getFocusedWindow() ?? [...windows][0] ?? null;
}

function focusWindow(): void {
  const window = activeWindow();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

async function closeBackend(backend: Backend): Promise<void> {
  await backend.close().catch((error: unknown) => log.warn({ err: error }, 'backend close failed'));
}
