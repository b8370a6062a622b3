/**
 * How a failure crosses the contract. Handlers throw; the transport (IPC or the browser harness)
 * turns the error into a `WireError` the UI can show: a message an admin can act on, plus the raw
 * details (a server response, a file location) behind a toggle. Never a token.
 */
import { humanizeFieldPrefixes } from './field-labels';

/** A failure as the UI receives it. */
export interface WireError {
  /** Stable machine code, e.g. `invalid-input`, `unauthorized`, `not-found`, `internal`. */
  code: string;
  /** One or two sentences an admin can act on. */
  message: string;
  /** Raw details for the details view (server body, validation issues, file and line). */
  details: string | null;
}

/** What a transport sends back for one call. */
export type WireResult<R> = { ok: true; result: R } | { ok: false; error: WireError };

/** An error whose message is meant for the admin. */
export class ApiError extends Error {
  readonly code: string;
  readonly details: string | null;

  constructor(code: string, message: string, details: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

const TOKEN_LIKE = /(bearer\s+)[^\s"']+/gi;

/** Belt and braces: whatever a lower layer put in a message, no bearer value leaves here. */
function scrub(text: string): string {
  return text.replace(TOKEN_LIKE, '$1[redacted]');
}

/**
 * The error's own fields (HTTP status, request path, file and line, the server's raw body) as
 * text for the details view. Stack traces stay out: they help a developer, not an admin.
 */
function detailsOf(error: Error): string | null {
  const lines: string[] = [];
  let raw: string | null = null;
  for (const [key, value] of Object.entries(error)) {
    if (value === null || value === undefined || key === 'stack' || key === 'cause') continue;
    if (key === 'raw' || key === 'details') {
      raw = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
    } else if (typeof value === 'string' || typeof value === 'number') {
      lines.push(`${key}: ${value}`);
    }
  }
  if (raw) lines.push('', raw);
  return lines.length > 0 ? scrub(lines.join('\n').trim()) : null;
}

/**
 * Turns anything thrown into a `WireError`. Typed errors from the core keep their message and
 * their raw details; an unexpected error keeps its message but is marked `internal`.
 */
export function toWireError(error: unknown): WireError {
  if (error instanceof ApiError) {
    return { code: error.code, message: scrub(error.message), details: error.details };
  }
  if (error instanceof Error) {
    const code = codeOf(error);
    // Input errors from lower layers name fields by their keys ("baseUrl: …").
    const message = code.endsWith('input-error')
      ? humanizeFieldPrefixes(error.message)
      : error.message;
    return { code, message: scrub(message), details: detailsOf(error) };
  }
  return { code: 'internal', message: 'Unexpected failure.', details: scrub(String(error)) };
}

/**
 * Core errors carry their type as `kind` (SCIM), `code`, or their class name (ImportError
 * becomes `import-error`); a plain Error is `internal`.
 */
function codeOf(error: Error): string {
  const coded = error as Error & { code?: unknown; kind?: unknown };
  const kind = typeof coded.kind === 'string' ? coded.kind : coded.code;
  if (typeof kind === 'string') return kind;
  if (error.name && error.name !== 'Error') {
    return error.name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  }
  return 'internal';
}

/**
 * A rejected call crosses contextBridge or fetch as a plain Error, whose message is the only
 * field that survives. The transports put the WireError in that message behind this marker, and
 * the UI reads it back with `decodeWireError`.
 */
export const WIRE_ERROR_MARKER = 'companion-error:';

export function encodeWireError(error: WireError): string {
  return WIRE_ERROR_MARKER + JSON.stringify(error);
}

/** The WireError inside an Error message (Electron may prefix it), or null when there is none. */
export function decodeWireError(message: string): WireError | null {
  const at = message.indexOf(WIRE_ERROR_MARKER);
  if (at < 0) return null;
  try {
    const value = JSON.parse(message.slice(at + WIRE_ERROR_MARKER.length)) as Partial<WireError>;
    if (typeof value.message !== 'string') return null;
    return {
      code: typeof value.code === 'string' ? value.code : 'internal',
      message: value.message,
      details: typeof value.details === 'string' ? value.details : null,
    };
  } catch {
    return null;
  }
}

/** For a transport's client side: the result, or a thrown Error carrying the WireError. */
export function unwrapWireResult<R>(result: WireResult<R>): R {
  if (result.ok) return result.result;
  throw new Error(encodeWireError(result.error));
}
