/**
 * A small JumpCloud organisation the importer tests write every export format from, and the
 * helpers to encode those files the way Windows and the Admin Portal do.
 */
import { zipSync, strToU8 } from 'fflate';
import type { DirectoryUser, JumpCloudState } from '../../../src-main/core/model';

export interface SampleUser {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  state: JumpCloudState;
  passwordExpired: boolean;
  accountLocked: boolean;
}

export interface SampleGroup {
  id: string;
  name: string;
  members: string[];
  dynamic: boolean;
}

const id = (n: number) => `64b${n.toString(16).padStart(21, '0')}`;

export const USERS: SampleUser[] = [
  user(1, 'alice', 'Alice', 'Archer', 'ACTIVATED'),
  user(2, 'Bob.Builder', 'Bob', 'Builder', 'ACTIVATED'),
  user(3, 'carol', 'Carol', 'Chen', 'SUSPENDED'),
  { ...user(4, 'dave', 'Dave', "D'Souza", 'STAGED'), passwordExpired: true },
  { ...user(5, 'erin', 'Erin', 'Eriksen', 'ACTIVATED'), accountLocked: true },
];

export const [ALICE, BOB, CAROL, DAVE, ERIN] = USERS;

export const GROUPS: SampleGroup[] = [
  { id: id(101), name: 'Engineering', members: [ALICE.id, BOB.id], dynamic: false },
  { id: id(102), name: 'Sales; EMEA', members: [ALICE.id, CAROL.id, DAVE.id], dynamic: true },
  { id: id(103), name: 'Empty Team', members: [], dynamic: false },
];

export const [ENGINEERING, SALES, EMPTY] = GROUPS;

/** The VaultOne application and the groups bound to it; another app binds Sales. */
export const VAULTONE_APP = { id: id(201), name: 'VaultOne SCIM' };
export const OTHER_APP = { id: id(202), name: 'Slack' };
export const BOUND = [ENGINEERING.name, EMPTY.name];

function user(
  n: number,
  username: string,
  firstName: string,
  lastName: string,
  state: JumpCloudState,
): SampleUser {
  return {
    id: id(n),
    username,
    email: `${username.toLowerCase()}@example.com`,
    firstName,
    lastName,
    state,
    passwordExpired: false,
    accountLocked: false,
  };
}

/** The directory user a full export (ids, names, states) must produce for a sample user. */
export function fullUser(u: SampleUser): DirectoryUser {
  return {
    key: u.id,
    id: u.id,
    username: u.username,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    state: u.state,
    suspended: u.state === 'SUSPENDED',
    passwordExpired: u.passwordExpired,
    accountLocked: u.accountLocked,
  };
}

/** The directory user from an export that knows only the id and username. */
export function bareUser(u: SampleUser): DirectoryUser {
  return {
    key: u.id,
    id: u.id,
    username: u.username,
    email: null,
    firstName: null,
    lastName: null,
    state: null,
    suspended: false,
    passwordExpired: null,
    accountLocked: false,
  };
}

export const byId = (userId: string) => USERS.find((u) => u.id === userId) as SampleUser;

/** CSV text with every field quoted (as Export-Csv writes), CRLF line ends. */
export function csvText(header: string[], rows: string[][], delimiter = ','): string {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return [header, ...rows].map((r) => r.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

export function utf8Bom(text: string): Uint8Array {
  return new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
}

/** UTF-16 with a byte-order mark, as Windows PowerShell 5.1 writes by default. */
export function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const [first, second] = endian === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
    out[2 + i * 2] = first;
    out[3 + i * 2] = second;
  }
  return out;
}

/** A zip of text entries. */
export function zip(entries: Record<string, string | Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(entries)) {
    files[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(files);
}

/** `Get-JCGroup -Type User | Get-JCUserGroupMember | Export-Csv`. */
export function powershellMembersCsv(delimiter = ','): string {
  const rows = GROUPS.flatMap((g) => g.members.map((m) => [g.name, byId(m).username, m]));
  return csvText(['GroupName', 'Username', 'UserID'], rows, delimiter);
}

export const REPORT_COLUMNS = [
  'username',
  'email',
  'user_group_name',
  'user_state',
  'user_created_at',
  'account_locked',
  'password_expired',
  'password_expiration_date',
  'user_object_id',
  'user_group_object_id',
];

/** Records of the "Users to User Groups" report, placeholders included, as objects. */
export function usersToGroupsRecords(): Array<Record<string, string>> {
  const records: Array<Record<string, string>> = [];
  for (const u of USERS) {
    const groups = GROUPS.filter((g) => g.members.includes(u.id));
    const base = {
      username: u.username,
      email: u.email,
      user_state: u.state,
      user_created_at: '2024-03-01T10:00:00.000Z',
      account_locked: String(u.accountLocked),
      password_expired: String(u.passwordExpired),
      password_expiration_date: '',
      user_object_id: u.id,
    };
    if (groups.length === 0)
      records.push({ ...base, user_group_name: '', user_group_object_id: '' });
    for (const g of groups) {
      records.push({ ...base, user_group_name: g.name, user_group_object_id: g.id });
    }
  }
  for (const g of GROUPS.filter((group) => group.members.length === 0)) {
    const empty = Object.fromEntries(REPORT_COLUMNS.map((c) => [c, '']));
    records.push({ ...empty, user_group_name: g.name, user_group_object_id: g.id });
  }
  return records;
}

export function usersToGroupsCsv(delimiter = ','): string {
  const rows = usersToGroupsRecords().map((r) => REPORT_COLUMNS.map((c) => r[c]));
  return csvText(REPORT_COLUMNS, rows, delimiter);
}

/** v1 `/systemusers` as the API returns it. */
export function systemUsersJson(): string {
  return JSON.stringify({
    totalCount: USERS.length,
    results: USERS.map((u) => ({
      _id: u.id,
      id: u.id,
      username: u.username,
      email: u.email,
      firstname: u.firstName,
      lastname: u.lastName,
      activated: u.state !== 'STAGED',
      suspended: u.state === 'SUSPENDED',
      state: u.state,
      account_locked: u.accountLocked,
      password_expired: u.passwordExpired,
      attributes: [{ name: 'team', value: 'x' }],
    })),
  });
}

/** v2 `/usergroups`. */
export function userGroupsJson(): string {
  return JSON.stringify(
    GROUPS.map((g) => ({
      id: g.id,
      name: g.name,
      type: 'user_group',
      description: '',
      email: '',
      membershipMethod: g.dynamic ? 'DYNAMIC_AUTOMATED' : 'STATIC',
      attributes: {},
    })),
  );
}

/** v2 `/usergroups/{id}/members`: ids only. */
export function membersJson(groupId: string): unknown[] {
  const group = GROUPS.find((g) => g.id === groupId) as SampleGroup;
  return group.members.map((m) => ({
    attributes: null,
    to: { attributes: null, id: m, type: 'user' },
  }));
}

/** v2 `/usergroups/{id}/membership`: users with compiled paths. */
export function membershipJson(groupId: string): unknown[] {
  const group = GROUPS.find((g) => g.id === groupId) as SampleGroup;
  return group.members.map((m) => ({
    id: m,
    type: 'user',
    compiledAttributes: {},
    paths: [[{ attributes: {}, to: { attributes: null, id: m, type: 'user' } }]],
  }));
}

/** v2 `/applications/{id}/usergroups`: the bound groups, as ids. */
export function applicationGroupsJson(groupIds: string[]): unknown[] {
  return groupIds.map((g) => ({
    id: g,
    type: 'user_group',
    compiledAttributes: {},
    paths: [[{ attributes: {}, to: { attributes: null, id: g, type: 'user_group' } }]],
  }));
}

const PASCAL_USER = (u: SampleUser) => ({
  AccountLocked: u.accountLocked,
  Activated: u.state !== 'STAGED',
  Email: u.email,
  Firstname: u.firstName,
  Id: u.id,
  Lastname: u.lastName,
  PasswordExpired: u.passwordExpired,
  State: u.state,
  Suspended: u.state === 'SUSPENDED',
  Username: u.username,
  Addresses: [{ Type: 'work', Locality: 'Leeds' }],
});

/**
 * `Backup-JCOrganization -Format json` as the module writes it: PascalCase keys, a
 * `JumpCloud_<timestamp>/` folder, association records with the SDK's flattened paths.
 */
export function backupZipJson(options: { utf16?: boolean; apps?: boolean } = {}): Uint8Array {
  const encode = (value: unknown) => {
    const text = JSON.stringify(value, null, 4);
    return options.utf16 ? utf16(text, 'le') : utf8(text);
  };
  const dir = 'JumpCloud_20261101T1000000000/';
  const apps = [VAULTONE_APP, OTHER_APP];
  return zip({
    [dir + 'User.json']: encode(USERS.map(PASCAL_USER)),
    [dir + 'UserGroup.json']: encode(
      GROUPS.map((g) => ({
        Id: g.id,
        Name: g.name,
        Type: 'user_group',
        MembershipMethod: g.dynamic ? 'DYNAMIC_REVIEW_REQUIRED' : 'STATIC',
      })),
    ),
    [dir + 'Application.json']: encode(
      apps.map((a) => ({ Id: a.id, Name: 'scim', DisplayLabel: a.name, DisplayName: a.name })),
    ),
    [dir + 'System.json']: encode([{ Id: 'abc', Hostname: 'laptop' }]),
    [dir + 'Association-UserGroupToUser.json']: encode(
      GROUPS.flatMap((g) =>
        g.members.map((m) => ({
          Id: m,
          Type: 'user',
          CompiledAttributes: {},
          Paths: [[{ FromId: g.id, FromType: 'user_group', ToId: m, ToType: 'user' }]],
        })),
      ),
    ),
    [dir + 'Association-ApplicationToUserGroup.json']: encode([
      ...[ENGINEERING, EMPTY].map((g) => ({
        FromId: VAULTONE_APP.id,
        FromType: 'application',
        ToId: g.id,
        ToType: 'user_group',
        Attributes: null,
      })),
      ...(options.apps === false
        ? []
        : [
            { FromId: OTHER_APP.id, FromType: 'application', ToId: SALES.id, ToType: 'user_group' },
          ]),
    ]),
    [dir + 'Association-SystemToUser.json']: encode([
      { FromId: 'abc', FromType: 'system', ToId: ALICE.id, ToType: 'user' },
    ]),
    [dir + 'BackupManifest.json']: encode({ date: '20261101T1000000000', backupFiles: [] }),
  });
}

/** `Backup-JCOrganization -Format csv`: nested values as compressed JSON strings. */
export function backupZipCsv(): Uint8Array {
  const dir = 'JumpCloud_20261101T1000000000/';
  const users = USERS.map((u) => {
    const record = PASCAL_USER(u);
    return { ...record, Addresses: JSON.stringify(record.Addresses) };
  });
  const toCsv = (records: Array<Record<string, unknown>>) => {
    const header = Object.keys(records[0]);
    return csvText(
      header,
      records.map((r) => header.map((h) => String(r[h]))),
    );
  };
  return zip({
    [dir + 'User.csv']: toCsv(users),
    [dir + 'UserGroup.csv']: toCsv(
      GROUPS.map((g) => ({
        Id: g.id,
        Name: g.name,
        MembershipMethod: g.dynamic ? 'DYNAMIC_AUTOMATED' : 'STATIC',
      })),
    ),
    [dir + 'Application.csv']: toCsv([{ Id: VAULTONE_APP.id, DisplayLabel: VAULTONE_APP.name }]),
    [dir + 'Association-UserToUserGroup.csv']: toCsv(
      GROUPS.flatMap((g) =>
        g.members.map((m) => ({
          Id: g.id,
          Type: 'user_group',
          Paths: JSON.stringify([
            [{ FromId: m, FromType: 'user', ToId: g.id, ToType: 'user_group' }],
          ]),
        })),
      ),
    ),
    [dir + 'Association-UserGroupToApplication.csv']: toCsv(
      [ENGINEERING, EMPTY].map((g) => ({
        FromId: g.id,
        FromType: 'user_group',
        ToId: VAULTONE_APP.id,
        ToType: 'application',
      })),
    ),
    [dir + 'Manifest.json']: '{}',
  });
}
