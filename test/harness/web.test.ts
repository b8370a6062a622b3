/**
 * The browser harness guards the backend like the IPC layer: no session cookie, a foreign Host
 * (DNS rebinding), a foreign or missing Origin, or an input its schema refuses, and the call is
 * refused before any handler runs.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src-main/api/backend';
import { startHarness, type Harness } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  harness: Harness,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: harness.port, method, path, headers, setHost: !headers.Host },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('web harness guards', () => {
  let dir: string;
  let backend: Backend;
  let harness: Harness;
  let cookie: string;
  // Counts handler runs, to show refused calls never reach the backend.
  let listCalls = 0;

  const api = (name: string, body: unknown, extra: Record<string, string> = {}) =>
    send(
      harness,
      'POST',
      `/api/${name}`,
      {
        'Content-Type': 'application/json',
        Origin: harness.origin,
        Cookie: cookie,
        ...extra,
      },
      JSON.stringify(body),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'harness-test-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
    backend = createBackend({ dataDir: join(dir, 'data') });
    const list = backend.handlers.listTenants;
    backend.handlers.listTenants = (input) => {
      listCalls += 1;
      return list(input);
    };
    harness = await startHarness({ backend, rendererDir });

    const launch = new URL(harness.launchUrl);
    const reply = await send(harness, 'GET', launch.pathname + launch.search, {});
    expect(reply.status).toBe(303);
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    cookie = setCookie.split(';')[0]!;
  });

  afterAll(async () => {
    await harness.close();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the contract to a caller with the secret, the right Host and Origin', async () => {
    const reply = await api('listTenants', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, result: [] });
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses a second use of the launch link', async () => {
    const launch = new URL(harness.launchUrl);
    const reply = await send(harness, 'GET', launch.pathname + launch.search, {});
    expect(reply.status).toBe(403);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('tells a browser opening a used launch link what to do, in a page', async () => {
    const launch = new URL(harness.launchUrl);
    const reply = await send(harness, 'GET', launch.pathname + launch.search, {
      Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    });
    expect(reply.status).toBe(403);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.headers['set-cookie']).toBeUndefined();
    expect(reply.body).toMatch(/^<!doctype html>/);
    expect(reply.body).toContain(
      'This launch link was already used. Start <code>npm run web</code> again, ' +
        'or use the window already open.',
    );
    expect(reply.body).not.toContain('"ok"');

    const api = await send(harness, 'GET', launch.pathname + launch.search, {});
    expect(api.headers['content-type']).toBe('application/json');
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('tells a browser visit without the session what to do, and keeps JSON for calls', async () => {
    const html = { Accept: 'text/html,*/*;q=0.8' };
    for (const headers of [html, { ...html, Cookie: 'companion_session=guess' }]) {
      const page = await send(harness, 'GET', '/users', headers);
      expect(page.status).toBe(401);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('one-time launch link that <code>npm run web</code> printed');
      expect(page.body).not.toContain('<title>app</title>');
    }

    const stream = await send(harness, 'GET', '/api/events', { Accept: 'text/event-stream' });
    expect(stream.status).toBe(401);
    expect(stream.headers['content-type']).toBe('application/json');
    const call = await api('listTenants', {}, { Cookie: '', ...html });
    expect(call.status).toBe(401);
    expect(JSON.parse(call.body)).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('refuses calls, pages and the event stream without the secret', async () => {
    const before = listCalls;
    expect((await api('listTenants', {}, { Cookie: '' })).status).toBe(401);
    expect((await api('listTenants', {}, { Cookie: 'companion_session=guess' })).status).toBe(401);
    expect((await send(harness, 'GET', '/', {})).status).toBe(401);
    expect((await send(harness, 'GET', '/api/events', {})).status).toBe(401);
    expect(listCalls).toBe(before);
  });

  it('refuses a foreign Host even with the secret (DNS rebinding)', async () => {
    const before = listCalls;
    const reply = await api('listTenants', {}, { Host: `attacker.example:${harness.port}` });
    expect(reply.status).toBe(421);
    const page = await send(harness, 'GET', '/', { Host: 'attacker.example', Cookie: cookie });
    expect(page.status).toBe(421);
    expect(listCalls).toBe(before);
  });

  it('refuses a foreign Origin, a cross-site fetch and a POST without Origin', async () => {
    const before = listCalls;
    expect((await api('listTenants', {}, { Origin: 'http://attacker.example' })).status).toBe(403);
    expect((await api('listTenants', {}, { Origin: 'null' })).status).toBe(403);
    expect((await api('listTenants', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const noOrigin = await send(
      harness,
      'POST',
      '/api/listTenants',
      { 'Content-Type': 'application/json', Cookie: cookie },
      '{}',
    );
    expect(noOrigin.status).toBe(403);
    expect(listCalls).toBe(before);
  });

  it('refuses an input its schema rejects, naming the field', async () => {
    const wrongType = await api('getSnapshot', { tenantId: 42 });
    expect(wrongType.status).toBe(400);
    const body = JSON.parse(wrongType.body) as {
      ok: boolean;
      error: { code: string; details: string };
    };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid-input');
    expect(body.error.details).toContain('tenantId');

    const before = listCalls;
    const extraKey = await api('listTenants', { sneaky: true });
    expect(extraKey.status).toBe(400);
    expect(listCalls).toBe(before);

    const badUrl = await api('addTenant', { name: 'x', baseUrl: 'ftp://x', token: 't' });
    expect(badUrl.status).toBe(400);
  });

  it('refuses unknown methods, prototype names and non-JSON bodies', async () => {
    expect((await api('__proto__', {})).status).toBe(404);
    expect((await api('constructor', {})).status).toBe(404);
    expect((await api('noSuchMethod', {})).status).toBe(404);
    const text = await api('listTenants', {}, { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
  });

  it('does not serve files outside the renderer', async () => {
    const reply = await send(harness, 'GET', '/..%2f..%2fdata/tenants.json', { Cookie: cookie });
    expect(reply.body).not.toContain('tenants');
    expect(reply.body).toContain('<title>app</title>');
  });
});
