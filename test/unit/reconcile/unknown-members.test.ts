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

describe('reconcile: bound JumpCloud groups whose members the export does not give', () => {
  // Eng and Sec list their members; Ops and Lab are bound but the export is silent about theirs
  // (an API bundle with /usergroups but member lists for only some groups).
  const ann = jcUser(hex(1), 'ann', { id: hex(1) });
  const bob = jcUser(hex(2), 'bob', { id: hex(2) });
  const cy = jcUser(hex(3), 'cy', { id: hex(3), state: 'SUSPENDED', suspended: true });
  const dee = jcUser(hex(4), 'dee', { id: hex(4), email: 'dee@corp.example' });
  const dir = directory(
    [ann, bob, cy, dee],
    [
      jcGroup('Eng', [ann.key], { id: hex(100) }),
      jcGroup('Ops', null, { id: hex(101) }),
      jcGroup('Lab', null, { id: hex(102) }),
      jcGroup('Sec', [ann.key], { id: hex(103) }),
    ],
  );
  const snap = snapshot(
    [
      tenantUser('t-ann', 'ann', { externalId: hex(1) }),
      tenantUser('t-bob', 'bob', { externalId: hex(2) }),
      tenantUser('t-cy', 'cy', { externalId: hex(3) }),
      tenantUser('t-dee', 'dee', {
        externalId: hex(4),
        active: false,
        email: 'dee@old.example',
      }),
      tenantUser('t-gone', 'gone', { externalId: hex(50) }),
    ],
    [
      tenantGroup('g-eng', 'Eng', ['t-ann'], { externalId: hex(100) }),
      tenantGroup('g-ops', 'Ops', ['t-bob', 't-gone'], { externalId: hex(101) }),
    ],
  );

  it('deprovisions only the suspended user, and checks no member list it lacks', () => {
    const result = reconcile(snap, dir, { boundGroups: ['Eng', 'Ops', 'Lab', 'Sec'] });

    // bob and gone may be in Ops or Lab in JumpCloud: neither is deprovisioned, and Ops draws
    // no membership-extra. cy is suspended, which needs no membership. dee may be provisioned
    // through Ops or Lab: her drift is reported, her inactivity is not judged. Lab may be empty,
    // so its absence is no missing-group; Sec has a member and is absent, so it is one.
    expect(withoutReasons(result.findings)).toEqual([
      {
        kind: 'deprovision-user',
        target: { type: 'user', id: 't-cy', name: 'cy' },
        action: 'deactivate-user',
        detail: {
          cause: 'suspended',
          externalId: hex(3),
          jumpcloudUserId: hex(3),
          jumpcloudState: 'SUSPENDED',
          tenantGroups: [],
          privileged: false,
        },
      },
      {
        kind: 'missing-group',
        target: { type: 'group', id: null, name: 'Sec' },
        action: null,
        detail: { jumpcloudGroupId: hex(103), memberCount: 1 },
      },
      {
        kind: 'attribute-drift',
        target: { type: 'user', id: 't-dee', name: 'dee' },
        action: null,
        detail: {
          attribute: 'emails.value',
          tenantValue: 'dee@old.example',
          jumpcloudValue: 'dee@corp.example',
          jumpcloudUserId: hex(4),
        },
      },
    ]);
  });

  it('warns which bound groups the export gives no members for', () => {
    const result = reconcile(snap, dir, { boundGroups: ['Eng', 'Ops', 'Lab', 'Sec'] });

    expect(result.warnings).toEqual([
      'The export does not say who is in the bound groups "Ops", "Lab": anyone may be in ' +
        'them, so no user is deprovisioned for being in no bound group or unknown to ' +
        'JumpCloud, and their members and absence from the tenant are not checked. Export ' +
        'their members to audit them.',
    ]);
  });

  it('still deprovisions users in no bound group when every bound group lists its members', () => {
    const result = reconcile(snap, dir, { boundGroups: ['Eng', 'Sec'] });

    expect(result.warnings).toEqual([]);
    expect(
      result.findings
        .filter((f) => f.kind === 'deprovision-user')
        .map((f) => [f.target.name, f.detail.cause]),
    ).toEqual([
      ['bob', 'no-bound-group'],
      ['cy', 'suspended'],
      ['gone', 'unknown-to-jumpcloud'],
    ]);
  });
});

describe('reconcile: bound tenant groups whose members the server did not return', () => {
  it('without membership data, deprovisions nobody for belonging only to orphan groups', () => {
    const dir = directory(
      [jcUser(hex(1), 'ann', { id: hex(1) }), jcUser(hex(2), 'bob', { id: hex(2) })],
      [jcGroup('Eng', null), jcGroup('Ops', null)],
      { hasMembership: false },
    );
    // Eng is bound and its members are hidden: bob may be in it without us seeing it.
    const snap = snapshot(
      [
        tenantUser('t-ann', 'ann', { externalId: hex(1) }),
        tenantUser('t-bob', 'bob', { externalId: hex(2) }),
      ],
      [tenantGroup('g-eng', 'Eng', null), tenantGroup('g-ops', 'Ops', ['t-bob'])],
    );

    const result = reconcile(snap, dir, { boundGroups: ['Eng'] });

    expect(withoutReasons(result.findings)).toEqual([
      {
        kind: 'orphan-group',
        target: { type: 'group', id: 'g-ops', name: 'Ops' },
        action: 'delete-group',
        detail: {
          externalId: null,
          knownToJumpCloud: true,
          jumpcloudGroupId: null,
          memberCount: 1,
          members: ['t-bob'],
        },
      },
      {
        kind: 'membership-unknown',
        target: { type: 'group', id: 'g-eng', name: 'Eng' },
        action: null,
        detail: { bound: true },
      },
    ]);
    expect(result.warnings).toEqual([
      'The tenant did not return the members of the bound group "Eng", and the export has ' +
        'no membership data: anyone may be in it, so no user is deprovisioned for belonging ' +
        'only to orphan groups.',
    ]);
  });

  it('still applies the rule when only orphan groups hide their members', () => {
    const dir = directory(
      [jcUser(hex(1), 'ann', { id: hex(1) }), jcUser(hex(2), 'bob', { id: hex(2) })],
      [jcGroup('Eng', null), jcGroup('Ops', null), jcGroup('Old', null)],
      { hasMembership: false },
    );
    // Being in Old could not keep bob provisioned, so its hidden members change nothing.
    const snap = snapshot(
      [
        tenantUser('t-ann', 'ann', { externalId: hex(1) }),
        tenantUser('t-bob', 'bob', { externalId: hex(2) }),
      ],
      [
        tenantGroup('g-eng', 'Eng', ['t-ann']),
        tenantGroup('g-ops', 'Ops', ['t-bob']),
        tenantGroup('g-old', 'Old', null),
      ],
    );

    const result = reconcile(snap, dir, { boundGroups: ['Eng'] });

    expect(result.findings.map((f) => [f.kind, f.target.name, f.detail.cause ?? null])).toEqual([
      ['orphan-group', 'Old', null],
      ['orphan-group', 'Ops', null],
      ['deprovision-user', 'bob', 'only-orphan-groups'],
      ['membership-unknown', 'Old', null],
    ]);
    expect(result.warnings).toEqual([]);
  });
});
