/**
 * Transport quirks: throttling, failures, slow bodies, resets, media types, error shapes,
 * discovery gaps and TLS. Each test would fail against a client without the handling.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createScimClient, ScimError } from '../../src-main/core/scim';
import { startQuirkServer } from '../servers/quirk-server';
import { closeAll, withQuirks } from './quirk-harness';

afterEach(closeAll);

const TLS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'tls');

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a ScimError');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(ScimError);
      return e as ScimError;
    },
  );

describe('throttling and failures', () => {
  it('rides out a 429 storm honouring Retry-After, and counts the retries', async () => {
    const { server, client } = await withQuirks({});
    await client.discover();
    server.quirks.throttle = { count: 4, status: 429, retryAfter: '0' };
    let retries = 0;
    const snapshot = await client.snapshot({ onProgress: (p) => (retries = p.retries) });
    expect(snapshot.complete).toBe(true);
    expect(retries).toBe(4);
    const logged = client.requestLog.entries().reduce((n, e) => n + e.retries, 0);
    expect(logged).toBe(4);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    const { server, client } = await withQuirks({
      throttle: { count: 2, status: 429, retryAfter: past, match: '/Users/' },
    });
    expect((await client.getUser('u000001'))?.id).toBe('u000001');
    expect(server.count('GET', '/Users/u000001')).toBe(3);
  });

  it('gives up after a bounded number of retries', async () => {
    const { server, client } = await withQuirks({
      throttle: { count: 1000, status: 429, retryAfter: '0', match: '/Users/' },
    });
    const error = await failure(client.getUser('u000001'));
    expect(error.kind).toBe('throttled');
    expect(error.message).toMatch(/lower the concurrency|try again/i);
    expect(server.count('GET', '/Users/u000001')).toBe(6);
  });

  it('does not wait out a Retry-After of an hour', async () => {
    const { server, client } = await withQuirks({
      throttle: { count: 10, status: 429, retryAfter: '3600', match: '/Users/' },
    });
    const error = await failure(client.getUser('u000001'));
    expect(error.kind).toBe('throttled');
    expect(error.message).toMatch(/60 minute/);
    expect(server.count('GET', '/Users/u000001')).toBe(1);
  });

  it.each([503, 500] as const)('retries a %i that means throttling', async (status) => {
    const { server, client } = await withQuirks({
      throttle: { count: 2, status, retryAfter: null, match: '/Users/' },
    });
    expect((await client.getUser('u000002'))?.id).toBe('u000002');
    expect(server.count('GET', '/Users/u000002')).toBe(3);
  });

  it('does not retry a plain 500, and keeps the raw body for details', async () => {
    const { server, client } = await withQuirks({
      failNext: { count: 1, status: 500, match: '/Users/' },
      errorStatus: 'number',
    });
    const error = await failure(client.getUser('u000002'));
    expect(error.kind).toBe('server');
    expect(error.raw).toContain('Internal error');
    expect(server.count('GET', '/Users/u000002')).toBe(1);
  });

  it('retries a GET after connection resets but never re-sends a POST', async () => {
    const { server, client } = await withQuirks({});
    await client.discover();
    server.quirks.resetNext = 2;
    expect((await client.getUser('u000003'))?.id).toBe('u000003');
    expect(server.count('GET', '/Users/u000003')).toBe(3);

    server.quirks.resetNext = 1;
    const error = await failure(
      client.createGroup({ displayName: 'Once', externalId: null, members: [] }),
    );
    expect(error.kind).toBe('unreachable');
    expect(server.count('POST', '/Groups')).toBe(1);
  });
});

describe('slow bodies and timeouts', () => {
  it('fails with a timeout when a body stalls longer than allowed', async () => {
    const { client } = await withQuirks({ slowBodyMs: 1500 }, undefined, { timeoutMs: 300 });
    const error = await failure(client.discover());
    expect(error.kind).toBe('timeout');
  });

  it('reads a slow body that stays within the timeout', async () => {
    const { client } = await withQuirks({ slowBodyMs: 20 }, undefined, { timeoutMs: 10_000 });
    expect((await client.getUser('u000004'))?.id).toBe('u000004');
  });
});

describe('media types and error shapes', () => {
  it('switches to application/json after a 415 and the write goes through', async () => {
    const { server, client } = await withQuirks({ rejectScimContentType: true });
    await client.deactivateUser('u000005');
    expect(server.state.users.get('u000005')?.active).toBe(false);
    expect(server.count('PATCH', '/Users/u000005')).toBe(2);
  });

  it('switches to application/json after a 406 and reads', async () => {
    const { client } = await withQuirks({ rejectScimAccept: true });
    const snapshot = await client.snapshot();
    expect(snapshot.users.length).toBeGreaterThan(0);
  });

  it.each(['string', 'number', 'missing', 'non-scim'] as const)(
    'classifies by HTTP status whatever the body says (status %s)',
    async (errorStatus) => {
      const { server } = await withQuirks({ errorStatus });
      const client = createScimClient({ baseUrl: server.baseUrl, token: 'not-the-token' });
      try {
        const error = await failure(client.getUser('u000001'));
        expect(error.kind).toBe('unauthorized');
        expect(error.status).toBe(401);
        expect(error.detail).toBe('Bearer token missing or invalid');
      } finally {
        await client.close();
      }
    },
  );

  it('treats a SCIM 404 as absent but an HTML 404 as an error', async () => {
    const scim = await withQuirks({});
    expect(await scim.client.getUser('nobody')).toBeNull();
    expect((await scim.client.deleteUser('nobody')).via).toBe('already-done');

    const html = await withQuirks({ html404: true });
    expect((await failure(html.client.getUser('nobody'))).message).toMatch(/web page/);
    expect((await failure(html.client.deleteUser('nobody'))).kind).toBe('not-found');
  });

  it('removes the token from a 404 page that echoes it, on reads and writes', async () => {
    const { server, client } = await withQuirks({ html404: true, echoAuthIn404: true });
    for (const attempt of [client.getUser('nobody'), client.deactivateUser('nobody')]) {
      const error = await failure(attempt);
      expect(error.raw).toContain('Bearer [token removed]');
      expect(error.raw).not.toContain(server.token);
    }
  });
});

describe('discovery gaps', () => {
  it('assumes safe defaults when discovery is missing, and says so', async () => {
    const { client } = await withQuirks({ discovery: 'missing' });
    const found = await client.discover();
    expect(found.patch.supported).toBe(true);
    expect(found.etag.supported).toBe(false);
    expect(found.filter.maxResults).toBeNull();
    expect(found.assumptions).toHaveLength(3);
    expect((await client.snapshot()).warnings.join(' ')).toMatch(/ServiceProviderConfig/);
  });

  it('reads discovery sent as bare arrays', async () => {
    const { client } = await withQuirks({ discovery: 'bare-array', advertisedMaxResults: 33 });
    const found = await client.discover();
    expect(found.filter.maxResults).toBe(33);
    expect(found.resourceTypes.map((t) => t.endpoint)).toEqual(['/Users', '/Groups']);
    expect(found.assumptions).toEqual([]);
  });

  it('survives odd discovery objects', async () => {
    const { client } = await withQuirks({ discovery: 'odd' });
    const found = await client.discover();
    expect(found.resourceTypes).toEqual([]);
    expect(found.assumptions.join(' ')).toMatch(/ResourceTypes was not usable/);
    expect((await client.snapshot()).complete).toBe(true);
  });
});

describe('cancel', () => {
  it('stops sending requests once cancelled', async () => {
    const { server, client } = await withQuirks(
      { latencyMs: 20 },
      { users: 2000, groups: 1, membersPerGroup: 1 },
      { pageSize: 10, concurrency: 2 },
    );
    const controller = new AbortController();
    const error = await failure(
      client.snapshot({
        signal: controller.signal,
        onProgress: (p) => p.phase === 'users' && p.done >= 20 && controller.abort(),
      }),
    );
    expect(error.kind).toBe('cancelled');
    // 200 pages were needed; a cancelled run stopped long before.
    expect(server.count('GET', '/Users')).toBeLessThan(20);
  });
});

describe('TLS', () => {
  it('refuses an untrusted certificate and trusts it through a CA file', async () => {
    const cert = join(TLS_DIR, 'test-only-cert.pem');
    const server = await startQuirkServer({
      tls: {
        key: readFileSync(join(TLS_DIR, 'test-only-key.pem'), 'utf8'),
        cert: readFileSync(cert, 'utf8'),
      },
      seed: { users: 3, groups: 1, membersPerGroup: 1 },
    });
    const untrusted = createScimClient({ baseUrl: server.baseUrl, token: server.token });
    const trusted = createScimClient({
      baseUrl: server.baseUrl,
      token: server.token,
      caFile: cert,
    });
    try {
      const test = await untrusted.testConnection();
      expect(test.ok).toBe(false);
      expect(test.steps.find((s) => !s.ok)).toMatchObject({ step: 'tls', ok: false });
      expect((await trusted.snapshot()).users).toHaveLength(3);
    } finally {
      await untrusted.close();
      await trusted.close();
      await server.close();
    }
  });

  it('names an unreadable CA file', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'scim-ca-')), 'missing.pem');
    expect(() =>
      createScimClient({ baseUrl: 'https://127.0.0.1:1/scim/v2', token: 't', caFile: missing }),
    ).toThrow(/CA file .*missing\.pem could not be read/);
  });

  it('says which step failed for a closed port', async () => {
    const { server } = await withQuirks({});
    const url = server.baseUrl;
    await closeAll();
    const client = createScimClient({ baseUrl: url, token: 'x' });
    try {
      const test = await client.testConnection();
      expect(test.steps.find((s) => !s.ok)).toMatchObject({ step: 'connect' });
    } finally {
      await client.close();
    }
  });
});

describe('connection test advice', () => {
  it('suggests the SCIM root when the base URL ends with /Users', async () => {
    const { server } = await withQuirks({});
    const client = createScimClient({ baseUrl: `${server.baseUrl}/Users/`, token: server.token });
    try {
      const test = await client.testConnection();
      const failed = test.steps.find((s) => !s.ok);
      expect(failed?.step).toBe('base-path');
      expect(failed?.fix).toBe(
        `Use ${server.baseUrl} as the base URL (without the resource name at the end).`,
      );
    } finally {
      await client.close();
    }
  });

  it('reports a wrong token at the auth step', async () => {
    const { server } = await withQuirks({});
    const client = createScimClient({ baseUrl: server.baseUrl, token: 'expired' });
    try {
      const test = await client.testConnection();
      expect(test.steps.map((s) => [s.step, s.ok])).toEqual([
        ['dns', true],
        ['connect', true],
        ['auth', false],
      ]);
    } finally {
      await client.close();
    }
  });
});

describe('progress', () => {
  it('reports each phase, ending with every user, group and member read', async () => {
    const { server, client } = await withQuirks({ members: 'single-only' }, undefined, {
      pageSize: 10,
    });
    const events: { phase: string; done: number; total: number | null }[] = [];
    await client.snapshot({ onProgress: (p) => events.push(p) });
    const last = (phase: string) => events.filter((e) => e.phase === phase).at(-1);
    expect([...new Set(events.map((e) => e.phase))]).toEqual([
      'users',
      'groups',
      'members',
      'done',
    ]);
    expect(last('users')).toMatchObject({
      done: server.state.users.size,
      total: server.state.users.size,
    });
    expect(last('members')).toMatchObject({
      done: server.state.groups.size,
      total: server.state.groups.size,
    });
  });
});

describe('redirects', () => {
  it('never follows a redirect, and says which address to use', async () => {
    const { createServer } = await import('node:http');
    let hits = 0;
    const server = createServer((req, res) => {
      hits++;
      res.writeHead(301, { location: 'https://elsewhere.example.com/scim/v2/Users' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const client = createScimClient({ baseUrl: `http://127.0.0.1:${port}/scim/v2`, token: 't' });
    try {
      const error = await failure(client.getUser('u1'));
      expect(error.kind).toBe('invalid-url');
      expect(error.message).toContain('https://elsewhere.example.com/scim/v2/Users');
      expect(hits).toBe(1);
    } finally {
      await client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
