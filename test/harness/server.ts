/**
 * The browser harness: the built renderer and the contract over HTTP on 127.0.0.1, for running
 * the real UI in a plain browser (the Electron binary cannot be downloaded on the build machines).
 *
 * It guards the backend like the IPC layer does: a per-run secret (handed over once through a
 * launch URL and kept in an HttpOnly, SameSite=Strict cookie), Host and Origin checks against
 * DNS rebinding and other sites, and every input validated by its method's zod schema.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { methods } from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import type { Backend } from '../../src-main/api/backend';

export interface HarnessOptions {
  backend: Backend;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** Land on the demo tenant after the launch link (what `npm run web` does). */
  openDemo?: boolean;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface Harness {
  /** Open this once: it sets the session cookie and redirects to the app. */
  launchUrl: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

const COOKIE = 'companion_session';
// Large enough for a big export sent as base64, small enough not to exhaust memory by accident.
const MAX_BODY_BYTES = 200 * 1024 * 1024;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Starts the harness on 127.0.0.1. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const secret = randomBytes(32).toString('base64url');
  let launchCode: string | null = randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const streams = new Set<ServerResponse>();
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  function hasSecret(req: IncomingMessage): boolean {
    const presented = cookieValue(req.headers.cookie, COOKIE);
    if (!presented) return false;
    const a = Buffer.from(presented);
    const b = Buffer.from(secret);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    secureHeaders(res);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    // DNS rebinding: a foreign name resolving to 127.0.0.1 arrives with its own Host.
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 421, 'Unexpected Host.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      return refuse(res, 403, 'Foreign Origin.');
    }
    if (req.headers['sec-fetch-site'] === 'cross-site')
      return refuse(res, 403, 'Cross-site request.');

    if (url.pathname === '/launch') return launch(url, req, res);
    if (!hasSecret(req)) {
      if (isNavigation(req, url)) {
        return refusePage(res, 401, 'No session in this browser', [
          'This page opens only through the one-time launch link that `npm run web` printed. ' +
            'Open that link, or start `npm run web` again for a new one.',
          'A restarted `npm run web` ends the sessions of the last run: a window left open ' +
            'from it needs the new link.',
        ]);
      }
      return refuse(res, 401, 'Open the URL printed by `npm run web` to start a session.');
    }

    if (url.pathname === '/api/events' && req.method === 'GET') return openStream(res);
    if (url.pathname.startsWith('/api/')) {
      // Browsers always send Origin on a POST; its absence means a non-browser or a trick.
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
      if (origin === undefined) return refuse(res, 403, 'Missing Origin.');
      return call(url.pathname.slice('/api/'.length), req, res);
    }
    if (req.method !== 'GET') return refuse(res, 405, 'Use GET.');
    return serveFile(url.pathname, res);
  }

  function launch(url: URL, req: IncomingMessage, res: ServerResponse): void {
    const code = url.searchParams.get('code');
    if (!launchCode || !code || code !== launchCode) {
      if (isNavigation(req, url)) {
        return refusePage(res, 403, 'Launch link already used', [
          'This launch link was already used. ' +
            'Start `npm run web` again, or use the window already open.',
          'A launch link works once: it hands this run’s secret to the first browser that ' +
            'opens it, and no other.',
        ]);
      }
      return refuse(res, 403, 'This launch link was already used. Restart `npm run web`.');
    }
    launchCode = null;
    res.setHeader('Set-Cookie', `${COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`);
    res.writeHead(303, { Location: options.openDemo ? '/?open=demo' : '/' }).end();
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  async function call(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, 'Send application/json.');
    }
    let input: unknown;
    try {
      input = JSON.parse((await readBody(req)).toString('utf8'));
    } catch (error) {
      return refuse(res, 400, error instanceof BodyTooLarge ? error.message : 'Invalid JSON.');
    }

    const outcome = await dispatch(methods, options.backend.handlers, name, input);
    const status = outcome.ok
      ? 200
      : outcome.error.code === 'invalid-input'
        ? 400
        : outcome.error.code === 'unknown-method'
          ? 404
          : 200;
    sendJson(res, status, outcome);
  }

  async function serveFile(pathname: string, res: ServerResponse): Promise<void> {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = join(rendererDir, relative || 'index.html');
    if (!file.startsWith(rendererDir + sep) && file !== rendererDir) {
      return refuse(res, 404, 'Not found.');
    }
    if (!(await isFile(file))) file = join(rendererDir, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  }

  const unsubscribe = options.backend.events.on((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'The harness failed to answer.');
      else res.end();
    });
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ready());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    launchUrl: `${origin}/launch?code=${launchCode}`,
    origin,
    port,
    async close() {
      unsubscribe();
      clearInterval(keepAlive);
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge('The request is larger than 200 MB.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function secureHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** A browser opening a page (not the app's calls, nor its event stream): it reads HTML. */
function isNavigation(req: IncomingMessage, url: URL): boolean {
  return (
    req.method === 'GET' &&
    !url.pathname.startsWith('/api/') &&
    (req.headers.accept ?? '').includes('text/html')
  );
}

/** A refusal a person reads in the browser tab: what happened and what to do. */
function refusePage(res: ServerResponse, status: number, title: string, lines: string[]): void {
  const paragraphs = lines.map((line) => `<p>${withCode(escapeHtml(line))}</p>`).join('\n');
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(
    '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8">' +
      `<title>SCIM Companion: ${escapeHtml(title)}</title></head>\n` +
      `<body>\n<h1>${escapeHtml(title)}</h1>\n${paragraphs}\n</body>\n</html>\n`,
  );
}

/** `npm run web` in backquotes becomes code. */
function withCode(html: string): string {
  return html.replace(/`([^`]+)`/g, '<code>$1</code>');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { ok: false, error: { code: 'refused', message, details: null } });
}
