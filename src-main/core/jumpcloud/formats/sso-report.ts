/**
 * The Admin Portal report "Users to SSO Applications": which users reach an application,
 * directly or through a group. It lists users, not the groups bound to the application, so it
 * gives neither groups nor bindings: the admin still picks the bound groups.
 */
import type { DirectoryBuilder } from '../builder';
import type { FileTally } from '../tally';
import type { RecordSet } from '../records';
import { flag, jumpCloudId, jumpCloudState, requireText, text } from '../values';

/** Reads the users of the report, and says plainly that it gives no bound groups. */
export function readUsersToSsoAppsReport(
  set: RecordSet,
  builder: DirectoryBuilder,
  tally: FileTally,
): void {
  const applications = new Set<string>();
  for (let row = 0; row < set.count; row++) {
    const username = requireText(set, row, 'username');
    const id = jumpCloudId(set, row, 'user_object_id', 'user');
    const application = requireText(set, row, 'application_name');
    if (username === null && id === null) {
      tally.skip('placeholder row: application with no users');
      continue;
    }
    if (application !== null) applications.add(application);
    builder.addUser({
      id,
      username,
      email: text(set.value(row, 'email')),
      state: jumpCloudState(set, row, 'user_state'),
      accountLocked: set.has('account_locked') ? flag(set, row, 'account_locked') : null,
      passwordExpired: set.has('password_expired') ? flag(set, row, 'password_expired') : null,
    });
  }

  builder.warn(
    `The "Users to SSO Applications" report (${[...applications].join(', ') || 'no application'}) ` +
      'says which users reach the application, not which groups are bound to it: ' +
      'pick the bound groups yourself.',
  );
  if (applications.size > 1) {
    builder.warn(
      `The SSO report covers ${applications.size} applications; users of all of them were read.`,
    );
  }
}
