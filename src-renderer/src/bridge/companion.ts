/** The one way the UI reaches the backend, and how its failures are shown. */
import type { Companion, WireError } from '../../../src-main/api/contract';
import { decodeWireError } from '../../../src-main/api/errors';
import { createWebCompanion } from './web';

declare global {
  interface Window {
    /** Provided by the Electron preload; absent in a plain browser. */
    companion?: Companion;
  }
}

let companion: Companion | null = null;

/** The Electron preload's `window.companion`, else the browser bridge to the web harness. */
export function api(): Companion {
  companion ??= window.companion ?? createWebCompanion();
  return companion;
}

/** Any thrown value as the admin-facing error: message, code and raw details. */
export function toUiError(error: unknown): WireError {
  const message = error instanceof Error ? error.message : String(error);
  return (
    decodeWireError(message) ?? {
      code: 'internal',
      message: message.replace(/^Error invoking remote method '[^']+': (Error: )?/, ''),
      details: null,
    }
  );
}

/** True inside the desktop app, where the main process can show native file dialogs. */
export function isDesktop(): boolean {
  return window.companion !== undefined;
}
