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
  backupZipCsv,
  backupZipJson,
  csvText,
  fullUser,
  powershellMembersCsv,
  utf16,
  utf8,
  zip,
} from './sample';

const GROUPS: Directory['groups'] = [
  { id: ENGINEERING.id, name: 'Engineering', members: [ALICE.id, BOB.id], dynamic: false },
  { id: SALES.id, name: 'Sales; EMEA', members: [ALICE.id, CAROL.id, DAVE.id], dynamic: true },
  { id: EMPTY.id, name: 'Empty Team', members: [], dynamic: false },
];

const DYNAMIC_WARNING =
  '1 dynamic group: JumpCloud changes their members on its own, ' +
  'so membership differences there may be legitimate.';

describe('Backup-JCOrganization zip', () => {
  it('reads users, groups, memberships and the VaultOne bindings from the JSON backup', async () => {
    const result = await importExport([{ name: 'JumpCloud_20261101.zip', data: backupZipJson() }]);

    const expected: Directory = {
      format: 'backup-jcorganization-zip',
      sources: ['JumpCloud_20261101.zip'],
      users: USERS.map(fullUser),
      groups: GROUPS,
      // Slack binds Sales too; the application named VaultOne is the one that counts.
      boundGroups: ['Engineering', 'Empty Team'],
      hasMembership: true,
      skipped: [
        {
          reason: 'entry not used by the audit (JumpCloud_20261101T1000000000/System.json)',
          count: 1,
        },
        {
          reason:
            'entry not used by the audit (JumpCloud_20261101T1000000000/Association-SystemToUser.json)',
          count: 1,
        },
      ],
      warnings: [
        DYNAMIC_WARNING,
        'The export binds groups to 2 applications; the bindings of "VaultOne SCIM" were used.',
      ],
    };
    expect(result.directory).toEqual(expected);
    expect(result.files).toEqual([
      {
        name: 'JumpCloud_20261101.zip',
        format: 'backup-jcorganization-zip',
        rows: 5 + 3 + 2 + 5 + 3,
        skipped: expected.skipped,
      },
    ]);
  });

  it('lets the admin choose the application whose bindings count', async () => {
    const { directory } = await importExport([{ name: 'b.zip', data: backupZipJson() }], {
      application: 'slack',
    });

    expect(directory.boundGroups).toEqual(['Sales; EMEA']);
  });

  it('refuses an application the backup has no bindings for', async () => {
    const error = (await importExport([{ name: 'b.zip', data: backupZipJson() }], {
      application: 'Okta',
    }).catch((e: unknown) => e)) as ImportError;

    expect(error).toBeInstanceOf(ImportError);
    expect(error.found).toBe('bindings for VaultOne SCIM, Slack');
  });

  it('reads entries Windows PowerShell wrote as UTF-16', async () => {
    const plain = await importExport([{ name: 'b.zip', data: backupZipJson() }]);
    const wide = await importExport([{ name: 'b.zip', data: backupZipJson({ utf16: true }) }]);

    expect(wide.directory).toEqual(plain.directory);
  });

  it('reads the CSV backup with nested values as JSON strings, from the users side', async () => {
    const { directory } = await importExport([{ name: 'b.zip', data: backupZipCsv() }]);

    expect(directory.users).toEqual(USERS.map(fullUser));
    expect(directory.groups).toEqual(GROUPS);
    expect(directory.boundGroups).toEqual(['Engineering', 'Empty Team']);
    expect(directory.format).toBe('backup-jcorganization-zip');
  });

  it('reads a lone object where PowerShell wrote one record without an array', async () => {
    const data = zip({
      'User.json': JSON.stringify({ Id: ALICE.id, Username: 'alice', State: 'ACTIVATED' }),
      'UserGroup.json': JSON.stringify({ Id: ENGINEERING.id, Name: 'Engineering' }),
    });
    const { directory } = await importExport([{ name: 'b.zip', data }]);

    expect(directory.users.map((u) => u.username)).toEqual(['alice']);
    // Without association files the backup says nothing about members.
    expect(directory.groups).toEqual([
      { id: ENGINEERING.id, name: 'Engineering', members: null, dynamic: false },
    ]);
    expect(directory.hasMembership).toBe(false);
    expect(directory.boundGroups).toBeNull();
  });

  it('names the entry and JSON path of a bad value inside the zip', async () => {
    const data = zip({
      'JumpCloud_1/User.json': JSON.stringify([{ Id: ALICE.id, Username: 'alice', State: 'GONE' }]),
    });
    const error = (await importExport([{ name: 'b.zip', data }]).catch(
      (e: unknown) => e,
    )) as ImportError;

    expect(error).toBeInstanceOf(ImportError);
    expect(error.file).toBe('b.zip!JumpCloud_1/User.json');
    expect(error.location).toBe('$[0].State');
  });

  it('refuses a zip that is not a JumpCloud backup', async () => {
    const data = zip({ 'notes.txt': 'hello' });
    const error = (await importExport([{ name: 'x.zip', data }]).catch(
      (e: unknown) => e,
    )) as ImportError;

    expect(error).toBeInstanceOf(ImportError);
    expect(error.expected).toMatch(/Backup-JCOrganization/);
  });

  it('refuses a zip entry that inflates beyond the size limit, before inflating it', async () => {
    const big = new Uint8Array(200_000).fill(0x20);
    const data = zip({ 'User.json': big });
    const error = (await importExport([{ name: 'b.zip', data }], { maxBytes: 100_000 }).catch(
      (e: unknown) => e,
    )) as ImportError;

    expect(data.byteLength).toBeLessThan(100_000);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.name).toBe('ExportTooLargeError');
    expect(error.file).toBe('b.zip!User.json');
  });
});

describe('Get-JCBackup CSVs', () => {
  it('reads JumpCloudUsers_*.CSV (nested values as JSON) with the members CSV', async () => {
    const header = [
      '_id',
      'username',
      'email',
      'firstname',
      'lastname',
      'activated',
      'suspended',
      'state',
      'account_locked',
      'password_expired',
      'addresses',
      'attributes',
    ];
    const rows = USERS.map((u) => [
      u.id,
      u.username,
      u.email,
      u.firstName,
      u.lastName,
      String(u.state !== 'STAGED'),
      String(u.state === 'SUSPENDED'),
      u.state,
      String(u.accountLocked),
      String(u.passwordExpired),
      JSON.stringify([{ type: 'work', locality: 'Leeds, "Centre"' }]),
      '[]',
    ]);
    const result = await importExport([
      { name: 'JumpCloudUsers_20261101.CSV', data: utf16(csvText(header, rows), 'le') },
      { name: 'JumpCloudUserGroupMembers_20261101.CSV', data: utf8(powershellMembersCsv()) },
    ]);

    expect(result.files.map((f) => [f.format, f.rows])).toEqual([
      ['jcbackup-users-csv', 5],
      ['powershell-group-members-csv', 5],
    ]);
    expect(result.directory.users).toEqual(USERS.map(fullUser));
    expect(result.directory.groups).toEqual([
      { id: null, name: 'Engineering', members: [ALICE.id, BOB.id], dynamic: false },
      { id: null, name: 'Sales; EMEA', members: [ALICE.id, CAROL.id, DAVE.id], dynamic: false },
    ]);
  });
});
