/**
 * The one error type of the SCIM client. The HTTP status is the truth; the server's body is kept
 * raw (capped, token scrubbed) for a details view, and the message says what the admin can do.
 */

export type ScimErrorKind =
  | 'invalid-url'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'unreachable'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'not-scim'
  | 'throttled'
  | 'server'
  | 'bad-request'
  | 'conflict'
  | 'precondition-failed'
  | 'unsupported'
  | 'too-large'
  | 'cancelled'
  | 'verification-failed';

export interface ScimErrorInit {
  status?: number | null;
  raw?: string | null;
  method?: string | null;
  path?: string | null;
  scimType?: string | null;
  detail?: string | null;
  cause?: unknown;
}

/** A failed SCIM exchange, typed by what went wrong, with a message an admin can act on. */
export class ScimError extends Error {
  readonly kind: ScimErrorKind;
  /** HTTP status when the server answered, else null. */
  readonly status: number | null;
  /** The body as received (capped), for a details view. Never holds the token. */
  readonly raw: string | null;
  readonly method: string | null;
  /** Request path below the base URL, with query. */
  readonly path: string | null;
  /** SCIM `scimType` (e.g. `invalidFilter`) when the body had one. */
  readonly scimType: string | null;
  /** The server's own `detail` text when the body had one. */
  readonly detail: string | null;

  constructor(kind: ScimErrorKind, message: string, init: ScimErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ScimError';
    this.kind = kind;
    this.status = init.status ?? null;
    this.raw = init.raw ?? null;
    this.method = init.method ?? null;
    this.path = init.path ?? null;
    this.scimType = init.scimType ?? null;
    this.detail = init.detail ?? null;
  }
}

/** The useful parts of a SCIM error body, whatever shape the server chose. */
export interface ParsedErrorBody {
  status: number | null;
  scimType: string | null;
  detail: string | null;
}

/**
 * Reads `status` (string, number or missing), `scimType` and `detail` from an error body, also
 * from common non-SCIM shapes (`{error: {message}}`, `{message}`, `{errors: [...]}`).
 */
export function parseErrorBody(text: string | null): ParsedErrorBody {
  const out: ParsedErrorBody = { status: null, scimType: null, detail: null };
  if (!text) return out;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return out;
  }
  if (Array.isArray(body)) body = body[0];
  if (!isRecord(body)) return out;

  const status = body.status;
  if (typeof status === 'number' && Number.isFinite(status)) out.status = status;
  if (typeof status === 'string' && /^\d{3}$/.test(status.trim())) out.status = Number(status);
  if (typeof body.scimType === 'string') out.scimType = body.scimType;

  const nested = isRecord(body.error) ? body.error : null;
  const firstError = Array.isArray(body.errors) && isRecord(body.errors[0]) ? body.errors[0] : null;
  const detail = [
    body.detail,
    body.message,
    typeof body.error === 'string' ? body.error : undefined,
    body.error_description,
    nested?.message,
    nested?.detail,
    firstError?.message,
    firstError?.detail,
  ].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (detail) out.detail = detail.trim().slice(0, 500);
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function what(method: string, path: string): string {
  return `${method} ${path.split('?')[0]}`;
}

/** Builds the error for an HTTP answer the client will not retry. */
export function errorFromResponse(
  status: number,
  method: string,
  path: string,
  raw: string | null,
  contentType: string,
): ScimError {
  const parsed = parseErrorBody(raw);
  // The HTTP status wins over whatever `status` the body claims.
  const init: ScimErrorInit = {
    status,
    raw,
    method,
    path,
    scimType: parsed.scimType,
    detail: parsed.detail,
  };
  const said = parsed.detail ? ` The server said: "${parsed.detail}"` : '';
  const req = what(method, path);

  if (status === 401) {
    return new ScimError(
      'unauthorized',
      'VaultOne refused the token (401). It may have expired or been revoked: create a new integration token and paste it again.',
      init,
    );
  }
  if (status === 403) {
    return new ScimError(
      'forbidden',
      `The server accepted the token but refused ${req} (403). Check that the integration token is allowed to manage users and groups.${said}`,
      init,
    );
  }
  if (status === 404) {
    return new ScimError(
      'not-found',
      `The server has nothing at ${req} (404).${looksLikeHtml(raw, contentType) ? ' The answer was a web page, not SCIM: check that the base URL ends at the SCIM root (for example https://tenant.example.com/scim/v2).' : said}`,
      init,
    );
  }
  if (status === 405 || status === 501) {
    return new ScimError(
      'unsupported',
      `The server does not support ${req} (${status}).${said}`,
      init,
    );
  }
  if (status === 409) {
    return new ScimError(
      'conflict',
      `The server reported a conflict for ${req} (409).${said}`,
      init,
    );
  }
  if (status === 412) {
    return new ScimError(
      'precondition-failed',
      `The object changed on the server since it was read (412). Take a new snapshot and try again.${said}`,
      init,
    );
  }
  if (status === 413) {
    return new ScimError('too-large', `The server found the request too large (413).${said}`, init);
  }
  if (status === 429) {
    return new ScimError(
      'throttled',
      'The server kept throttling requests (429) after several retries. Wait a few minutes and try again, or lower the concurrency.',
      init,
    );
  }
  if (status >= 500) {
    return new ScimError(
      'server',
      `The server failed on ${req} (${status}). Try again later; if it persists, send the details to the service provider.${said}`,
      init,
    );
  }
  return new ScimError('bad-request', `The server rejected ${req} (${status}).${said}`, init);
}

export function looksLikeHtml(raw: string | null, contentType: string): boolean {
  if (/html/i.test(contentType)) return true;
  return raw !== null && /^\s*<(!doctype|html|head|body)/i.test(raw);
}

/** True for an error body that is SCIM-shaped (a JSON object naming the SCIM error schema). */
export function isScimErrorBody(raw: string | null): boolean {
  if (!raw) return false;
  try {
    const body: unknown = JSON.parse(raw);
    if (!isRecord(body)) return false;
    const schemas = body.schemas;
    if (Array.isArray(schemas) && schemas.some((s) => String(s).includes('scim'))) return true;
    return 'status' in body && ('detail' in body || 'scimType' in body);
  } catch {
    return false;
  }
}
