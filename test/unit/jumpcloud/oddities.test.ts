import { describe, expect, it } from 'vitest';
import { importExport } from '../../../src-main/core/jumpcloud';
import {
  ALICE,
  EMPTY,
  ENGINEERING,
  OTHER_APP,
  SALES,
  VAULTONE_APP,
  applicationGroupsJson,
  backupZipJson,
  csvText,
  userGroupsJson,
  utf8,
} from './sample';

const json = (name: string, value: unknown) => ({ name, data: utf8(JSON.stringify(value)) });

describe('less common shapes', () => {
  it('treats N/A and dashes in the report as placeholders', async () => {
    const text = csvText(
      ['username', 'user_group_name', 'user_state'],
      [
        ['amy', 'N/A', 'ACTIVATED'],
        ['-', 'Ops', ''],
      ],
    );
    const result = await importExport([{ name: 'r.csv', data: utf8(text) }]);

    expect(result.directory.users.map((u) => u.key)).toEqual(['u:amy']);
    expect(result.directory.groups).toEqual([
      { id: null, name: 'Ops', members: [], dynamic: false },
    ]);
    expect(result.files[0].skipped.map((s) => s.count)).toEqual([1, 1]);
  });

  it('chooses the application by id as well as by name', async () => {
    const { directory } = await importExport([{ name: 'b.zip', data: backupZipJson() }], {
      application: OTHER_APP.id,
    });

    expect(directory.boundGroups).toEqual([SALES.name]);
  });

  it('combines the bindings of several unnamed applications, and says so', async () => {
    const { directory } = await importExport([
      json('groups.json', JSON.parse(userGroupsJson())),
      json('bundle.json', {
        [`/applications/${VAULTONE_APP.id}/usergroups`]: applicationGroupsJson([ENGINEERING.id]),
        [`/applications/${OTHER_APP.id}/usergroups`]: applicationGroupsJson([EMPTY.id]),
      }),
    ]);

    expect(directory.boundGroups).toEqual([ENGINEERING.name, EMPTY.name]);
    expect(directory.warnings).toContain(
      `The export binds groups to 2 applications (${VAULTONE_APP.id}, ${OTHER_APP.id}); ` +
        'their bound groups were combined. Choose the application to narrow them.',
    );
  });

  it('prefers the VaultOne application once a v1 /applications dump names them', async () => {
    const { directory } = await importExport([
      json('groups.json', JSON.parse(userGroupsJson())),
      json('apps.json', {
        totalCount: 2,
        results: [
          { _id: VAULTONE_APP.id, name: 'custom', displayLabel: 'VaultOne (SCIM)' },
          { _id: OTHER_APP.id, name: 'slack', displayLabel: 'Slack' },
        ],
      }),
      json('bundle.json', {
        [`/applications/${VAULTONE_APP.id}/usergroups`]: applicationGroupsJson([ENGINEERING.id]),
        [`/applications/${OTHER_APP.id}/usergroups`]: applicationGroupsJson([EMPTY.id]),
      }),
    ]);

    expect(directory.boundGroups).toEqual([ENGINEERING.name]);
  });

  it('reads an empty JSON list as nothing, with a warning', async () => {
    const result = await importExport([json('members.json', [])]);

    expect(result.files[0]).toEqual({
      name: 'members.json',
      format: 'empty-json',
      rows: 0,
      skipped: [],
    });
    expect(result.directory.warnings).toEqual([
      'members.json holds an empty list; nothing was read from it.',
    ]);
  });

  it('reads an empty members list named by group id as a group with no members', async () => {
    const { directory } = await importExport([
      json('groups.json', JSON.parse(userGroupsJson())),
      json(`usergroup-${EMPTY.id}-members.json`, []),
    ]);

    expect(directory.groups.find((g) => g.id === EMPTY.id)?.members).toEqual([]);
    expect(directory.groups.find((g) => g.id === ENGINEERING.id)?.members).toBeNull();
  });

  it('lower-cases ids written in upper case', async () => {
    const text = csvText(
      ['GroupName', 'Username', 'UserID'],
      [['Ops', 'alice', ALICE.id.toUpperCase()]],
    );
    const { directory } = await importExport([{ name: 'm.csv', data: utf8(text) }]);

    expect(directory.users[0].key).toBe(ALICE.id);
  });
});

describe('CSV row width errors', () => {
  it('says "1 field" for a row with a single field', async () => {
    const text =
      'GroupName,Username,UserID\r\nEngineering,alice,0123456789abcdef01234567\r\nlonely\r\n';
    const error = await importExport([{ name: 'members.csv', data: utf8(text) }]).catch(
      (e: unknown) => e as Error,
    );
    expect((error as Error).message).toMatch(
      /expected 3 fields separated by ",", like the header, found 1 field$/,
    );
  });
});
