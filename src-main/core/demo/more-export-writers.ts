/**
 * The demo organisation in the JumpCloud export formats beyond the two CSVs: the "Users to User
 * Groups" report as JSON, the "Users to SSO Applications" report, the Get-JCBackup CSVs, a
 * Backup-JCOrganization zip and a bundle of API responses. Each file is what the JumpCloud tool
 * writes, including its oddities (UTF-16, `#TYPE` line, PascalCase keys, lone objects), so the
 * shipped demo export exercises the importer the way real files do.
 */
import { zipSync } from 'fflate';
import Papa from 'papaparse';
import { DEMO_EXPORT_DATE } from './export-writers';
import type { DemoJumpCloudGroup, DemoJumpCloudUser, DemoOrganisation } from './types';

/** A demo export file; zips and UTF-16 files are bytes. */
export interface DemoExportBytes {
  fileName: string;
  content: string | Uint8Array;
}

export interface DemoMoreExportWriter {
  description: string;
  write(org: DemoOrganisation): DemoExportBytes;
}

/** The VaultOne SCIM application in JumpCloud, and another app that binds groups too. */
export const DEMO_APPLICATIONS = {
  vaultOne: { id: '65a0c0de0000000000000a01', label: 'VaultOne SCIM' },
  other: { id: '65a0c0de0000000000000a02', label: 'Slack' },
};

const TIMESTAMP = `${DEMO_EXPORT_DATE}T0900000000`;
// Fixed, so regenerating the zip gives the same bytes.
const ZIP_TIME = new Date(Date.UTC(2026, 10, 1, 9));
const CRLF = '\r\n';

function adminReportRecords(org: DemoOrganisation): Array<Record<string, string>> {
  const records: Array<Record<string, string>> = [];
  for (const user of byName(org.jumpcloud.users, (u) => u.username)) {
    const groups = groupsOf(org, user.id);
    const base = {
      username: user.username,
      email: user.email,
      user_state: user.state,
      user_created_at: user.createdAt,
      account_locked: String(user.accountLocked),
      password_expired: String(user.passwordExpired),
      password_expiration_date: user.passwordExpired ? '2026-10-15T00:00:00.000Z' : '',
      user_object_id: user.id,
    };
    if (groups.length === 0)
      records.push({ ...base, user_group_name: '', user_group_object_id: '' });
    for (const g of groups)
      records.push({ ...base, user_group_name: g.name, user_group_object_id: g.id });
  }
  for (const group of sortedGroups(org).filter((g) => g.members.length === 0)) {
    records.push({
      username: '',
      email: '',
      user_group_name: group.name,
      user_group_object_id: group.id,
    });
  }
  return records;
}

/** Who reaches the VaultOne app: the members of its bound groups. */
function ssoReport(org: DemoOrganisation): DemoExportBytes {
  const bound = new Set(org.jumpcloud.boundGroupNames);
  const reach = new Set(
    org.jumpcloud.groups.filter((g) => bound.has(g.name)).flatMap((g) => g.members),
  );
  const users = byName(org.jumpcloud.users, (u) => u.username).filter((u) => reach.has(u.id));
  const rows = users.map((u) => [
    u.username,
    u.email,
    DEMO_APPLICATIONS.vaultOne.label,
    u.state,
    'user_group',
    '2026-06-01T08:00:00.000Z',
    '',
  ]);
  const header = [
    'username',
    'email',
    'application_name',
    'user_state',
    'association_type',
    'association_timestamp',
    'last_login_timestamp',
  ];
  return {
    fileName: `users-to-sso-applications-${org.jumpcloud.orgId}-${DEMO_EXPORT_DATE}Z.csv`,
    content: Papa.unparse({ fields: header, data: rows }, { newline: CRLF }) + CRLF,
  };
}

/** v1 systemuser fields, as Get-JCBackup and the API carry them. */
function systemUser(user: DemoJumpCloudUser): Record<string, unknown> {
  return {
    _id: user.id,
    username: user.username,
    email: user.email,
    firstname: user.firstName,
    lastname: user.lastName,
    activated: user.state !== 'STAGED',
    suspended: user.state === 'SUSPENDED',
    state: user.state,
    account_locked: user.accountLocked,
    password_expired: user.passwordExpired,
    created: user.createdAt,
    attributes: [{ name: 'source', value: 'demo' }],
  };
}

/** Get-JCBackup's JumpCloudUsers_<timestamp>.CSV: nested values as JSON strings, UTF-8 BOM. */
function jcBackupUsers(org: DemoOrganisation): DemoExportBytes {
  const records = org.jumpcloud.users.map(systemUser);
  const header = Object.keys(records[0] ?? systemUser(emptyUser()));
  const rows = records.map((r) =>
    header.map((h) => (typeof r[h] === 'object' ? JSON.stringify(r[h]) : String(r[h]))),
  );
  const text = Papa.unparse({ fields: header, data: rows }, { quotes: true, newline: CRLF });
  return { fileName: `JumpCloudUsers_${TIMESTAMP}.CSV`, content: '\ufeff' + text + CRLF };
}

/** Get-JCBackup group members CSV, as Windows PowerShell 5.1 writes it (UTF-16, #TYPE). */
function jcBackupGroupMembers(org: DemoOrganisation): DemoExportBytes {
  const rows = sortedGroups(org).flatMap((g) =>
    g.members.map((id) => [g.name, userById(org, id).username, id]),
  );
  const text =
    '#TYPE System.Management.Automation.PSCustomObject' +
    CRLF +
    Papa.unparse(
      { fields: ['GroupName', 'Username', 'UserID'], data: rows },
      { quotes: true, newline: CRLF },
    ) +
    CRLF;
  return { fileName: `JumpCloudUserGroupMembers_${TIMESTAMP}.CSV`, content: utf16le(text) };
}

/** Backup-JCOrganization -All: PascalCase JSON per type and association, in a dated folder. */
function backupZip(org: DemoOrganisation): DemoExportBytes {
  const { vaultOne, other } = DEMO_APPLICATIONS;
  const folder = `JumpCloud_${TIMESTAMP}/`;
  const bound = org.jumpcloud.groups.filter((g) => org.jumpcloud.boundGroupNames.includes(g.name));
  const otherBound = sortedGroups(org).find((g) => !bound.includes(g) && g.members.length > 0);
  const json = (value: unknown) => utf16le(JSON.stringify(value, null, 4) + CRLF);
  const files: Record<string, Uint8Array> = {
    'User.json': json(org.jumpcloud.users.map(pascalUser)),
    'UserGroup.json': json(
      org.jumpcloud.groups.map((g) => ({
        Id: g.id,
        Name: g.name,
        Type: 'user_group',
        MembershipMethod: 'STATIC',
        Description: '',
      })),
    ),
    'Application.json': json(
      [vaultOne, other].map((a) => ({ Id: a.id, Name: 'custom', DisplayLabel: a.label })),
    ),
    'Association-UserGroupToUser.json': json(
      org.jumpcloud.groups.flatMap((g) =>
        g.members.map((id) => ({
          Id: id,
          Type: 'user',
          CompiledAttributes: null,
          Paths: [[{ FromId: g.id, FromType: 'user_group', ToId: id, ToType: 'user' }]],
        })),
      ),
    ),
    'Association-ApplicationToUserGroup.json': json([
      ...bound.map((g) => connection(vaultOne.id, g.id)),
      ...(otherBound ? [connection(other.id, otherBound.id)] : []),
    ]),
    'BackupManifest.json': json({ date: TIMESTAMP, organizationID: org.jumpcloud.orgId }),
  };
  const entries = Object.fromEntries(
    Object.entries(files).map(([name, data]) => [folder + name, [data, { mtime: ZIP_TIME }]]),
  ) as Parameters<typeof zipSync>[0];
  return { fileName: `JumpCloud_${TIMESTAMP}.zip`, content: zipSync(entries, { mtime: ZIP_TIME }) };
}

/** API responses a script saved, under the paths they came from. */
function apiBundle(org: DemoOrganisation): DemoExportBytes {
  const bundle: Record<string, unknown> = {
    '/api/systemusers': {
      totalCount: org.jumpcloud.users.length,
      results: org.jumpcloud.users.map(systemUser),
    },
    '/api/v2/usergroups': org.jumpcloud.groups.map((g) => ({
      id: g.id,
      name: g.name,
      type: 'user_group',
      membershipMethod: 'STATIC',
    })),
  };
  for (const group of sortedGroups(org)) {
    bundle[`/api/v2/usergroups/${group.id}/members`] = group.members.map((id) => ({
      attributes: null,
      to: { attributes: null, id, type: 'user' },
    }));
  }
  const bound = org.jumpcloud.groups.filter((g) => org.jumpcloud.boundGroupNames.includes(g.name));
  bundle[`/api/v2/applications/${DEMO_APPLICATIONS.vaultOne.id}/usergroups`] = bound.map((g) => ({
    id: g.id,
    type: 'user_group',
    compiledAttributes: {},
    paths: [[{ attributes: {}, to: { attributes: null, id: g.id, type: 'user_group' } }]],
  }));
  return { fileName: 'jumpcloud-api.json', content: JSON.stringify(bundle, null, 2) + '\n' };
}

/** The export formats beyond H3's two CSVs, keyed by a name for the shipped file. */
export const DEMO_MORE_EXPORT_WRITERS: Record<string, DemoMoreExportWriter> = {
  'admin-users-to-groups-json': {
    description: 'Admin Portal report "Users to User Groups" (JSON)',
    write: (org) => ({
      fileName: `users-to-user-groups-${org.jumpcloud.orgId}-${DEMO_EXPORT_DATE}Z.json`,
      content: JSON.stringify(adminReportRecords(org), null, 2) + '\n',
    }),
  },
  'admin-users-to-sso-apps-csv': {
    description: 'Admin Portal report "Users to SSO Applications" (CSV): users, no groups',
    write: ssoReport,
  },
  'jcbackup-users-csv': {
    description: 'PowerShell Get-JCBackup users (JumpCloudUsers_*.CSV)',
    write: jcBackupUsers,
  },
  'jcbackup-group-members-csv': {
    description: 'PowerShell Get-JCBackup group members (JumpCloudUserGroupMembers_*.CSV, UTF-16)',
    write: jcBackupGroupMembers,
  },
  'backup-jcorganization-zip': {
    description: 'PowerShell Backup-JCOrganization zip (JSON, UTF-16, with bindings)',
    write: backupZip,
  },
  'api-bundle-json': {
    description: 'JumpCloud API responses saved by a script, keyed by path (with bindings)',
    write: apiBundle,
  },
};

/**
 * Which demo files make one export an admin would hand over, and whether that export carries
 * everything the audit uses (ids, states, names, emails, members): those must give the same
 * findings as the Admin Portal report.
 */
export const DEMO_EXPORT_SETS: Array<{ files: string[]; complete: boolean; bindings: boolean }> = [
  { files: ['admin-users-to-groups-csv'], complete: true, bindings: false },
  { files: ['admin-users-to-groups-json'], complete: true, bindings: false },
  { files: ['jcbackup-users-csv', 'jcbackup-group-members-csv'], complete: true, bindings: false },
  { files: ['backup-jcorganization-zip'], complete: true, bindings: true },
  { files: ['api-bundle-json'], complete: true, bindings: true },
  // No states, emails or names: suspended users and changed emails cannot be seen.
  { files: ['powershell-group-members-csv'], complete: false, bindings: false },
  // Users only: no groups at all.
  { files: ['admin-users-to-sso-apps-csv'], complete: false, bindings: false },
];

function connection(appId: string, groupId: string) {
  return {
    FromId: appId,
    FromType: 'application',
    ToId: groupId,
    ToType: 'user_group',
    Attributes: null,
  };
}

function pascalUser(user: DemoJumpCloudUser) {
  return {
    Id: user.id,
    Username: user.username,
    Email: user.email,
    Firstname: user.firstName,
    Lastname: user.lastName,
    Activated: user.state !== 'STAGED',
    Suspended: user.state === 'SUSPENDED',
    State: user.state,
    AccountLocked: user.accountLocked,
    PasswordExpired: user.passwordExpired,
    Created: user.createdAt,
  };
}

function groupsOf(org: DemoOrganisation, userId: string): DemoJumpCloudGroup[] {
  return sortedGroups(org).filter((g) => g.members.includes(userId));
}

function userById(org: DemoOrganisation, id: string): DemoJumpCloudUser {
  return org.jumpcloud.users.find((u) => u.id === id) as DemoJumpCloudUser;
}

function sortedGroups(org: DemoOrganisation): DemoJumpCloudGroup[] {
  return byName(org.jumpcloud.groups, (g) => g.name);
}

function byName<T>(items: T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

function emptyUser(): DemoJumpCloudUser {
  return {
    id: '',
    username: '',
    email: '',
    firstName: '',
    lastName: '',
    state: 'ACTIVATED',
    passwordExpired: false,
    accountLocked: false,
    createdAt: '',
  };
}

/** UTF-16 LE with a byte-order mark: what Windows PowerShell 5.1's Out-File writes. */
function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + i * 2] = unit & 0xff;
    bytes[3 + i * 2] = unit >> 8;
  }
  return bytes;
}
