/**
 * The contract over IPC: one `ipcMain.handle` per method, each checking the sender, validating
 * the input with the method's zod schema (through the shared `dispatch`) and answering with a
 * `WireResult`, whose error carries a code, a message and details, never a stack or a token.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { CompanionEvent } from '../api/contract';
import type { AnyMethods, Handlers } from '../api/define';
import { dispatch } from '../api/dispatch';
import type { WireResult } from '../api/errors';
import { log } from '../core/log';
import { EVENT_CHANNEL, methodChannel } from './channels';
import { isTrustedPageUrl, type RendererTarget } from './trust';

/** What a refused sender gets back: no hint about what the method would have done. */
const REFUSED: WireResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This window may not call the app backend.', details: null },
};

/**
 * Registers every method of the contract. `isTrusted` decides per call whether the sender is
 * one of our windows showing our page. Returns a function that removes the handlers again.
 */
export function registerContract<T extends AnyMethods>(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  methods: T,
  handlers: Handlers<T>,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  const names = Object.keys(methods);
  for (const name of names) {
    ipcMain.handle(methodChannel(name), async (event, input: unknown) => {
      if (!isTrusted(event)) {
        log.warn({ method: name, from: event.senderFrame?.url ?? 'unknown' }, 'IPC call refused');
        return REFUSED;
      }
      return dispatch(methods, handlers, name, input);
    });
  }
  return () => names.forEach((name) => ipcMain.removeHandler(methodChannel(name)));
}

/** Sends an event to each of our windows that still shows our page. */
export function sendToWindows(
  windows: Iterable<BrowserWindow>,
  target: RendererTarget,
  event: CompanionEvent,
): void {
  for (const window of windows) {
    if (window.isDestroyed()) continue;
    if (!isTrustedPageUrl(window.webContents.getURL(), target)) continue;
    window.webContents.send(EVENT_CHANNEL, event);
  }
}

/** Forwards backend events to our windows; returns the backend's unsubscribe function. */
export function forwardEvents(
  subscribe: (listener: (event: CompanionEvent) => void) => () => void,
  windows: () => Iterable<BrowserWindow>,
  target: RendererTarget,
): () => void {
  return subscribe((event) => sendToWindows(windows(), target, event));
}
