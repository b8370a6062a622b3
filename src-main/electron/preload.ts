/**
 * The preload: sandboxed, context-isolated, built as CommonJS. It exposes `window.companion`
 * with one function per contract method (names fixed at build time from the contract, since a
 * sandboxed preload cannot load the app's modules) and `onEvent`. Nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildCompanionBridge } from './preload-api';

declare const __COMPANION_METHODS__: readonly string[];

contextBridge.exposeInMainWorld(
  'companion',
  buildCompanionBridge(ipcRenderer, __COMPANION_METHODS__),
);
