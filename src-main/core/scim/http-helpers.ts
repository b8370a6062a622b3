/**
 * Small pieces of the transport: response headers, Retry-After, an abortable sleep and the
 * tenant's CA file.
 */
import { readFileSync } from 'node:fs';
import { ScimError } from './errors';

export interface ScimResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  contentType: string;
  text: string;
  /** Parsed body; undefined when the body was empty. */
  json: unknown;
}

export function toResponse(
  status: number,
  rawHeaders: Record<string, string | string[] | undefined>,
  text: string,
): ScimResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawHeaders)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return { status, headers, contentType: headers['content-type'] ?? '', text, json: undefined };
}

/** `Retry-After` as milliseconds from now: delay-seconds or an HTTP date; null when absent. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

export function cancelled(method: string, path: string): ScimError {
  return new ScimError('cancelled', 'Cancelled.', { method, path });
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ScimError('cancelled', 'Cancelled.'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ScimError('cancelled', 'Cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function readCaFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ScimError(
      'tls',
      `The CA file ${file} could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}). Choose the PEM file of your organisation's certificate authority again.`,
    );
  }
}
