/**
 * What the preload exposes as `window.companion`: one named function per contract method and
 * `onEvent`. Kept apart from `preload.ts` so the unit tests can build it with a fake
 * `ipcRenderer`. The page never gets `ipcRenderer` itself, nor any IPC event object.
 */
import type { CompanionEvent } from '../api/contract';
import { unwrapWireResult, type WireResult } from '../api/errors';
import { EVENT_CHANNEL, methodChannel } from './channels';

/** The part of `ipcRenderer` the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export type CompanionBridge = Record<string, (input?: unknown) => Promise<unknown>> & {
  onEvent(listener: (event: CompanionEvent) => void): () => void;
};

/** Builds the bridge object for the given method names. */
export function buildCompanionBridge(
  ipc: BridgeIpc,
  methodNames: readonly string[],
): CompanionBridge {
  const bridge: Record<string, unknown> = Object.create(null) as Record<string, unknown>;

  for (const name of methodNames) {
    if (name === 'onEvent' || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
      throw new Error(`"${name}" cannot be a contract method name.`);
    }
    const channel = methodChannel(name);
    // Only the input crosses: the page cannot choose the channel or add arguments.
    bridge[name] = async (input?: unknown) =>
      unwrapWireResult((await ipc.invoke(channel, input ?? {})) as WireResult<unknown>);
  }

  bridge.onEvent = (listener: (event: CompanionEvent) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function.');
    const forward = (_event: unknown, payload: unknown) => listener(payload as CompanionEvent);
    ipc.on(EVENT_CHANNEL, forward);
    return () => {
      ipc.removeListener(EVENT_CHANNEL, forward);
    };
  };

  return Object.freeze(bridge) as CompanionBridge;
}
