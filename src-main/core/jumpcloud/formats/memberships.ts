/**
 * The two membership listings an admin most often has: the PowerShell
 * `Get-JCGroup -Type User | Get-JCUserGroupMember | Export-Csv` output (also written by
 * Get-JCBackup as JumpCloudUserGroupMembers_*.CSV) and the Admin Portal report
 * "Users to User Groups" (CSV or JSON). Both list every group of the org, so a group they do
 * not mention has no members.
 */
import type { DirectoryBuilder } from '../builder';
import type { RecordSet } from '../records';
import type { FileTally } from '../tally';
import { flag, isJumpCloudId, jumpCloudId, jumpCloudState, requireText, text } from '../values';

/** `GroupName,Username,UserID`: one row per member; empty groups have no rows. */
export function readGroupMembers(set: RecordSet, builder: DirectoryBuilder, tally: FileTally) {
  const groupName = set.accessor('GroupName');
  const username = set.accessor('Username');
  const userId = set.accessor('UserID');
  // This format runs to hundreds of thousands of rows, mostly repeating the same users and
  // groups: the group is looked up only when it changes, a known user with one lookup.
  let lastGroupName: string | null = null;
  let members = new Set<number>();

  for (let row = 0; row < set.count; row++) {
    const group = text(groupName(row));
    const name = text(username(row));
    const rawId = text(userId(row));
    if (group === null) {
      tally.skip('row without a group name');
      continue;
    }
    if (name === null && rawId === null) {
      tally.skip('row without a username or user id');
      continue;
    }
    if (group !== lastGroupName) {
      members = builder.membersKnown(builder.addGroup({ name: group }));
      lastGroupName = group;
    }
    const known = rawId === null ? -1 : builder.knownUser(rawId);
    members.add(
      known >= 0 ? known : builder.addUser({ id: checkedUserId(set, row, rawId), username: name }),
    );
  }
  builder.listsAllGroups();
}

function checkedUserId(set: RecordSet, row: number, rawId: string | null): string | null {
  if (rawId === null) return null;
  if (!isJumpCloudId(rawId)) {
    throw set.fieldError(
      row,
      'UserID',
      'a JumpCloud user id (24 hex digits)',
      JSON.stringify(rawId.slice(0, 40)),
    );
  }
  return rawId.toLowerCase();
}

// Cells the Admin Portal reports use where a user has no group or a group has no users.
const PLACEHOLDERS = new Set(['', '-', '--', 'n/a', 'null', 'none', '(none)']);

function meaningful(value: string | null): string | null {
  return value === null || PLACEHOLDERS.has(value.toLowerCase()) ? null : value;
}

/**
 * "Users to User Groups": one row per user and group, with placeholder rows for users in no
 * group and groups with no users. Placeholder rows are counted as skipped, but the user or group
 * they name is still recorded (a user in no group matters to the audit).
 */
export function readUsersToGroupsReport(
  set: RecordSet,
  builder: DirectoryBuilder,
  tally: FileTally,
) {
  for (let row = 0; row < set.count; row++) {
    const username = meaningful(requireText(set, row, 'username'));
    const userId = jumpCloudId(set, row, 'user_object_id', 'user');
    const groupName = meaningful(requireText(set, row, 'user_group_name'));
    const groupId = jumpCloudId(set, row, 'user_group_object_id', 'user group');
    const hasUser = username !== null || userId !== null;
    const hasGroup = groupName !== null || groupId !== null;
    if (!hasUser && !hasGroup) {
      tally.skip('row naming neither a user nor a group');
      continue;
    }

    const user = hasUser
      ? builder.addUser({
          id: userId,
          username,
          email: text(set.value(row, 'email')),
          firstName: text(set.value(row, 'first_name') ?? set.value(row, 'firstname')),
          lastName: text(set.value(row, 'last_name') ?? set.value(row, 'lastname')),
          state: jumpCloudState(set, row, 'user_state'),
          accountLocked: flag(set, row, 'account_locked'),
          passwordExpired: flag(set, row, 'password_expired'),
          suspended: set.has('suspended') ? flag(set, row, 'suspended') : null,
        })
      : -1;
    if (hasGroup && groupName === null) {
      throw set.fieldError(row, 'user_group_name', 'a group name', 'none');
    }
    const group = hasGroup ? builder.addGroup({ id: groupId, name: groupName }) : -1;

    if (user >= 0 && group >= 0) {
      builder.addMember(group, user);
    } else if (user >= 0) {
      tally.skip('placeholder row: user in no group (user kept)');
    } else {
      builder.membersKnown(group);
      tally.skip('placeholder row: group with no users (group kept, empty)');
    }
  }
  builder.listsAllGroups();
}
