/**
 * The whole contract: every method the UI may call, and every event the backend may emit.
 * The renderer imports types from here only (`import type`).
 */
import type { Client } from './define';

// Each concern adds its methods in its own file under ./methods and spreads them here.
export const methods = {};

export type Methods = typeof methods;

/** Events pushed from the backend to the UI (progress, run updates). */
export interface CompanionEvent {
  type: string;
  [key: string]: unknown;
}

export type Companion = Client<Methods> & {
  /** Subscribe to backend events; returns an unsubscribe function. */
  onEvent(listener: (event: CompanionEvent) => void): () => void;
};
