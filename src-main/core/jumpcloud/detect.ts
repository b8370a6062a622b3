/**
 * Recognises an export by its content (never its file name): zip archives by their signature,
 * JSON by its first character, CSV by the columns of its header line.
 */
import type { RecordSet } from './records';

export type Container = 'zip' | 'json' | 'csv';

/** Zip signature (a local file header or an empty archive's end record). */
export function containerOf(data: Uint8Array, text: () => string): Container {
  if (data[0] === 0x50 && data[1] === 0x4b && (data[2] === 3 || data[2] === 5)) return 'zip';
  const start = text().trimStart()[0];
  return start === '{' || start === '[' ? 'json' : 'csv';
}

/** The record-based formats, told apart by the fields their records carry. */
export type TableFormat =
  | 'admin-users-to-groups'
  | 'admin-users-to-sso-apps'
  | 'powershell-group-members'
  | 'jcbackup-users';

/** Which table format these records are, or null when none fits. */
export function tableFormatOf(set: RecordSet): TableFormat | null {
  if (set.has('user_group_name') && set.has('username')) return 'admin-users-to-groups';
  if (set.has('application_name') && set.has('username')) return 'admin-users-to-sso-apps';
  if (set.has('GroupName') && (set.has('Username') || set.has('UserID'))) {
    return 'powershell-group-members';
  }
  if (set.has('username') && (set.has('_id') || set.has('id'))) return 'jcbackup-users';
  return null;
}

/** What a recognisable header looks like, for the error when none fits. */
export const KNOWN_HEADERS =
  'the header of a JumpCloud export: GroupName,Username,UserID (PowerShell); ' +
  'username,email,user_group_name,... ("Users to User Groups" report); ' +
  'username,email,application_name,... ("Users to SSO Applications" report); ' +
  '_id,username,email,... (Get-JCBackup users)';
