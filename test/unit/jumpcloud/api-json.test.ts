import { describe, expect, it } from 'vitest';
import { ImportError, importExport } from '../../../src-main/core/jumpcloud';
import type { Directory } from '../../../src-main/core/model';
import {
  ALICE,
  BOB,
  CAROL,
  DAVE,
  EMPTY,
  ENGINEERING,
  SALES,
  USERS,
  VAULTONE_APP,
  applicationGroupsJson,
  bareUser,
  fullUser,
  membersJson,
  membershipJson,
  systemUsersJson,
  userGroupsJson,
  utf8,
} from './sample';

const DYNAMIC_WARNING =
  '1 dynamic group: JumpCloud changes their members on its own, ' +
  'so membership differences there may be legitimate.';

const file = (name: string, value: unknown) => ({
  name,
  data: utf8(typeof value === 'string' ? value : JSON.stringify(value)),
});

describe('API JSON dumps', () => {
  it('reads a bundle of responses keyed by API path into the whole directory', async () => {
    const bundle = {
      '/api/systemusers?limit=100&skip=0': JSON.parse(systemUsersJson()),
      'https://console.jumpcloud.com/api/v2/usergroups': JSON.parse(userGroupsJson()),
      [`/usergroups/${ENGINEERING.id}/members`]: membersJson(ENGINEERING.id),
      [`/usergroups/${SALES.id}/membership`]: membershipJson(SALES.id),
      [`/usergroups/${EMPTY.id}/members`]: [],
      [`/applications/${VAULTONE_APP.id}/usergroups`]: applicationGroupsJson([
        ENGINEERING.id,
        EMPTY.id,
      ]),
    };
    const result = await importExport([file('jumpcloud-api.json', bundle)]);

    const expected: Directory = {
      format: 'api-bundle-json',
      sources: ['jumpcloud-api.json'],
      users: USERS.map(fullUser),
      groups: [
        { id: ENGINEERING.id, name: 'Engineering', members: [ALICE.id, BOB.id], dynamic: false },
        {
          id: SALES.id,
          name: 'Sales; EMEA',
          members: [ALICE.id, CAROL.id, DAVE.id],
          dynamic: true,
        },
        { id: EMPTY.id, name: 'Empty Team', members: [], dynamic: false },
      ],
      boundGroups: ['Engineering', 'Empty Team'],
      hasMembership: true,
      skipped: [],
      warnings: [DYNAMIC_WARNING],
    };
    expect(result.directory).toEqual(expected);
    expect(result.files).toEqual([
      { name: 'jumpcloud-api.json', format: 'api-bundle-json', rows: 15, skipped: [] },
    ]);
  });

  it('reads one response per file; a members file names its group in the file name', async () => {
    const result = await importExport([
      file('systemusers.json', systemUsersJson()),
      file('usergroups.json', userGroupsJson()),
      file(`usergroup-${ENGINEERING.id}-members.json`, membersJson(ENGINEERING.id)),
      file(`usergroup-${SALES.id}-membership.json`, membershipJson(SALES.id)),
      file(`app-${VAULTONE_APP.id}-usergroups.json`, applicationGroupsJson([ENGINEERING.id])),
    ]);

    expect(result.files.map((f) => [f.format, f.rows])).toEqual([
      ['jcbackup-users-json', 5],
      ['api-usergroups-json', 3],
      ['api-associations-json', 2],
      ['api-associations-json', 3],
      ['api-associations-json', 1],
    ]);
    expect(result.directory.users).toEqual(USERS.map(fullUser));
    expect(result.directory.groups).toEqual([
      { id: ENGINEERING.id, name: 'Engineering', members: [ALICE.id, BOB.id], dynamic: false },
      { id: SALES.id, name: 'Sales; EMEA', members: [ALICE.id, CAROL.id, DAVE.id], dynamic: true },
      // No members file for it, and API dumps do not list every group: unknown, not empty.
      { id: EMPTY.id, name: 'Empty Team', members: null, dynamic: false },
    ]);
    expect(result.directory.boundGroups).toEqual(['Engineering']);
  });

  it('reads members dumps without users: users known by id only', async () => {
    const { directory } = await importExport([
      file('groups.json', userGroupsJson()),
      file(`${ENGINEERING.id}.json`, membersJson(ENGINEERING.id)),
    ]);

    expect(directory.users).toEqual([ALICE, BOB].map((u) => ({ ...bareUser(u), username: null })));
    expect(directory.boundGroups).toBeNull();
  });

  it('refuses a members dump that does not say which group it lists', async () => {
    const error = (await importExport([
      file('groups.json', userGroupsJson()),
      file('members.json', membersJson(ENGINEERING.id)),
    ]).catch((e: unknown) => e)) as ImportError;

    expect(error).toBeInstanceOf(ImportError);
    expect(error.file).toBe('members.json');
    expect(error.location).toBe('$[0]');
    expect(error.expected).toMatch(/usergroups\/<group id>\/members/);
  });

  it('refuses bindings to a group no groups file names, rather than guess', async () => {
    const error = (await importExport([
      file('usergroups.json', userGroupsJson()),
      file(`app-${VAULTONE_APP.id}.json`, applicationGroupsJson(['64b0000000000000000fffff'])),
    ]).catch((e: unknown) => e)) as ImportError;

    expect(error).toBeInstanceOf(ImportError);
    expect(error.file).toBe(`app-${VAULTONE_APP.id}.json`);
    expect(error.location).toBe('$[0]');
    expect(error.found).toBe('64b0000000000000000fffff');
  });

  it('treats an application with no bound groups as no binding data, and says so', async () => {
    const { directory } = await importExport([
      file('usergroups.json', userGroupsJson()),
      file('bundle.json', { [`/applications/${VAULTONE_APP.id}/usergroups`]: [] }),
    ]);

    expect(directory.boundGroups).toBeNull();
    expect(directory.warnings.some((w) => w.includes('lists no user groups'))).toBe(true);
  });

  it('reads the v1 systemusers dump alone, deriving states when the field is absent', async () => {
    const data = {
      totalCount: 2,
      results: [
        { _id: ALICE.id, username: 'alice', activated: true, suspended: false },
        { _id: DAVE.id, username: 'dave', activated: false, password_expired: true },
      ],
    };
    const { directory } = await importExport([file('users.json', data)]);

    expect(
      directory.users.map((u) => [u.username, u.state, u.suspended, u.passwordExpired]),
    ).toEqual([
      // No password_expired field: the dump does not say, which is not the same as "no".
      ['alice', 'ACTIVATED', false, null],
      ['dave', 'STAGED', false, true],
    ]);
    expect(directory.hasMembership).toBe(false);
    expect(directory.groups).toEqual([]);
  });

  it('names the JSON path of a bad value', async () => {
    const groups = JSON.parse(userGroupsJson()) as Array<Record<string, unknown>>;
    groups[2].id = 'nope';
    const error = (await importExport([file('g.json', groups)]).catch(
      (e: unknown) => e,
    )) as ImportError;

    expect(error).toBeInstanceOf(ImportError);
    expect(error.location).toBe('$[2].id');
    expect(error.expected).toBe('a JumpCloud user group id (24 hex digits)');
  });

  it('names the line of a JSON syntax error', async () => {
    const text = '[\n  {"id": "x",\n   "name": }\n]';
    const error = (await importExport([file('g.json', text)]).catch(
      (e: unknown) => e,
    )) as ImportError;

    expect(error).toBeInstanceOf(ImportError);
    expect(error.location).toBe('line 3');
  });
});
