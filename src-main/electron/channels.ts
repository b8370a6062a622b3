/**
 * IPC channel names, shared by the main process and the preload. No `electron` import here: the
 * preload bundles this file, and the unit tests read it directly.
 */

/** The prefix of every contract method's channel: `companion:call:<method>`. */
export const METHOD_CHANNEL_PREFIX = 'companion:call:';

/** Backend events (progress, run updates) pushed to the renderer. */
export const EVENT_CHANNEL = 'companion:event';

/** The channel of one contract method. */
export function methodChannel(method: string): string {
  return METHOD_CHANNEL_PREFIX + method;
}
