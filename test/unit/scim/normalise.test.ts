import { describe, expect, it } from 'vitest';
import {
  pickEmail,
  readActive,
  readMembers,
  toTenantGroup,
  toTenantUser,
} from '../../../src-main/core/scim/normalise';

describe('readActive', () => {
  it.each([
    [true, true],
    [false, false],
    ['True', true],
    ['False', false],
    [' false ', false],
    ['TRUE', true],
    [0, false],
    [1, true],
    [undefined, true],
    [null, true],
  ])('reads %j as %s', (value, expected) => {
    expect(readActive(value)).toBe(expected);
  });
});

describe('pickEmail', () => {
  it('takes the primary one first', () => {
    const emails = [
      { value: 'home@x.test', type: 'home' },
      { value: 'work@x.test', type: 'work' },
      { value: 'main@x.test', primary: true },
    ];
    expect(pickEmail(emails)).toBe('main@x.test');
  });

  it('takes the work one when none is primary, else the first', () => {
    expect(
      pickEmail([
        { value: 'a@x.test', type: 'home' },
        { value: 'b@x.test', type: 'Work' },
      ]),
    ).toBe('b@x.test');
    expect(pickEmail([{ value: 'a@x.test' }, { value: 'b@x.test' }])).toBe('a@x.test');
  });

  it('accepts plain strings and "true" strings for primary', () => {
    expect(pickEmail(['plain@x.test'])).toBe('plain@x.test');
    expect(pickEmail([{ value: 'a@x.test' }, { value: 'b@x.test', primary: 'true' }])).toBe(
      'b@x.test',
    );
    expect(pickEmail([])).toBeNull();
    expect(pickEmail(undefined)).toBeNull();
  });
});

describe('toTenantUser', () => {
  it('normalises a full resource', () => {
    const raw = {
      id: 7,
      userName: 'ada',
      externalId: '5f1a2b3c4d5e6f7a8b9c0d1e',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      displayName: 'Ada Lovelace',
      emails: [{ value: 'ada@x.test', primary: true }],
      active: 'False',
      roles: [{ value: 'admin' }],
    };
    expect(toTenantUser(raw)).toEqual({
      id: '7',
      userName: 'ada',
      externalId: '5f1a2b3c4d5e6f7a8b9c0d1e',
      active: false,
      givenName: 'Ada',
      familyName: 'Lovelace',
      displayName: 'Ada Lovelace',
      email: 'ada@x.test',
      privileged: true,
      raw,
    });
  });

  it('marks users with entitlements as privileged and empty lists as not', () => {
    expect(toTenantUser({ id: 'a', userName: 'a', entitlements: ['x'] })?.privileged).toBe(true);
    expect(toTenantUser({ id: 'a', userName: 'a', roles: [], entitlements: [] })?.privileged).toBe(
      false,
    );
  });

  it('skips resources without an id', () => {
    expect(toTenantUser({ userName: 'ghost' })).toBeNull();
  });
});

describe('group members', () => {
  it('keeps unknown apart from empty', () => {
    expect(toTenantGroup({ id: 'g', displayName: 'G' })?.members).toBeNull();
    expect(toTenantGroup({ id: 'g', displayName: 'G', members: [] })?.members).toEqual([]);
  });

  it('reads member values, plain ids, and leaves nested groups out', () => {
    expect(
      readMembers([{ value: 'u1' }, 'u2', 3, { value: 'g9', type: 'Group' }, { display: 'x' }]),
    ).toEqual(['u1', 'u2', '3']);
  });
});
