import { describe, expect, it } from 'vitest';
import { describeWrite, PATCH_SCHEMA } from '../../../src-main/core/scim/write-requests';

describe('describeWrite', () => {
  it('removes one member with the RFC filter path, quoting the id safely', () => {
    const [request] = describeWrite({ type: 'remove-member', groupId: 'g/1', userId: 'u"1' });
    expect(request).toEqual({
      method: 'PATCH',
      path: '/Groups/g%2F1',
      body: {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'remove', path: 'members[value eq "u\\"1"]' }],
      },
    });
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
  });

  it('creates a group with its members and deletes with no body', () => {
    const [create] = describeWrite({
      type: 'create-group',
      displayName: 'Ops',
      externalId: 'abc',
      members: ['u1', 'u2'],
    });
    expect(create).toEqual({
      method: 'POST',
      path: '/Groups',
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Ops',
        externalId: 'abc',
        members: [{ value: 'u1' }, { value: 'u2' }],
      },
    });
    expect(describeWrite({ type: 'delete-group', groupId: 'g1' })).toEqual([
      { method: 'DELETE', path: '/Groups/g1', body: null },
    ]);
  });
});
