/**
 * Write dialects and lying servers. Every write is read back; these tests pin down the
 * fallbacks and prove a 200 that did nothing is reported, never counted as done.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ScimError } from '../../src-main/core/scim';
import { closeAll, withQuirks } from './quirk-harness';

afterEach(closeAll);

const failure = async (p: Promise<unknown>): Promise<ScimError> => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScimError);
  return error as ScimError;
};

describe('servers that answer success and do nothing', () => {
  it('reports each write the server did not carry out', async () => {
    const { server, client } = await withQuirks({ noopWrites: true });
    const group = server.state.groups.get('g00001');
    const member = group?.members[0] as string;

    const deactivate = await failure(client.deactivateUser('u000001'));
    expect(deactivate.kind).toBe('verification-failed');
    expect(deactivate.message).toMatch(/still active/);

    const remove = await failure(client.removeMember('g00001', member));
    expect(remove.kind).toBe('verification-failed');
    expect(remove.message).toMatch(/still a member/);

    expect((await failure(client.deleteGroup('g00002'))).message).toMatch(/still exists/);
    expect((await failure(client.deleteUser('u000002'))).kind).toBe('verification-failed');
  });

  it('accepts 204 with no body when the read-back shows the effect', async () => {
    const { server, client } = await withQuirks({ noContentWrites: true });
    const member = server.state.groups.get('g00001')?.members[0] as string;
    expect((await client.deactivateUser('u000001')).via).toBe('patch');
    expect((await client.removeMember('g00001', member)).via).toBe('patch');
    expect(server.state.groups.get('g00001')?.members).not.toContain(member);
  });
});

describe('servers that answer a PATCH with 404 and do nothing', () => {
  const bodies = ['empty-body', 'scim-error'] as const;

  it.each(bodies)('reads the user back and reports a deactivation not done (%s)', async (body) => {
    const { server, client } = await withQuirks({ patchNotFound: body });
    const error = await failure(client.deactivateUser('u000001'));
    expect(error.kind).toBe('verification-failed');
    expect(error.message).toMatch(/answered 404/);
    expect(error.message).toMatch(/still active/);
    expect(server.state.users.get('u000001')?.active).toBe(true);
    // The read-back settled it: no other dialect was tried on a user the server says is absent.
    expect(server.count('PATCH')).toBe(1);
    expect(server.count('PUT')).toBe(0);
  });

  it.each(bodies)('reports a reactivation not done, not a missing user (%s)', async (body) => {
    const { server, client } = await withQuirks({ patchNotFound: body });
    server.state.users.get('u000002')!.active = false;
    const error = await failure(client.reactivateUser('u000002'));
    expect(error.kind).toBe('verification-failed');
    expect(error.message).toMatch(/still inactive/);
  });

  it.each(bodies)('reports a member removal not done, naming the 404 (%s)', async (body) => {
    const { server, client } = await withQuirks({ patchNotFound: body });
    const before = [...(server.state.groups.get('g00001')?.members ?? [])];
    const error = await failure(client.removeMember('g00001', before[0]));
    expect(error.kind).toBe('verification-failed');
    expect(error.message).toMatch(/answered 404 to removing/);
    expect(server.state.groups.get('g00001')?.members).toEqual(before);
  });

  it('still counts a user the server removed while answering 404 as deactivated', async () => {
    const { server, client } = await withQuirks({ patchNotFound: 'scim-error' });
    // The product deletes the user on deactivation and then answers the PATCH with 404.
    const count = server.requests.set.bind(server.requests);
    server.requests.set = (key, n) => {
      if (key === 'PATCH /Users/u000003') server.state.users.delete('u000003');
      return count(key, n);
    };
    const result = await client.deactivateUser('u000003');
    expect(result.via).toBe('deleted-by-server');
    expect(result.after).toBeNull();
    expect(server.count('GET', '/Users/u000003')).toBe(2);
  });
});

describe('PATCH dialects', () => {
  it('falls back to the members-value form only after a 400 about the path', async () => {
    const { server, client } = await withQuirks({ rejectMemberFilterPath: true });
    const before = [...(server.state.groups.get('g00001')?.members ?? [])];
    const result = await client.removeMember('g00001', before[0]);
    expect(result.via).toBe('patch-members-value');
    expect(server.state.groups.get('g00001')?.members).toEqual(before.slice(1));
  });

  it('catches a server that empties the group, and puts the others back', async () => {
    const { server, client } = await withQuirks({
      rejectMemberFilterPath: true,
      memberValueRemoveEmptiesGroup: true,
    });
    const before = [...(server.state.groups.get('g00001')?.members ?? [])];
    const error = await failure(client.removeMember('g00001', before[0]));
    expect(error.kind).toBe('verification-failed');
    expect(error.message).toMatch(new RegExp(`drop ${before.length - 1} other member`));
    expect([...(server.state.groups.get('g00001')?.members ?? [])].sort()).toEqual(
      before.slice(1).sort(),
    );
  });

  it('does not put back members the caller says are leaving on their own', async () => {
    const { server, client } = await withQuirks({
      rejectMemberFilterPath: true,
      memberValueRemoveEmptiesGroup: true,
    });
    const before = [...(server.state.groups.get('g00001')?.members ?? [])];
    const [target, leaving, ...rest] = before as [string, string, ...string[]];
    const error = await failure(
      client.removeMember('g00001', target, { leaving: new Set([leaving]) }),
    );
    expect(error.kind).toBe('verification-failed');
    expect(error.message).toMatch(new RegExp(`drop ${rest.length} other member`));
    expect([...(server.state.groups.get('g00001')?.members ?? [])].sort()).toEqual(rest.sort());
  });

  it('does not send a removal for a member already gone', async () => {
    const { server, client } = await withQuirks({});
    expect((await client.removeMember('g00001', 'u999999')).via).toBe('already-done');
    expect(server.count('PATCH')).toBe(0);
  });

  it('uses the path-less form when the active path is refused', async () => {
    const { server, client } = await withQuirks({ rejectActivePath: true });
    expect((await client.deactivateUser('u000003')).via).toBe('patch-pathless');
    expect(server.state.users.get('u000003')?.active).toBe(false);
  });

  it('PUTs the full user when PATCH is unsupported, and previews it so', async () => {
    const { server, client } = await withQuirks({ patchUnsupported: true });
    const result = await client.deactivateUser('u000004');
    expect(result.via).toBe('put');
    expect(server.state.users.get('u000004')).toMatchObject({
      active: false,
      userName: 'user000004',
    });
    expect(server.count('PATCH')).toBe(0);
    expect(client.describeWrite({ type: 'reactivate-user', userId: 'u000004' })[0].method).toBe(
      'PUT',
    );
  });

  it('counts a user the server deleted on deactivation as done, and says so', async () => {
    const { server, client } = await withQuirks({ deactivateDeletes: true });
    const result = await client.deactivateUser('u000005');
    expect(result.via).toBe('deleted-by-server');
    expect(result.notes.join(' ')).toMatch(/removed the user/);
    expect(server.state.users.has('u000005')).toBe(false);
  });

  it('sends writes to the base URL, never to meta.location', async () => {
    const { server, client } = await withQuirks({});
    const before = await client.getUser('u000006');
    expect(String((before?.raw.meta as { location: string }).location)).toMatch(/invalid/);
    await client.deactivateUser('u000006');
    expect(server.count('PATCH', '/Users/u000006')).toBe(1);
  });
});

describe('group writes', () => {
  it('recreates a group with its members and verifies them', async () => {
    const { server, client } = await withQuirks({});
    const result = await client.createGroup({
      displayName: 'Recreated',
      externalId: 'abcdefabcdefabcdefabcdef',
      members: ['u000001', 'u000002'],
    });
    const stored = server.state.groups.get(result.createdId as string);
    expect(stored).toMatchObject({
      displayName: 'Recreated',
      externalId: 'abcdefabcdefabcdefabcdef',
      members: ['u000001', 'u000002'],
    });
  });

  it('reports a create answered with 404 as not done, never as accepted', async () => {
    const { server, client } = await withQuirks({
      failNext: { count: 1, status: 404, match: 'POST /Groups' },
    });
    const groups = server.state.groups.size;
    const error = await failure(
      client.createGroup({ displayName: 'Recreated', externalId: null, members: ['u000001'] }),
    );
    expect(error.kind).toBe('not-found');
    expect(error.message).not.toMatch(/accepted/);
    expect(server.state.groups.size).toBe(groups);
  });

  it('applyWrite runs the same operation as the named method', async () => {
    const { server, client } = await withQuirks({});
    await client.applyWrite({ type: 'add-members', groupId: 'g00003', userIds: ['u000050'] });
    expect(server.state.groups.get('g00003')?.members).toContain('u000050');
    await client.applyWrite({ type: 'delete-group', groupId: 'g00003' });
    expect(server.state.groups.has('g00003')).toBe(false);
  });
});

describe('ETags', () => {
  it('sends If-Match only when the server says it supports ETags', async () => {
    const plain = await withQuirks({});
    await plain.client.deactivateUser('u000007');
    expect(plain.server.state.ifMatchWrites).toBe(0);

    const tagged = await withQuirks({ etag: true });
    await tagged.client.deactivateUser('u000007');
    expect(tagged.server.state.ifMatchWrites).toBe(1);
    expect(tagged.server.state.users.get('u000007')?.active).toBe(false);
  });

  it('refuses to overwrite a user changed since it was read', async () => {
    const { server, client } = await withQuirks({ etag: true });
    await client.discover();
    // Someone else changes the user between the client's read and its write.
    const original = server.state.version.bind(server.state);
    let reads = 0;
    server.state.version = (id: string) => (reads++ === 0 ? original(id) : 'W/"changed"');
    const error = await failure(client.deactivateUser('u000008'));
    expect(error.kind).toBe('precondition-failed');
    expect(server.state.users.get('u000008')?.active).toBe(true);
  });
});

describe('resumed runs', () => {
  it('sends nothing to deactivate a user who is already inactive', async () => {
    const { server, client } = await withQuirks({});
    server.state.users.get('u000009')!.active = false;
    expect((await client.deactivateUser('u000009')).via).toBe('already-done');
    expect(server.count('PATCH')).toBe(0);
    expect(server.count('PUT')).toBe(0);
  });
});
