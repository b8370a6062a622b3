/**
 * Turns Node and undici network failures into ScimErrors an admin can act on, and says which
 * of them are worth a retry (a reset connection is; a refused one or a bad certificate is not).
 */
import { ScimError } from './errors';

const RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNABORTED',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;
// What OpenSSL says when the first bytes back are not a TLS record: plain HTTP, or another
// protocol, on the port. No CA file helps there, so these are not certificate problems.
const NOT_TLS_CODES = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_UNKNOWN_PROTOCOL',
]);
const NOT_TLS_TEXT = /wrong version number|packet length too long|unknown protocol/i;

export interface NetworkFailure {
  error: ScimError;
  retryable: boolean;
}

/** The first error `code` along the `cause` chain (undici wraps socket errors). */
export function errorCode(err: unknown): string | null {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** The messages along the `cause` chain, for codes that older Node versions left generic. */
function messages(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof Error) parts.push(current.message);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(' ');
}

/** Classifies a thrown network error for a request to `baseUrl`. */
export function networkError(
  err: unknown,
  baseUrl: string,
  method: string,
  path: string,
): NetworkFailure {
  if (err instanceof ScimError) return { error: err, retryable: false };
  const host = new URL(baseUrl).host;
  const code = errorCode(err) ?? 'unknown error';
  const init = { method, path, cause: err };

  if (DNS_CODES.has(code)) {
    const error = new ScimError(
      'dns',
      `The host name ${host} could not be found (${code}). Check the spelling of the base URL, or your DNS or VPN connection.`,
      init,
    );
    return { error, retryable: false };
  }
  if (NOT_TLS_CODES.has(code) || (code === 'EPROTO' && NOT_TLS_TEXT.test(messages(err)))) {
    // Kind `unreachable`: the fix is in the base URL (scheme or port), not in the trust store.
    const url = new URL(baseUrl);
    const error = new ScimError(
      'unreachable',
      `${url.hostname} did not answer with TLS on port ${url.port || '443'} (${code}); ` +
        'something else, often plain HTTP, listens there. Check the port in the base URL, or ' +
        'use http:// if this is a local test server (plain HTTP is allowed only for localhost).',
      init,
    );
    return { error, retryable: false };
  }
  if (TLS_CODE.test(code)) {
    const error = new ScimError(
      'tls',
      `The TLS certificate of ${host} could not be verified (${code}). If your organisation uses its own certificate authority, add its CA file to the tenant; verification is never turned off.`,
      init,
    );
    return { error, retryable: false };
  }
  if (TIMEOUT_CODES.has(code)) {
    const error = new ScimError(
      'timeout',
      `${host} did not answer in time (${code}). Check the network, proxy or firewall, or try again later.`,
      init,
    );
    return { error, retryable: false };
  }
  const reset = RESET_CODES.has(code);
  const error = new ScimError(
    'unreachable',
    reset
      ? `The connection to ${host} was cut off repeatedly (${code}). Check the network or proxy and try again.`
      : `Could not connect to ${host} (${code}). Check the base URL, and that the server is reachable from this computer.`,
    init,
  );
  return { error, retryable: reset };
}
