/**
 * Writers for the demo organisation's JumpCloud exports, one per export format, each producing
 * the file an admin would get from JumpCloud for this organisation. The registry is keyed by the
 * importer's format id, so the bundled demo export can be shipped in every format the app reads.
 */
import Papa from 'papaparse';
import type { DemoJumpCloudGroup, DemoJumpCloudUser, DemoOrganisation } from './types';

export interface DemoExportFile {
  /** File name inside `assets/demo/`. */
  fileName: string;
  content: string;
}

export interface DemoExportWriter {
  /** What the file is, for the admin and the README. */
  description: string;
  write(org: DemoOrganisation): DemoExportFile;
}

/** The day the demo exports were "taken": file names and dates in them use it. */
export const DEMO_EXPORT_DATE = '20261101';

/** Windows tools write CRLF; the importers must cope, so the demo files carry it too. */
const CRLF = '\r\n';

/** `Get-JCGroup -Type User | Get-JCUserGroupMember | Export-Csv`: empty groups have no rows. */
function powershellGroupMembers(org: DemoOrganisation): DemoExportFile {
  const userById = new Map(org.jumpcloud.users.map((user) => [user.id, user]));
  const rows: string[][] = [];
  for (const group of sortedGroups(org)) {
    for (const member of group.members) {
      const user = userById.get(member) as DemoJumpCloudUser;
      rows.push([group.name, user.username, user.id]);
    }
  }
  return {
    fileName: 'powershell-group-members.csv',
    content: csv(['GroupName', 'Username', 'UserID'], rows, { quotes: true }),
  };
}

const ADMIN_REPORT_COLUMNS = [
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

/**
 * Admin Portal report "Users to User Groups": one row per user and group, with placeholder rows
 * (empty group columns) for users in no group and (empty user columns) for groups with no users.
 */
function adminUsersToUserGroups(org: DemoOrganisation): DemoExportFile {
  const groupsOf = new Map<string, DemoJumpCloudGroup[]>();
  for (const group of sortedGroups(org)) {
    for (const member of group.members)
      groupsOf.set(member, [...(groupsOf.get(member) ?? []), group]);
  }

  const rows: string[][] = [];
  const users = [...org.jumpcloud.users].sort((a, b) => compare(a.username, b.username));
  for (const user of users) {
    const groups = groupsOf.get(user.id) ?? [];
    if (groups.length === 0) rows.push(adminReportRow(user, null));
    for (const group of groups) rows.push(adminReportRow(user, group));
  }
  for (const group of sortedGroups(org).filter((g) => g.members.length === 0)) {
    rows.push(['', '', group.name, '', '', '', '', '', '', group.id]);
  }
  return {
    fileName: `users-to-user-groups-${org.jumpcloud.orgId}-${DEMO_EXPORT_DATE}Z.csv`,
    content: csv(ADMIN_REPORT_COLUMNS, rows, { quotes: false }),
  };
}

function adminReportRow(user: DemoJumpCloudUser, group: DemoJumpCloudGroup | null): string[] {
  return [
    user.username,
    user.email,
    group?.name ?? '',
    user.state,
    user.createdAt,
    String(user.accountLocked),
    String(user.passwordExpired),
    user.passwordExpired ? '2026-10-15T00:00:00.000Z' : '',
    user.id,
    group?.id ?? '',
  ];
}

/**
 * The bound groups, one name per line. Neither CSV format carries binding data, so the demo ships
 * the list the admin would otherwise pick (`--bound-file`).
 */
export function writeBoundGroupsFile(org: DemoOrganisation): DemoExportFile {
  return { fileName: 'bound-groups.txt', content: org.jumpcloud.boundGroupNames.join('\n') + '\n' };
}

/** Every demo export writer, by the format id the importer detects. */
export const DEMO_EXPORT_WRITERS: Record<string, DemoExportWriter> = {
  'powershell-group-members-csv': {
    description: 'PowerShell Get-JCUserGroupMember piped to Export-Csv (GroupName,Username,UserID)',
    write: powershellGroupMembers,
  },
  'admin-users-to-groups-csv': {
    description: 'Admin Portal report "Users to User Groups" (CSV)',
    write: adminUsersToUserGroups,
  },
};

/** The export `audit --demo` reads: it carries states, emails and ids. */
export const DEMO_AUDIT_FORMAT = 'admin-users-to-groups-csv';

function sortedGroups(org: DemoOrganisation): DemoJumpCloudGroup[] {
  return [...org.jumpcloud.groups].sort((a, b) => compare(a.name, b.name));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function csv(header: string[], rows: string[][], options: { quotes: boolean }): string {
  return (
    Papa.unparse({ fields: header, data: rows }, { quotes: options.quotes, newline: CRLF }) + CRLF
  );
}
