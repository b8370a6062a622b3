import { describe, expect, it } from 'vitest';
import { importExport } from '../../../src-main/core/jumpcloud';
import type { Directory, DirectoryUser } from '../../../src-main/core/model';
import {
  ALICE,
  BOB,
  CAROL,
  DAVE,
  EMPTY,
  ENGINEERING,
  ERIN,
  SALES,
  USERS,
  bareUser,
  csvText,
  powershellMembersCsv,
  usersToGroupsCsv,
  usersToGroupsRecords,
  utf8,
  type SampleUser,
} from './sample';

/** What the report knows of a user: no first or last name columns. */
function reportUser(u: SampleUser): DirectoryUser {
  return {
    ...bareUser(u),
    email: u.email,
    state: u.state,
    suspended: u.state === 'SUSPENDED',
    passwordExpired: u.passwordExpired,
    accountLocked: u.accountLocked,
  };
}

const POWERSHELL_DIRECTORY: Directory = {
  format: 'powershell-group-members-csv',
  sources: ['members.csv'],
  users: [ALICE, BOB, CAROL, DAVE].map(bareUser),
  groups: [
    { id: null, name: 'Engineering', members: [ALICE.id, BOB.id], dynamic: false },
    { id: null, name: 'Sales; EMEA', members: [ALICE.id, CAROL.id, DAVE.id], dynamic: false },
  ],
  boundGroups: null,
  hasMembership: true,
  skipped: [],
  // This format has ids, usernames and groups only: the audit must say what it cannot judge.
  warnings: [
    'The export carries no user states: users suspended in JumpCloud are not found and ' +
      'inactive users are not judged. Add the users file of the same backup ' +
      '(JumpCloudUsers_….CSV) or use the “Users to User Groups” report.',
    'The export carries no emails or names: only userName drift is checked.',
  ],
};

describe('PowerShell Get-JCUserGroupMember CSV', () => {
  it('reads groups, members and user ids; empty groups simply have no rows', async () => {
    const result = await importExport([
      { name: 'members.csv', data: utf8(powershellMembersCsv()) },
    ]);

    expect(result.directory).toEqual(POWERSHELL_DIRECTORY);
    expect(result.files).toEqual([
      { name: 'members.csv', format: 'powershell-group-members-csv', rows: 5, skipped: [] },
    ]);
  });

  it('skips the #TYPE line Windows PowerShell 5.1 writes without -NoTypeInformation', async () => {
    const text = '#TYPE System.Management.Automation.PSCustomObject\r\n' + powershellMembersCsv();
    const result = await importExport([{ name: 'members.csv', data: utf8(text) }]);

    expect(result.directory).toEqual(POWERSHELL_DIRECTORY);
  });

  it('keys users without an id by their lower-cased username', async () => {
    const text = csvText(['GroupName', 'Username', 'UserID'], [['Ops', 'Zed.Z', '']]);
    const { directory } = await importExport([{ name: 'm.csv', data: utf8(text) }]);

    expect(directory.users.map((u) => [u.key, u.id, u.username])).toEqual([
      ['u:zed.z', null, 'Zed.Z'],
    ]);
    expect(directory.groups).toEqual([
      { id: null, name: 'Ops', members: ['u:zed.z'], dynamic: false },
    ]);
  });

  it('counts rows without a group or a user as skipped', async () => {
    const text = csvText(
      ['GroupName', 'Username', 'UserID'],
      [
        ['Ops', 'zed', ''],
        ['', 'amy', ''],
        ['Ops', '', ''],
      ],
    );
    const result = await importExport([{ name: 'm.csv', data: utf8(text) }]);

    expect(result.files[0].skipped).toEqual([
      { reason: 'row without a group name', count: 1 },
      { reason: 'row without a username or user id', count: 1 },
    ]);
    expect(result.directory.skipped).toEqual(result.files[0].skipped);
    expect(result.directory.users.map((u) => u.key)).toEqual(['u:zed']);
  });
});

const REPORT_DIRECTORY: Directory = {
  format: 'admin-users-to-groups-csv',
  sources: ['users-to-user-groups-64b000000000000000000999-20261101Z.csv'],
  users: USERS.map(reportUser),
  groups: [
    { id: ENGINEERING.id, name: 'Engineering', members: [ALICE.id, BOB.id], dynamic: false },
    { id: SALES.id, name: 'Sales; EMEA', members: [ALICE.id, CAROL.id, DAVE.id], dynamic: false },
    { id: EMPTY.id, name: 'Empty Team', members: [], dynamic: false },
  ],
  boundGroups: null,
  hasMembership: true,
  skipped: [
    { reason: 'placeholder row: user in no group (user kept)', count: 1 },
    { reason: 'placeholder row: group with no users (group kept, empty)', count: 1 },
  ],
  warnings: [],
};

describe('Admin Portal "Users to User Groups" report', () => {
  const fileName = REPORT_DIRECTORY.sources[0];

  it('reads the CSV with states, flags, ids, and placeholder rows skipped and counted', async () => {
    const result = await importExport([{ name: fileName, data: utf8(usersToGroupsCsv()) }]);

    expect(result.directory).toEqual(REPORT_DIRECTORY);
    expect(result.files).toEqual([
      {
        name: fileName,
        format: 'admin-users-to-groups-csv',
        rows: 7,
        skipped: REPORT_DIRECTORY.skipped,
      },
    ]);
    // Erin is in no group but still a JumpCloud user; dave's expired password is kept.
    expect(result.directory.users.find((u) => u.username === 'erin')?.accountLocked).toBe(true);
    expect(ERIN.accountLocked).toBe(true);
  });

  it('reads the JSON form of the same report', async () => {
    const json = JSON.stringify(usersToGroupsRecords(), null, 2);
    const result = await importExport([{ name: fileName, data: utf8(json) }]);

    expect(result.directory).toEqual({ ...REPORT_DIRECTORY, format: 'admin-users-to-groups-json' });
    expect(result.files[0].format).toBe('admin-users-to-groups-json');
  });

  it('reads states in any case and yes/no flags', async () => {
    const text = csvText(
      ['username', 'user_group_name', 'user_state', 'account_locked', 'password_expired'],
      [['amy', 'Ops', 'suspended', 'Yes', 'FALSE']],
    );
    const { directory } = await importExport([{ name: 'r.csv', data: utf8(text) }]);

    expect(directory.users).toEqual([
      {
        key: 'u:amy',
        id: null,
        username: 'amy',
        email: null,
        firstName: null,
        lastName: null,
        state: 'SUSPENDED',
        suspended: true,
        passwordExpired: false,
        accountLocked: true,
      },
    ]);
  });
});

describe('several files together', () => {
  it('joins them whichever file comes first', async () => {
    const report = csvText(
      ['username', 'email', 'user_group_name', 'user_state'],
      [['ALICE', 'alice@example.com', 'Engineering', 'ACTIVATED']],
    );
    const { directory } = await importExport([
      { name: 'report.csv', data: utf8(report) },
      { name: 'members.csv', data: utf8(powershellMembersCsv()) },
    ]);

    expect(directory.users.map((u) => [u.key, u.username, u.email])).toEqual([
      [ALICE.id, 'ALICE', 'alice@example.com'],
      [BOB.id, 'Bob.Builder', null],
      [CAROL.id, 'carol', null],
      [DAVE.id, 'dave', null],
    ]);
    expect(directory.groups[0]).toEqual({
      id: null,
      name: 'Engineering',
      members: [ALICE.id, BOB.id],
      dynamic: false,
    });
  });

  it('joins users seen by id in one file and by username in another', async () => {
    const members = powershellMembersCsv();
    const report = csvText(
      ['username', 'email', 'user_group_name', 'user_state'],
      [
        ['ALICE', 'alice@example.com', 'Engineering', 'ACTIVATED'],
        ['frank', 'frank@example.com', 'Engineering', 'ACTIVATED'],
      ],
    );
    const { directory } = await importExport([
      { name: 'members.csv', data: utf8(members) },
      { name: 'report.csv', data: utf8(report) },
    ]);

    expect(directory.format).toBe('powershell-group-members-csv+admin-users-to-groups-csv');
    expect(directory.sources).toEqual(['members.csv', 'report.csv']);
    expect(directory.users.map((u) => [u.key, u.username, u.email])).toEqual([
      [ALICE.id, 'alice', 'alice@example.com'],
      [BOB.id, 'Bob.Builder', null],
      [CAROL.id, 'carol', null],
      [DAVE.id, 'dave', null],
      ['u:frank', 'frank', 'frank@example.com'],
    ]);
    expect(directory.groups.find((g) => g.name === 'Engineering')?.members).toEqual([
      ALICE.id,
      BOB.id,
      'u:frank',
    ]);
  });
});
