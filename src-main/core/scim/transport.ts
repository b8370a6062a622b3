/**
 * HTTP for the SCIM client, on undici: keep-alive connections, connect/headers/body timeouts, a
 * bound on response size, bounded retries for throttling and resets, content-type negotiation.
 * It attaches the token and is the only place that sees it; errors and logs never carry it.
 */
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { log } from '../log';
import { ScimError, errorFromResponse, looksLikeHtml } from './errors';
import { networkError } from './network-errors';
import { RequestLog } from './request-log';
import { joinUrl } from './url';
import {
  cancelled,
  parseRetryAfter,
  readCaFile,
  sleep,
  toResponse,
  type ScimResponse,
} from './http-helpers';

export { parseRetryAfter, type ScimResponse } from './http-helpers';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited out: the request fails as throttled. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export interface TransportOptions {
  /** Already normalised (see `normaliseBaseUrl`). */
  baseUrl: string;
  token: string;
  caFile?: string;
  /** Connections kept to the server. */
  connections?: number;
  /** Per attempt: connect, headers and gap-between-body-chunks timeout, and the whole attempt. */
  timeoutMs?: number;
  maxResponseBytes?: number;
  retry?: Partial<RetryPolicy>;
  requestLog?: RequestLog;
}

export interface RequestOptions {
  /** JSON-serialisable body; sent as `application/scim+json`. */
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Statuses handed back to the caller instead of thrown (e.g. 404 when checking a delete). */
  acceptStatus?: readonly number[];
  /** Called before each retry (for progress counters). */
  onRetry?: () => void;
}

const SCIM_JSON = 'application/scim+json';
const PLAIN_JSON = 'application/json';
const RAW_KEEP = 64 * 1024;

/** One transport per tenant client; `close()` ends its connections. */
export class ScimTransport {
  readonly baseUrl: string;
  private readonly token: string;
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly retry: RetryPolicy;
  private readonly requestLog: RequestLog | undefined;
  private readonly origin: string;
  private readonly basePath: string;
  // Switched once, for the life of the client, when the server refuses SCIM's media type.
  private mediaType = SCIM_JSON;
  private fallbackTried = false;

  constructor(opts: TransportOptions) {
    this.baseUrl = opts.baseUrl;
    this.token = opts.token;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxResponseBytes = opts.maxResponseBytes ?? 64 * 1024 * 1024;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.requestLog = opts.requestLog;
    const url = new URL(opts.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.agent = new Agent({
      connections: opts.connections ?? 8,
      keepAliveTimeout: 10_000,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      // The system roots plus the tenant's own CA: verification stays on either way.
      connect: {
        timeout: Math.min(this.timeoutMs, 15_000),
        ...(opts.caFile ? { ca: [...rootCertificates, readCaFile(opts.caFile)] } : {}),
      },
    });
  }

  /** Sends a request below the base URL (`path` starts with `/`), with retries. */
  async request(method: string, path: string, opts: RequestOptions = {}): Promise<ScimResponse> {
    const started = Date.now();
    let retries = 0;
    let lastStatus: number | null | undefined;
    try {
      for (let attempt = 0; ; attempt++) {
        const outcome = await this.attempt(method, path, opts);
        lastStatus = outcome.kind === 'response' ? outcome.response.status : null;
        const wait = this.retryDelay(method, outcome, attempt, path);
        if (wait === null) {
          const response = this.finish(method, path, outcome, opts);
          this.record(method, path, response.status, started, retries, null);
          return response;
        }
        retries++;
        opts.onRetry?.();
        log.debug({ method, path, status: lastStatus, waitMs: wait }, 'scim retry');
        await sleep(wait, opts.signal);
      }
    } catch (err) {
      const error = this.asScimError(err, method, path, opts.signal);
      this.record(method, path, error.status ?? lastStatus ?? null, started, retries, error.kind);
      throw error;
    }
  }

  /** GET and parse; throws for any non-2xx answer not in `acceptStatus`. */
  get(path: string, opts: RequestOptions = {}): Promise<ScimResponse> {
    return this.request('GET', path, opts);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async attempt(method: string, path: string, opts: RequestOptions): Promise<Outcome> {
    if (opts.signal?.aborted) throw cancelled(method, path);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: this.mediaType === SCIM_JSON ? `${SCIM_JSON}, ${PLAIN_JSON}` : PLAIN_JSON,
      ...opts.headers,
    };
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = this.mediaType;
    }
    try {
      const res = await this.agent.request({
        origin: this.origin,
        path: this.basePath + (path.startsWith('/') ? path : `/${path}`),
        method: method as 'GET',
        headers,
        body,
        signal,
      });
      const text = await this.readBody(res.body, method, path, res.headers['content-length']);
      return { kind: 'response', response: toResponse(res.statusCode, res.headers, text) };
    } catch (err) {
      if (opts.signal?.aborted) throw cancelled(method, path);
      if (timeout.aborted) throw this.timedOut(method, path);
      return { kind: 'network', error: err };
    }
  }

  private async readBody(
    body: AsyncIterable<Buffer> & { destroy(err?: Error): void },
    method: string,
    path: string,
    declared: string | string[] | undefined,
  ): Promise<string> {
    if (declared !== undefined && Number(declared) > this.maxResponseBytes) {
      body.destroy();
      throw this.tooLarge(method, path);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > this.maxResponseBytes) {
        body.destroy();
        throw this.tooLarge(method, path);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size).toString('utf8');
  }

  /** Milliseconds to wait before retrying, or null when the outcome is final. */
  private retryDelay(method: string, outcome: Outcome, attempt: number, path: string) {
    if (outcome.kind === 'network') {
      const net = networkError(outcome.error, this.baseUrl, method, path);
      // A reset POST may have created the object: never send it twice.
      if (!net.retryable || method === 'POST' || attempt >= this.retry.maxRetries) throw net.error;
      return this.backoff(attempt);
    }
    const { status, headers, text } = outcome.response;
    if ((status === 406 || status === 415) && !this.fallbackTried) {
      this.fallbackTried = true;
      this.mediaType = this.mediaType === SCIM_JSON ? PLAIN_JSON : SCIM_JSON;
      return 0;
    }
    const throttled =
      status === 429 ||
      status === 503 ||
      (status === 500 && /throttl|rate.?limit|too many requests/i.test(text));
    if (!throttled || attempt >= this.retry.maxRetries) return null;
    const after = parseRetryAfter(headers['retry-after']);
    if (after !== null && after > this.retry.maxRetryAfterMs) {
      throw new ScimError(
        'throttled',
        `The server asks to wait ${Math.ceil(after / 60_000)} minute(s) before the next request (${status}). Try again later.`,
        { status, method, path, raw: this.keepRaw(text) },
      );
    }
    return after ?? this.backoff(attempt);
  }

  private backoff(attempt: number): number {
    const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    return Math.round(exp * (0.5 + Math.random() * 0.5));
  }

  private finish(method: string, path: string, outcome: Outcome, opts: RequestOptions) {
    if (outcome.kind === 'network') throw outcome.error;
    const res = outcome.response;
    const ok = res.status >= 200 && res.status < 300;
    if (res.status >= 300 && res.status < 400) throw redirected(method, path, res);
    if (!ok && !opts.acceptStatus?.includes(res.status)) {
      throw errorFromResponse(res.status, method, path, this.keepRaw(res.text), res.contentType);
    }
    if (!ok) return res;
    if (res.text.trim() === '') return res;
    if (looksLikeHtml(res.text, res.contentType)) {
      throw new ScimError(
        'not-scim',
        `The server answered ${method} ${path.split('?')[0]} with a web page, not SCIM JSON. Check that the base URL ends at the SCIM root (for example https://tenant.example.com/scim/v2).`,
        { status: res.status, method, path, raw: this.keepRaw(res.text) },
      );
    }
    try {
      res.json = JSON.parse(res.text);
    } catch {
      throw new ScimError(
        'not-scim',
        `The server's answer to ${method} ${path.split('?')[0]} is not JSON (${res.contentType || 'no content type'}). Check the base URL.`,
        { status: res.status, method, path, raw: this.keepRaw(res.text) },
      );
    }
    return res;
  }

  private asScimError(err: unknown, method: string, path: string, signal?: AbortSignal) {
    if (err instanceof ScimError) return err;
    if (signal?.aborted) return cancelled(method, path);
    return networkError(err, this.baseUrl, method, path).error;
  }

  private record(
    method: string,
    path: string,
    status: number | null,
    started: number,
    retries: number,
    error: string | null,
  ): void {
    const durationMs = Date.now() - started;
    log.debug({ method, path, status, durationMs, retries }, 'scim request');
    this.requestLog?.add({
      at: new Date(started).toISOString(),
      method,
      path,
      status,
      durationMs,
      retries,
      error,
    });
  }

  /**
   * A response body as kept for a details view: token removed, then capped. Every raw body the
   * client keeps goes through here. Scrubbing first means a cut cannot leave half a token.
   */
  keepRaw(text: string): string | null {
    if (text === '') return null;
    const clean = this.scrub(text);
    return clean.length > RAW_KEEP ? clean.slice(0, RAW_KEEP) + '…' : clean;
  }

  // A misbehaving server could echo the Authorization header back in an error body.
  private scrub(text: string): string {
    return this.token.length >= 4 ? text.split(this.token).join('[token removed]') : text;
  }

  private timedOut(method: string, path: string): ScimError {
    return new ScimError(
      'timeout',
      `The server did not finish answering ${method} ${path.split('?')[0]} within ${Math.round(this.timeoutMs / 1000)} seconds. It may be overloaded; try again later.`,
      { method, path },
    );
  }

  private tooLarge(method: string, path: string): ScimError {
    return new ScimError(
      'too-large',
      `The answer to ${method} ${path.split('?')[0]} is larger than ${Math.round(this.maxResponseBytes / 1048576)} MB, the most this app reads in one response.`,
      { method, path },
    );
  }

  /** Full URL for display (previews, messages). */
  url(path: string): string {
    return joinUrl(this.baseUrl, path);
  }
}

/** Redirects are never followed: the token must only ever go to the base URL's host. */
function redirected(method: string, path: string, res: ScimResponse): ScimError {
  const target = res.headers.location ?? 'another address';
  return new ScimError(
    'invalid-url',
    `The server redirects ${method} ${path.split('?')[0]} to ${target} (${res.status}). Use the final address as the base URL; the app does not follow redirects, so the token is never sent elsewhere.`,
    { status: res.status, method, path },
  );
}

type Outcome = { kind: 'response'; response: ScimResponse } | { kind: 'network'; error: unknown };
