import { describe, expect, it } from 'vitest';
import { describeWrite, PATCH_SCHEMA } from '../../../src-main/core/scim/write-requests';

describe('describeWrite', () => {
  it('removes one member with the RFC filter path, quoting the id safely', () => {
    const [request] = describeWrite({ type: 'remove-member', groupId: 'g/1', userId: 'u"1' });
    expect(request).toMatchObject({
      method: 'PATCH',
      path: '/Groups/g%2F1',
      body: {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'remove', path: 'members[value eq "u\\"1"]' }],
      },
    });
    expect(request?.fallbacks?.map((r) => r.body)).toEqual([
      {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'remove', path: 'members', value: [{ value: 'u"1' }] }],
      },
      {
        schemas: [PATCH_SCHEMA],
        Operations: [
          {
            op: 'add',
            path: 'members',
            value: [{ value: '…each other member the read-back no longer shows' }],
          },
        ],
      },
    ]);
  });

  it('deactivates with a lower-case replace of active and a boolean', () => {
    const [request] = describeWrite({ type: 'deactivate-user', userId: 'u1' });
    expect(request.method).toBe('PATCH');
    expect(request.body).toEqual({
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
  });

  it('shows a PUT when the server does not support PATCH', () => {
    const [request] = describeWrite({ type: 'reactivate-user', userId: 'u1' }, false);
    expect(request.method).toBe('PUT');
    expect(request.path).toBe('/Users/u1');
    expect(request.fallbacks).toBeUndefined();
  });

  it('creates a group with its members and deletes with no body', () => {
    const [create] = describeWrite({
      type: 'create-group',
      displayName: 'Ops',
      externalId: 'abc',
      members: ['u1', 'u2'],
    });
    expect(create).toMatchObject({
      method: 'POST',
      path: '/Groups',
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Ops',
        externalId: 'abc',
        members: [{ value: 'u1' }, { value: 'u2' }],
      },
    });
    expect(create?.fallbacks?.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /Groups/{id the server gives the new group}',
    ]);
    expect(describeWrite({ type: 'delete-group', groupId: 'g1' })).toStrictEqual([
      { method: 'DELETE', path: '/Groups/g1', body: null },
    ]);
  });
});
