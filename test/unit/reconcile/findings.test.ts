import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../src-main/core/reconcile';
import {
  directory,
  hex,
  jcGroup,
  jcUser,
  snapshot,
  tenantGroup,
  tenantUser,
  withoutReasons,
} from './builders';

describe('reconcile: groups left behind and users to deprovision', () => {
  it('flags unselected and unknown groups, and their active members in no bound group', () => {
    const ann = jcUser(hex(1), 'ann', { id: hex(1) });
    const bob = jcUser(hex(2), 'bob', { id: hex(2) });
    const dir = directory(
      [ann, bob],
      [jcGroup('Eng', [hex(1)], { id: hex(100) }), jcGroup('Ops', [hex(2)], { id: hex(101) })],
    );
    const snap = snapshot(
      [
        tenantUser('t-ann', 'ann', { externalId: hex(1) }),
        tenantUser('t-bob', 'bob', { externalId: hex(2) }),
        tenantUser('t-test', 'jc-test-user', { externalId: hex(50) }),
      ],
      [
        tenantGroup('g-eng', 'Eng', ['t-ann'], { externalId: hex(100) }),
        tenantGroup('g-ops', 'Ops', ['t-bob'], { externalId: hex(101) }),
        tenantGroup('g-test', 'JumpCloud Test Connection', ['t-test']),
      ],
    );

    const result = reconcile(snap, dir, { boundGroups: ['Eng'] });

    expect(result.bound).toEqual({ names: ['Eng'], source: 'admin', unknownNames: [] });
    expect(withoutReasons(result.findings)).toEqual([
      {
        kind: 'orphan-group',
        target: { type: 'group', id: 'g-test', name: 'JumpCloud Test Connection' },
        action: 'delete-group',
        detail: {
          externalId: null,
          knownToJumpCloud: false,
          jumpcloudGroupId: null,
          memberCount: 1,
          members: ['t-test'],
        },
      },
      {
        kind: 'orphan-group',
        target: { type: 'group', id: 'g-ops', name: 'Ops' },
        action: 'delete-group',
        detail: {
          externalId: hex(101),
          knownToJumpCloud: true,
          jumpcloudGroupId: hex(101),
          memberCount: 1,
          members: ['t-bob'],
        },
      },
      {
        kind: 'deprovision-user',
        target: { type: 'user', id: 't-bob', name: 'bob' },
        action: 'deactivate-user',
        detail: {
          cause: 'no-bound-group',
          externalId: hex(2),
          jumpcloudUserId: hex(2),
          jumpcloudState: 'ACTIVATED',
          tenantGroups: ['Ops'],
          privileged: false,
        },
      },
      {
        kind: 'deprovision-user',
        target: { type: 'user', id: 't-test', name: 'jc-test-user' },
        action: 'deactivate-user',
        detail: {
          cause: 'unknown-to-jumpcloud',
          externalId: hex(50),
          jumpcloudUserId: null,
          jumpcloudState: null,
          tenantGroups: ['JumpCloud Test Connection'],
          privileged: false,
        },
      },
    ]);
  });

  it('without membership data, deprovisions users whose groups are all orphans', () => {
    const dir = directory(
      [jcUser(hex(1), 'ann', { id: hex(1) }), jcUser(hex(2), 'bob', { id: hex(2) })],
      [jcGroup('Eng', null), jcGroup('Ops', null)],
      { hasMembership: false },
    );
    const snap = snapshot(
      [
        tenantUser('t-ann', 'ann', { externalId: hex(1), active: false }),
        tenantUser('t-bob', 'bob', { externalId: hex(2) }),
        tenantUser('t-gone', 'gone', { externalId: hex(3) }),
      ],
      [tenantGroup('g-eng', 'Eng', ['t-ann']), tenantGroup('g-ops', 'Ops', ['t-bob'])],
    );

    const kinds = reconcile(snap, dir, { boundGroups: ['eng'] }).findings.map((f) => [
      f.kind,
      f.target.name,
      f.detail.cause ?? null,
    ]);

    // ann is inactive but nothing says she should be active; gone is in no tenant group.
    expect(kinds).toEqual([
      ['orphan-group', 'Ops', null],
      ['deprovision-user', 'bob', 'only-orphan-groups'],
    ]);
  });
});

describe('reconcile: states pushed by JumpCloud', () => {
  it('treats inactive suspended and password-expired users as expected, not drift', () => {
    // 'unk' comes from an export that does not say whether its password expired: not judged.
    const users = [
      jcUser(hex(1), 'sus', { id: hex(1), state: 'SUSPENDED', suspended: true }),
      jcUser(hex(2), 'exp', { id: hex(2), passwordExpired: true }),
      jcUser(hex(3), 'ina', { id: hex(3) }),
      jcUser(hex(4), 'stg', { id: hex(4), state: 'STAGED' }),
      jcUser(hex(5), 'sus2', { id: hex(5), state: 'SUSPENDED', suspended: true }),
      jcUser(hex(6), 'unk', { id: hex(6), passwordExpired: null }),
    ];
    const dir = directory(users, [
      jcGroup(
        'Eng',
        users.map((u) => u.key),
      ),
    ]);
    const snap = snapshot(
      [
        tenantUser('t1', 'sus', { externalId: hex(1), active: true }),
        tenantUser('t2', 'exp', { externalId: hex(2), active: false }),
        tenantUser('t3', 'ina', { externalId: hex(3), active: false }),
        tenantUser('t4', 'stg', { externalId: hex(4), active: false }),
        tenantUser('t5', 'sus2', { externalId: hex(5), active: false }),
        tenantUser('t6', 'unk', { externalId: hex(6), active: false }),
      ],
      [tenantGroup('g', 'Eng', ['t1', 't2', 't3', 't4', 't5', 't6'])],
    );

    const result = reconcile(snap, dir, { boundGroups: ['Eng'], policy: 'delete' });

    expect(withoutReasons(result.findings)).toEqual([
      {
        kind: 'deprovision-user',
        target: { type: 'user', id: 't1', name: 'sus' },
        action: 'delete-user',
        detail: {
          cause: 'suspended',
          externalId: hex(1),
          jumpcloudUserId: hex(1),
          jumpcloudState: 'SUSPENDED',
          tenantGroups: ['Eng'],
          privileged: false,
        },
      },
      {
        kind: 'inactive-user',
        target: { type: 'user', id: 't3', name: 'ina' },
        action: 'reactivate-user',
        detail: { jumpcloudUserId: hex(3), jumpcloudState: 'ACTIVATED' },
      },
    ]);
  });
});

describe('reconcile: memberships and absent objects', () => {
  it('reports extra, missing (dynamic flagged), unknown members, missing users and groups', () => {
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((n, i) =>
      jcUser(hex(i + 1), n, { id: hex(i + 1) }),
    );
    const dir = directory(
      [a, b, c, d, e],
      [
        jcGroup('Eng', [a.key, b.key, e.key], { id: hex(100) }),
        jcGroup('Dyn', [c.key], { id: hex(101), dynamic: true }),
        jcGroup('Sec', [d.key], { id: hex(102) }),
        jcGroup('Missing', [a.key], { id: hex(103) }),
        jcGroup('Empty', [], { id: hex(104) }),
      ],
    );
    const snap = snapshot(
      ['a', 'b', 'c', 'd'].map((n, i) => tenantUser(`t-${n}`, n, { externalId: hex(i + 1) })),
      [
        tenantGroup('g-eng', 'Eng', ['t-a', 't-c'], { externalId: hex(100) }),
        tenantGroup('g-dyn', 'Dyn', [], { externalId: hex(101) }),
        tenantGroup('g-sec', 'Sec', null, { externalId: hex(102) }),
      ],
    );

    const result = reconcile(snap, dir, { boundGroups: ['Eng', 'Dyn', 'Sec', 'Missing', 'Empty'] });

    const dynamicNote = 'Dynamic group in JumpCloud: this difference may be legitimate.';
    expect(withoutReasons(result.findings)).toEqual([
      {
        kind: 'membership-extra',
        target: { type: 'group', id: 'g-eng', name: 'Eng' },
        action: 'remove-member',
        detail: { userId: 't-c', userName: 'c', jumpcloudUserId: hex(3), dynamic: false },
      },
      {
        kind: 'membership-missing',
        target: { type: 'group', id: 'g-dyn', name: 'Dyn' },
        action: null,
        detail: {
          userId: 't-c',
          userName: 'c',
          jumpcloudUserId: hex(3),
          dynamic: true,
          note: dynamicNote,
        },
      },
      {
        kind: 'membership-missing',
        target: { type: 'group', id: 'g-eng', name: 'Eng' },
        action: null,
        detail: { userId: 't-b', userName: 'b', jumpcloudUserId: hex(2), dynamic: false },
      },
      {
        kind: 'missing-user',
        target: { type: 'user', id: null, name: 'e' },
        action: null,
        detail: {
          jumpcloudUserId: hex(5),
          email: null,
          jumpcloudState: 'ACTIVATED',
          boundGroups: ['Eng'],
        },
      },
      {
        kind: 'missing-group',
        target: { type: 'group', id: null, name: 'Missing' },
        action: null,
        detail: { jumpcloudGroupId: hex(103), memberCount: 1 },
      },
      {
        kind: 'membership-unknown',
        target: { type: 'group', id: 'g-sec', name: 'Sec' },
        action: null,
        detail: { bound: true },
      },
    ]);
  });
});

describe('reconcile: attributes, duplicates and local accounts', () => {
  it('reports drift per attribute, duplicates once, and local accounts as unmanaged', () => {
    const ann = jcUser(hex(1), 'ann', {
      id: hex(1),
      email: 'ann@corp.example',
      firstName: 'Ann',
      lastName: 'Lee',
    });
    const dup = jcUser(hex(2), 'dup', { id: hex(2) });
    const dir = directory([ann, dup], [jcGroup('Eng', [ann.key, dup.key], { id: hex(100) })]);
    const snap = snapshot(
      [
        tenantUser('t-ann', 'ANN', {
          externalId: hex(1),
          email: 'ann@old.example',
          givenName: 'Anne',
          familyName: 'Lee',
        }),
        tenantUser('t-dup1', 'dup', { externalId: hex(2) }),
        tenantUser('t-dup2', 'dup.again', { externalId: hex(2), active: false }),
        tenantUser('t-local', 'breakglass', { email: 'bg@vaultone.local' }),
        tenantUser('t-helper', 'helper'),
      ],
      [tenantGroup('g-eng', 'Eng', ['t-ann', 't-dup1', 't-helper'], { externalId: hex(100) })],
    );

    const result = reconcile(snap, dir, { boundGroups: ['Eng'] });

    expect(withoutReasons(result.findings)).toEqual([
      {
        kind: 'deprovision-user',
        target: { type: 'user', id: 't-helper', name: 'helper' },
        action: 'deactivate-user',
        detail: {
          cause: 'unknown-to-jumpcloud',
          externalId: null,
          jumpcloudUserId: null,
          jumpcloudState: null,
          tenantGroups: ['Eng'],
          privileged: false,
        },
      },
      {
        kind: 'membership-extra',
        target: { type: 'group', id: 'g-eng', name: 'Eng' },
        action: 'remove-member',
        detail: { userId: 't-helper', userName: 'helper', jumpcloudUserId: null, dynamic: false },
      },
      {
        kind: 'attribute-drift',
        target: { type: 'user', id: 't-ann', name: 'ANN' },
        action: null,
        detail: {
          attribute: 'emails.value',
          tenantValue: 'ann@old.example',
          jumpcloudValue: 'ann@corp.example',
          jumpcloudUserId: hex(1),
        },
      },
      {
        kind: 'attribute-drift',
        target: { type: 'user', id: 't-ann', name: 'ANN' },
        action: null,
        detail: {
          attribute: 'name.givenName',
          tenantValue: 'Anne',
          jumpcloudValue: 'Ann',
          jumpcloudUserId: hex(1),
        },
      },
      {
        kind: 'duplicate-user',
        target: { type: 'user', id: null, name: 'dup' },
        action: null,
        detail: {
          jumpcloudUserId: hex(2),
          matchedBy: 'externalId',
          candidates: [
            { id: 't-dup1', userName: 'dup', active: true },
            { id: 't-dup2', userName: 'dup.again', active: false },
          ],
        },
      },
      {
        kind: 'unmanaged-user',
        target: { type: 'user', id: 't-local', name: 'breakglass' },
        action: null,
        detail: { externalId: null, email: 'bg@vaultone.local', active: true },
      },
    ]);
  });

  it('orders findings the same whatever order the tenant listed things in', () => {
    const dir = directory([jcUser(hex(9), 'outsider')], [jcGroup('Eng', [])]);
    const users = ['zed', 'Amy', 'bob'].map((n) => tenantUser(`t-${n}`, n));
    const forward = reconcile(snapshot(users, []), dir).findings;
    const backward = reconcile(snapshot([...users].reverse(), []), dir).findings;
    expect(forward.map((f) => f.target.name)).toEqual(['Amy', 'bob', 'zed']);
    expect(backward).toEqual(forward);
  });
});
