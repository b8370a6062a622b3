/**
 * The one interop suite, run against every real SCIM server we have (demo tenant, Better Auth,
 * quirk server in its well-behaved mode). Each test seeds through plain SCIM calls and checks
 * the client's result against what a plain GET says.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScimClient, ScimError, type ScimClient } from '../../src-main/core/scim';
import { rawScim, type RawScim } from './raw-scim';

export interface ServerUnderTest {
  baseUrl: string;
  token: string;
  close(): Promise<void>;
}

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

export interface SuiteOptions {
  /** Page size for the small-pages test; large tenants on slow servers need more than 2. */
  smallPageSize?: number;
}

/** Registers the interop tests for one server. */
export function defineInteropSuite(
  name: string,
  start: () => Promise<ServerUnderTest>,
  options: SuiteOptions = {},
): void {
  const smallPageSize = options.smallPageSize ?? 2;
  describe(`SCIM interop: ${name}`, () => {
    let server: ServerUnderTest;
    let client: ScimClient;
    let raw: RawScim;
    const tag = randomBytes(3).toString('hex');
    const seeded: { users: { id: string; userName: string }[]; groupId: string } = {
      users: [],
      groupId: '',
    };

    beforeAll(async () => {
      server = await start();
      raw = rawScim(server.baseUrl, server.token);
      client = createScimClient({ baseUrl: server.baseUrl, token: server.token });
      for (const [i, given] of ['Ada', 'Grace', 'Edsger'].entries()) {
        const userName = `interop.${tag}.${given.toLowerCase()}`;
        const created = await raw.post('/Users', {
          schemas: [USER_SCHEMA],
          userName,
          externalId: `${tag}${'0'.repeat(17)}${i}`,
          name: { givenName: given, familyName: 'Tester' },
          emails: [{ value: `${userName}@example.test`, type: 'work', primary: true }],
          active: true,
        });
        seeded.users.push({ id: String(created.id), userName });
      }
      const group = await raw.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: `Interop ${tag}`,
        members: seeded.users.slice(0, 2).map((u) => ({ value: u.id })),
      });
      seeded.groupId = String(group.id);
    });

    afterAll(async () => {
      await client?.close();
      await server?.close();
    });

    it('passes every connection test step', async () => {
      const result = await client.testConnection();
      expect(result.steps.filter((s) => !s.ok)).toEqual([]);
      expect(result.ok).toBe(true);
    });

    it('snapshots exactly the users and groups a plain listing shows', async () => {
      const snapshot = await client.snapshot();
      expect(snapshot.complete).toBe(true);
      expect(new Set(snapshot.users.map((u) => u.id))).toEqual(new Set(await raw.listIds('Users')));
      expect(new Set(snapshot.groups.map((g) => g.id))).toEqual(
        new Set(await raw.listIds('Groups')),
      );

      const ada = snapshot.users.find((u) => u.id === seeded.users[0].id);
      expect(ada).toMatchObject({
        userName: seeded.users[0].userName,
        givenName: 'Ada',
        familyName: 'Tester',
        email: `${seeded.users[0].userName}@example.test`,
        active: true,
      });
      const group = snapshot.groups.find((g) => g.id === seeded.groupId);
      expect(new Set(group?.members)).toEqual(new Set(seeded.users.slice(0, 2).map((u) => u.id)));
    });

    it(`reads the same tenant with pages of ${smallPageSize}`, async () => {
      const small = createScimClient({
        baseUrl: server.baseUrl,
        token: server.token,
        pageSize: smallPageSize,
      });
      try {
        const [a, b] = [await client.snapshot(), await small.snapshot()];
        expect(b.users.map((u) => u.id).sort()).toEqual(a.users.map((u) => u.id).sort());
        const members = (s: typeof a) =>
          Object.fromEntries(s.groups.map((g) => [g.id, [...(g.members ?? [])].sort()]));
        expect(members(b)).toEqual(members(a));
      } finally {
        await small.close();
      }
    });

    it('reads single users and groups, and finds users by userName ignoring case', async () => {
      const plain = await raw.get(`/Users/${seeded.users[1].id}`);
      const user = await client.getUser(seeded.users[1].id);
      expect(user?.userName).toBe(plain.body?.userName);
      expect(await client.getUser(`missing-${tag}`)).toBeNull();
      expect((await client.getGroup(seeded.groupId))?.displayName).toBe(`Interop ${tag}`);

      const found = await client.findUsersByUserName(seeded.users[1].userName.toUpperCase());
      expect(found.map((u) => u.id)).toEqual([seeded.users[1].id]);
      const groups = await client.findGroupsByDisplayName(`INTEROP ${tag.toUpperCase()}`);
      expect(groups.map((g) => g.id)).toEqual([seeded.groupId]);
    });

    it('deactivates and reactivates a user, as a plain GET confirms', async () => {
      const id = seeded.users[2].id;
      await client.deactivateUser(id);
      expect(String((await raw.get(`/Users/${id}`)).body?.active)).toMatch(/^false$/i);
      await client.reactivateUser(id);
      expect(String((await raw.get(`/Users/${id}`)).body?.active)).toMatch(/^true$/i);
    });

    it('removes one member and adds it back, leaving the others', async () => {
      const [first, second] = seeded.users;
      const memberIds = async () =>
        (((await raw.get(`/Groups/${seeded.groupId}`)).body?.members ?? []) as { value: string }[])
          .map((m) => m.value)
          .sort();
      await client.removeMember(seeded.groupId, first.id);
      expect(await memberIds()).toEqual([second.id]);
      await client.addMembers(seeded.groupId, [first.id]);
      expect(await memberIds()).toEqual([first.id, second.id].sort());
    });

    it('creates a group with members, then deletes it', async () => {
      const result = await client.createGroup({
        displayName: `Recreated ${tag}`,
        externalId: null,
        members: [seeded.users[0].id],
      });
      const id = result.createdId as string;
      const plain = await raw.get(`/Groups/${id}`);
      expect(plain.body?.displayName).toBe(`Recreated ${tag}`);

      await client.deleteGroup(id);
      expect((await raw.get(`/Groups/${id}`)).status).toBe(404);
      // Deleting again is already done, not an error.
      expect((await client.deleteGroup(id)).via).toBe('already-done');
    });

    it('stops a snapshot when cancelled and never returns it as complete', async () => {
      const controller = new AbortController();
      const run = client.snapshot({
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'users') controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
    });

    it('reports a refused token without ever showing it', async () => {
      const wrong = `wrong-${randomBytes(8).toString('hex')}`;
      const bad = createScimClient({ baseUrl: server.baseUrl, token: wrong });
      try {
        const error = await bad.snapshot().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ScimError);
        expect((error as ScimError).kind).toBe('unauthorized');
        const shown = `${(error as ScimError).message} ${(error as ScimError).raw ?? ''}`;
        expect(shown).not.toContain(wrong);
        expect(bad.requestLog.toJSON() + bad.requestLog.toCSV()).not.toContain(wrong);
      } finally {
        await bad.close();
      }
    });
  });
}
