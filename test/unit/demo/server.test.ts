import SCIMMY from 'scimmy';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoStore } from '../../../src-main/core/demo/store';
import {
  buildDemoOrganisation,
  startDemoServer,
  type DemoServer,
} from '../../../src-main/core/demo';

const org = buildDemoOrganisation();
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const running: DemoServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function start(): Promise<DemoServer> {
  const server = await startDemoServer();
  running.push(server);
  return server;
}

type Json = Record<string, unknown> & { Resources?: Array<Record<string, unknown>> };

/** One SCIM request with the server's token; returns status and parsed body (null if none). */
async function scim(
  server: DemoServer,
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<{ status: number; body: Json | null }> {
  const response = await fetch(server.baseUrl + path, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${init.token ?? server.token}`,
      'content-type': 'application/scim+json',
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : null };
}

const groupNamed = (name: string) => org.tenant.groups.find((g) => g.displayName === name)!;

describe('demo SCIM server', () => {
  it('listens on 127.0.0.1 and refuses a missing or wrong token with a SCIM 401', async () => {
    const server = await start();
    expect(new URL(server.baseUrl).hostname).toBe('127.0.0.1');
    const wrong = await scim(server, '/Users', { token: 'not-the-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.body?.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(JSON.stringify(wrong.body)).not.toContain(server.token);
    const none = await fetch(`${server.baseUrl}/Users`);
    expect(none.status).toBe(401);
  });

  it('pages through every user with startIndex and count', async () => {
    const server = await start();
    const seen: string[] = [];
    let total: number | undefined;
    for (let startIndex = 1; ; startIndex += 50) {
      const page = await scim(server, `/Users?startIndex=${startIndex}&count=50`);
      expect(page.status).toBe(200);
      total = page.body?.totalResults as number;
      const resources = page.body?.Resources ?? [];
      seen.push(...resources.map((r) => r.id as string));
      if (resources.length < 50) break;
    }
    expect(total).toBe(org.tenant.users.length);
    expect(new Set(seen)).toEqual(new Set(org.tenant.users.map((u) => u.id)));
  });

  it('serves one user by id with its mapped attributes, and filters by userName', async () => {
    const server = await start();
    const user = org.tenant.users.find((u) => u.email && u.externalId)!;
    const one = await scim(server, `/Users/${user.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: user.id,
      userName: user.userName,
      externalId: user.externalId,
      active: user.active,
      name: { givenName: user.givenName, familyName: user.familyName },
      emails: [{ value: user.email, primary: true }],
    });
    const filter = encodeURIComponent(`userName eq "${user.userName}"`);
    const found = await scim(server, `/Users?filter=${filter}`);
    expect(found.body?.Resources?.map((r) => r.id)).toEqual([user.id]);
    expect((await scim(server, '/Users/no-such-id')).status).toBe(404);
  });

  it('never returns the members of the hidden group, but does for the others', async () => {
    const server = await start();
    const hidden = org.tenant.groups.find((g) => org.tenant.hiddenMemberGroupIds.includes(g.id))!;
    const list = await scim(server, '/Groups?count=200');
    const listed = list.body?.Resources?.find((g) => g.id === hidden.id);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('members');
    expect((await scim(server, `/Groups/${hidden.id}`)).status).toBe(500);
    expect((await scim(server, `/Groups/${hidden.id}`, { token: 'wrong' })).status).toBe(401);
    const lean = await scim(server, `/Groups/${hidden.id}?excludedAttributes=members`);
    expect(lean.body?.displayName).toBe(hidden.displayName);

    const engineering = groupNamed('Engineering');
    const full = await scim(server, `/Groups/${engineering.id}`);
    const members = (full.body?.members as Array<{ value: string }>).map((m) => m.value);
    expect(members.sort()).toEqual([...engineering.members].sort());
  });

  it('removes one member with the RFC filter path and leaves the others', async () => {
    const server = await start();
    const group = groupNamed('Finance');
    const [gone, ...kept] = group.members;
    const patched = await scim(server, `/Groups/${group.id}`, {
      method: 'PATCH',
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'remove', path: `members[value eq "${gone}"]` }],
      },
    });
    expect(patched.status).toBe(200);
    const after = await scim(server, `/Groups/${group.id}`);
    const members = (after.body?.members as Array<{ value: string }>).map((m) => m.value);
    expect(members.sort()).toEqual([...kept].sort());
  });

  it('deactivates with PATCH replace active, and PUT replaces a user', async () => {
    const server = await start();
    const user = org.tenant.users.find((u) => u.active && u.email)!;
    const patched = await scim(server, `/Users/${user.id}`, {
      method: 'PATCH',
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] },
    });
    expect(patched.status).toBe(200);
    expect((await scim(server, `/Users/${user.id}`)).body?.active).toBe(false);

    const put = await scim(server, `/Users/${user.id}`, {
      method: 'PUT',
      // As JumpCloud sends it when Company Email is empty: RFC 7643 null, so the email is wiped.
      body: {
        userName: user.userName,
        active: true,
        name: { givenName: 'New', familyName: 'Name' },
        emails: null,
      },
    });
    expect(put.status).toBe(200);
    const read = await scim(server, `/Users/${user.id}`);
    expect(read.body).toMatchObject({
      active: true,
      name: { givenName: 'New', familyName: 'Name' },
    });
    expect(read.body).not.toHaveProperty('emails');
  });

  it('creates users and groups, refuses a taken userName, deletes with 204 then 404', async () => {
    const server = await start();
    const created = await scim(server, '/Users', {
      method: 'POST',
      body: { userName: 'new.hire', active: true },
    });
    expect(created.status).toBe(201);
    const id = created.body?.id as string;
    const clash = await scim(server, '/Users', { method: 'POST', body: { userName: 'NEW.HIRE' } });
    expect(clash.status).toBe(409);

    const group = await scim(server, '/Groups', {
      method: 'POST',
      body: { displayName: 'Restored', members: [{ value: id }] },
    });
    expect(group.status).toBe(201);
    expect((group.body?.members as Array<{ value: string }>).map((m) => m.value)).toEqual([id]);

    expect((await scim(server, `/Users/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await scim(server, `/Users/${id}`)).status).toBe(404);
    const emptied = await scim(server, `/Groups/${group.body?.id as string}`);
    expect(emptied.body?.members ?? []).toEqual([]);
  });

  it('starts fresh every time, with a new token, and runs side by side', async () => {
    const first = await start();
    const victim = org.tenant.users[0];
    expect((await scim(first, `/Users/${victim.id}`, { method: 'DELETE' })).status).toBe(204);
    const second = await start();
    expect(second.token).not.toBe(first.token);
    expect(second.baseUrl).not.toBe(first.baseUrl);
    expect((await scim(second, `/Users/${victim.id}`)).status).toBe(200);
    expect((await scim(first, `/Users/${victim.id}`)).status).toBe(404);
    expect((await scim(second, '/Users', { token: first.token })).status).toBe(401);
  });

  it('lists pages exactly as SCIMMY itself would, whatever the query', async () => {
    const server = await start();
    // SCIMMY's own list path over an identical store, as the reference.
    const reference = { store: new DemoStore(org.tenant), method: 'GET' };
    const cases: Array<['Users' | 'Groups', Record<string, string | number>]> = [
      ['Users', {}],
      ['Users', { startIndex: 21, count: 7 }],
      ['Users', { count: 0 }],
      ['Users', { startIndex: 400, count: 5 }],
      ['Users', { filter: `userName eq "${org.tenant.users[3].userName}"` }],
      ['Users', { attributes: 'userName', count: 3 }],
      ['Users', { excludedAttributes: 'emails', startIndex: 300, count: 10 }],
      ['Groups', { count: 100 }],
      ['Groups', { excludedAttributes: 'members', startIndex: 2, count: 5 }],
    ];
    for (const [endpoint, query] of cases) {
      const search = new URLSearchParams(
        Object.entries(query).map(([key, value]) => [key, String(value)]),
      );
      const served = await scim(server, `/${endpoint}?${search.toString()}`);
      const Resource = endpoint === 'Users' ? SCIMMY.Resources.User : SCIMMY.Resources.Group;
      const expected = await new Resource(undefined, query as never).read(reference);
      expect({ endpoint, query, body: served.body }).toEqual({
        endpoint,
        query,
        body: JSON.parse(JSON.stringify(expected)),
      });
    }
    const invalid = await scim(server, `/Users?filter=${encodeURIComponent('userName zz')}`);
    expect(invalid.status).toBe(400);
  });
});
