/**
 * Paging and listing quirks of real SCIM servers (see the Quirks switches). Each test would
 * fail against a client that trusted totals, itemsPerPage, startIndex or members as sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, seededUserIds, withQuirks } from './quirk-harness';

afterEach(closeAll);

const sorted = (ids: string[]) => [...ids].sort();

describe('paging quirks', () => {
  it('follows nextCursor on a server that pages only by cursor', async () => {
    const { server, client } = await withQuirks({ cursorOnly: true }, undefined, { pageSize: 10 });
    const snapshot = await client.snapshot();
    expect(sorted(snapshot.users.map((u) => u.id))).toEqual(sorted(seededUserIds(server)));
    expect(snapshot.complete).toBe(true);
    expect(server.count('GET', '/Users')).toBeGreaterThan(5);
  });

  it('keeps paging past a capped totalResults', async () => {
    const { server, client } = await withQuirks({ totals: 'capped', totalCap: 20 }, undefined, {
      pageSize: 10,
    });
    const snapshot = await client.snapshot();
    expect(snapshot.users).toHaveLength(server.state.users.size);
  });

  it('stops at the real end when totalResults is too high, and says so', async () => {
    const { server, client } = await withQuirks({ totals: 'too-high' }, undefined, {
      pageSize: 10,
    });
    const snapshot = await client.snapshot();
    expect(snapshot.users).toHaveLength(server.state.users.size);
    expect(snapshot.warnings.join(' ')).toMatch(/treated as a hint/);
  });

  it('reads everything when totalResults is missing', async () => {
    const { server, client } = await withQuirks({ totals: 'missing' }, undefined, { pageSize: 10 });
    const snapshot = await client.snapshot();
    expect(sorted(snapshot.users.map((u) => u.id))).toEqual(sorted(seededUserIds(server)));
  });

  it('counts Resources, not an itemsPerPage that echoes a capped count', async () => {
    const { server, client } = await withQuirks(
      { maxCount: 7, echoItemsPerPage: true },
      undefined,
      {
        pageSize: 20,
      },
    );
    const snapshot = await client.snapshot();
    expect(sorted(snapshot.users.map((u) => u.id))).toEqual(sorted(seededUserIds(server)));
    expect(new Set(snapshot.users.map((u) => u.id)).size).toBe(snapshot.users.length);
  });

  it('stops and says the server does not page when startIndex is ignored', async () => {
    const { client } = await withQuirks({ ignoreStartIndex: true }, undefined, { pageSize: 10 });
    const snapshot = await client.snapshot();
    expect(snapshot.complete).toBe(false);
    expect(snapshot.users).toHaveLength(10);
    expect(snapshot.warnings.join(' ')).toMatch(/ignored startIndex/);
  });

  it('recovers the first user from a server counting startIndex from 0', async () => {
    const { server, client } = await withQuirks({ zeroBasedStartIndex: true }, undefined, {
      pageSize: 10,
    });
    const snapshot = await client.snapshot();
    expect(sorted(snapshot.users.map((u) => u.id))).toEqual(sorted(seededUserIds(server)));
    expect(snapshot.warnings.join(' ')).toMatch(/from 0/);
  });

  it('asks for smaller pages when the server refuses the count', async () => {
    const { server, client } = await withQuirks({
      rejectCountAbove: 25,
      advertisedMaxResults: null,
    });
    const snapshot = await client.snapshot();
    expect(snapshot.users).toHaveLength(server.state.users.size);
    expect(snapshot.warnings.join(' ')).toMatch(/reading 25 at a time/);
  });

  it('reads an empty tenant whose lists leave Resources out', async () => {
    const { client } = await withQuirks(
      { omitEmptyResources: true },
      { users: 0, groups: 0, membersPerGroup: 0 },
    );
    const snapshot = await client.snapshot();
    expect(snapshot).toMatchObject({ users: [], groups: [], complete: true });
  });

  it('runs pages concurrently once the total is known, within the bound', async () => {
    const { server, client } = await withQuirks(
      { latencyMs: 5 },
      { users: 400, groups: 3, membersPerGroup: 2 },
      { pageSize: 20, concurrency: 4 },
    );
    const snapshot = await client.snapshot();
    expect(snapshot.users).toHaveLength(400);
    expect(server.maxInFlight()).toBeGreaterThan(1);
    expect(server.maxInFlight()).toBeLessThanOrEqual(4);
  });
});

describe('group member quirks', () => {
  it('marks membership unknown, not empty, when the server never returns members', async () => {
    const { client } = await withQuirks({ members: 'never' });
    const snapshot = await client.snapshot();
    expect(snapshot.groups.length).toBeGreaterThan(0);
    expect(snapshot.groups.every((g) => g.members === null)).toBe(true);
    expect(snapshot.warnings.join(' ')).toMatch(/never returned group members/);
  });

  it('reads members group by group when only a single GET returns them', async () => {
    const { server, client } = await withQuirks({ members: 'single-only' });
    const snapshot = await client.snapshot();
    for (const group of snapshot.groups) {
      expect(sorted(group.members ?? ['unknown'])).toEqual(
        sorted(server.state.groups.get(group.id)?.members ?? []),
      );
    }
    expect(server.count('GET', '/Groups/')).toBe(server.state.groups.size);
  });

  it('treats a group without members as empty when the server does send members', async () => {
    const { server, client } = await withQuirks({});
    server.state.addGroup({ displayName: 'Nobody here' });
    const snapshot = await client.snapshot();
    expect(snapshot.groups.find((g) => g.displayName === 'Nobody here')?.members).toEqual([]);
  });

  it('marks a silently capped member list unknown when users name the group', async () => {
    const { server, client } = await withQuirks(
      { memberCap: 4, userGroups: true },
      { users: 57, groups: 5, membersPerGroup: 4 },
    );
    const big = server.state.addGroup({
      displayName: 'Big team',
      members: seededUserIds(server).slice(0, 10),
    });
    const small = server.state.addGroup({
      displayName: 'Small team',
      members: seededUserIds(server).slice(0, 3),
    });
    const snapshot = await client.snapshot();
    // Ten members, four listed: the six users who say they belong to it prove the cut.
    expect(snapshot.groups.find((g) => g.id === big.id)?.members).toBeNull();
    expect(snapshot.groups.find((g) => g.id === small.id)?.members).toEqual(
      seededUserIds(server).slice(0, 3),
    );
    expect(snapshot.warnings.join(' ')).toMatch(/Big team \(4 listed, 6 more\)/);
    expect(snapshot.warnings.join(' ')).not.toMatch(/Small team/);
  });

  it('trusts whole member lists that agree with the users’ groups', async () => {
    const { server, client } = await withQuirks({ userGroups: true });
    const snapshot = await client.snapshot();
    for (const group of snapshot.groups) {
      expect(sorted(group.members ?? ['unknown'])).toEqual(
        sorted(server.state.groups.get(group.id)?.members ?? []),
      );
    }
    expect(snapshot.warnings.join(' ')).not.toMatch(/left members out/);
  });

  it('leaves one huge group unknown instead of failing the snapshot', async () => {
    const { server, client } = await withQuirks(
      {},
      { users: 3000, groups: 2, membersPerGroup: 3 },
      // Pages of 50 users stay far below the bound; 3,000 members do not.
      { maxResponseBytes: 48 * 1024, pageSize: 50 },
    );
    const big = server.state.addGroup({
      displayName: 'Everyone',
      members: seededUserIds(server),
    });
    const snapshot = await client.snapshot();
    expect(snapshot.groups.find((g) => g.id === big.id)?.members).toBeNull();
    expect(snapshot.groups.filter((g) => g.members !== null)).toHaveLength(2);
    expect(snapshot.warnings.join(' ')).toMatch(/could not be read \(Everyone\)/);
  });
});

describe('resource quirks', () => {
  it('reads "True"/"False" strings as booleans', async () => {
    const { server, client } = await withQuirks({ stringActive: true });
    const snapshot = await client.snapshot();
    const inactive = [...server.state.users.values()].filter((u) => !u.active).map((u) => u.id);
    expect(inactive.length).toBeGreaterThan(0);
    expect(sorted(snapshot.users.filter((u) => !u.active).map((u) => u.id))).toEqual(
      sorted(inactive),
    );
  });

  it('reads plain-string emails', async () => {
    const { server, client } = await withQuirks({ plainEmails: true });
    const user = await client.getUser('u000003');
    expect(user?.email).toBe(server.state.users.get('u000003')?.email);
  });

  it('finds a userName on a server comparing case-sensitively', async () => {
    const { client } = await withQuirks({ caseSensitiveFilter: true });
    expect((await client.findUsersByUserName('USER000004')).map((u) => u.id)).toEqual(['u000004']);
  });

  it.each([400, 500] as const)(
    'falls back to a full listing when filters fail with %i',
    async (status) => {
      const { client } = await withQuirks({ filterFails: status });
      expect((await client.findUsersByUserName('User000009')).map((u) => u.id)).toEqual([
        'u000009',
      ]);
    },
  );

  it('encodes opaque ids with slashes and spaces', async () => {
    const { server, client } = await withQuirks({});
    server.state.addUser({ id: 'odd/id with space', userName: 'odd' });
    expect((await client.getUser('odd/id with space'))?.userName).toBe('odd');
    await client.deactivateUser('odd/id with space');
    expect(server.state.users.get('odd/id with space')?.active).toBe(false);
  });
});
