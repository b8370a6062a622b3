/**
 * Which page the shell trusts: the bundled renderer (`file://.../renderer/index.html`), or the
 * Vite dev server while developing. IPC from any other page, frame or window is refused.
 */
import { pathToFileURL } from 'node:url';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';

/** Where the renderer is loaded from. */
export type RendererTarget = { kind: 'file'; path: string } | { kind: 'dev-server'; url: string };

/**
 * The bundled renderer, or the dev server when electron-vite runs in dev mode. The dev server is
 * honoured only in an unpackaged app, so a packaged build cannot be pointed elsewhere by env.
 */
export function rendererTarget(
  rendererHtml: string,
  isPackaged: boolean,
  env: NodeJS.ProcessEnv = process.env,
): RendererTarget {
  const devUrl = env.ELECTRON_RENDERER_URL;
  if (!isPackaged && devUrl && URL.canParse(devUrl)) return { kind: 'dev-server', url: devUrl };
  return { kind: 'file', path: rendererHtml };
}

/**
 * True when `url` is the trusted renderer page itself. For the bundled page, the exact file
 * (query and hash ignored); for the dev server, its origin.
 */
export function isTrustedPageUrl(url: string, target: RendererTarget): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  if (target.kind === 'dev-server') return parsed.origin === new URL(target.url).origin;

  const expected = pathToFileURL(target.path);
  return parsed.protocol === 'file:' && parsed.pathname === expected.pathname && !parsed.host;
}

/**
 * True when an IPC call comes from the main frame of one of our windows, showing our page.
 * A subframe, a foreign window or a page navigated elsewhere is refused.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  windows: Iterable<BrowserWindow>,
  target: RendererTarget,
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;

  const ours = [...windows].some(
    (window) => !window.isDestroyed() && window.webContents === event.sender,
  );
  if (!ours) return false;

  return isTrustedPageUrl(frame.url, target);
}
