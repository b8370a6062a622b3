/**
 * The audit's input check: an export without users or without groups cannot say who should be
 * in the tenant, so every tenant user and group would look like something to remove.
 */
import type { Directory } from '../model';
import { AuditInputError } from './errors';

/** Throws AuditInputError when `directory` cannot support the audit's conclusions. */
export function checkAuditInputs(directory: Directory): void {
  const from = exportName(directory);
  if (directory.users.length === 0) {
    throw new AuditInputError(
      'no-users',
      `${from} carries no users: nothing can be concluded about the tenant's users or groups. ` +
        "Export the users (the 'Users' report or a group-members export) and try again.",
    );
  }
  if (directory.groups.length === 0) {
    throw new AuditInputError(
      'no-groups',
      `${from} carries no user groups: add the 'Users to User Groups' report or a ` +
        'group-members export. Without groups nothing can be concluded about who belongs in the tenant.',
    );
  }
}

function exportName(directory: Directory): string {
  return directory.sources.length > 0
    ? `The export (${directory.sources.join(', ')})`
    : 'The export';
}
