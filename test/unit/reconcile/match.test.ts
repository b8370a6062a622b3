import { describe, expect, it } from 'vitest';
import { matchGroups, matchUsers } from '../../../src-main/core/reconcile';
import { hex, jcGroup, jcUser, tenantGroup, tenantUser } from './builders';

describe('matchUsers', () => {
  it('matches by externalId before userName, and by userName case-insensitively', () => {
    const byId = jcUser(hex(1), 'ann', { id: hex(1) });
    const byName = jcUser('u:bob', 'Bob.Smith');
    const tenant = [
      tenantUser('t-ann-old', 'ann', { externalId: null }),
      tenantUser('t-ann', 'ann.renamed', { externalId: hex(1).toUpperCase() }),
      tenantUser('t-bob', 'bob.smith'),
    ];
    const matching = matchUsers(tenant, [byId, byName]);
    expect(matching.tenantUserOf.get(hex(1))?.id).toBe('t-ann');
    expect(matching.tenantUserOf.get('u:bob')?.id).toBe('t-bob');
    expect(matching.directoryUserOf.has('t-ann-old')).toBe(false);
    expect(matching.duplicates).toEqual([]);
  });

  it('falls back to the primary email, lower-cased, when no userName matches', () => {
    const user = jcUser(hex(2), 'carol', { id: hex(2), email: 'Carol@Example.com' });
    const matching = matchUsers(
      [tenantUser('t-carol', 'c.jones', { email: 'carol@example.COM' })],
      [user],
    );
    expect(matching.tenantUserOf.get(hex(2))?.id).toBe('t-carol');
  });

  it('never matches by userName when both sides carry different ids', () => {
    const user = jcUser(hex(3), 'dave', { id: hex(3), email: 'dave@example.com' });
    const other = tenantUser('t-dave', 'dave', {
      externalId: hex(99),
      email: 'dave@example.com',
    });
    const matching = matchUsers([other], [user]);
    expect(matching.tenantUserOf.size).toBe(0);
    expect(matching.directoryUserOf.size).toBe(0);
  });

  it('reports two candidates as a duplicate instead of picking one', () => {
    const user = jcUser(hex(4), 'erin', { id: hex(4) });
    const matching = matchUsers(
      [
        tenantUser('t-erin-1', 'erin', { externalId: hex(4) }),
        tenantUser('t-erin-2', 'ERIN', { externalId: hex(4) }),
      ],
      [user],
    );
    expect(matching.tenantUserOf.size).toBe(0);
    expect(matching.duplicates).toHaveLength(1);
    expect(matching.duplicates[0].rule).toBe('externalId');
    expect(matching.duplicates[0].candidates.map((c) => c.id)).toEqual(['t-erin-1', 't-erin-2']);
    expect([...matching.ambiguousTenantIds]).toEqual(['t-erin-1', 't-erin-2']);
  });

  it('does not let a weaker rule claim a tenant user a stronger rule already matched', () => {
    const first = jcUser(hex(5), 'frank', { id: hex(5) });
    // Another JumpCloud user whose username is the tenant user's current userName.
    const second = jcUser('u:frank.b', 'frank.b');
    const matching = matchUsers(
      [tenantUser('t-frank', 'frank.b', { externalId: hex(5) })],
      [second, first],
    );
    expect(matching.tenantUserOf.get(hex(5))?.id).toBe('t-frank');
    expect(matching.tenantUserOf.has('u:frank.b')).toBe(false);
  });
});

describe('matchGroups', () => {
  it('matches by externalId, else by displayName case-insensitively', () => {
    const eng = jcGroup('Engineering', [], { id: hex(10) });
    const fin = jcGroup('Finance', [], { id: hex(11) });
    const matched = matchGroups(
      [
        tenantGroup('g1', 'Eng (renamed)', [], { externalId: hex(10) }),
        tenantGroup('g2', 'FINANCE', []),
        tenantGroup('g3', 'Finance', [], { externalId: hex(77) }),
      ],
      [eng, fin],
    );
    expect(matched.get('g1')).toBe(eng);
    expect(matched.get('g2')).toBe(fin);
    expect(matched.has('g3')).toBe(false);
  });
});
