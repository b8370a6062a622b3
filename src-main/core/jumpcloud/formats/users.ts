/**
 * User lists: Get-JCBackup's JumpCloudUsers_*.CSV, the v1 `/systemusers` API dump, and
 * `User.json` in a Backup-JCOrganization zip. They say who exists and in what state, nothing
 * about groups.
 */
import type { DirectoryBuilder } from '../builder';
import type { FileTally } from '../tally';
import { ImportError } from '../errors';
import type { RecordSet } from '../records';
import { flag, jumpCloudId, jumpCloudState, requireText, text } from '../values';

/** Reads user records (ids, usernames, names, states); a record needs an id or a username. */
export function readUsers(set: RecordSet, builder: DirectoryBuilder, _tally?: FileTally): void {
  for (let row = 0; row < set.count; row++) {
    const id = jumpCloudId(set, row, set.has('_id') ? '_id' : 'id', 'user');
    const username = requireText(set, row, 'username');
    if (id === null && username === null) {
      throw new ImportError(set.file, set.where(row), 'a user with an id or a username', 'neither');
    }
    builder.addUser({
      id,
      username,
      email: text(set.value(row, 'email')),
      firstName: text(set.value(row, 'firstname')),
      lastName: text(set.value(row, 'lastname')),
      state: jumpCloudState(set, row, 'state'),
      activated: flag(set, row, 'activated'),
      suspended: flag(set, row, 'suspended'),
      accountLocked: flag(set, row, 'account_locked'),
      passwordExpired: flag(set, row, 'password_expired'),
    });
  }
}
