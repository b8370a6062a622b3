/**
 * Whether an imported export can be audited at all. Dependency-free, so the renderer can use it
 * to block the audit and the backend to refuse it, with the same words.
 */
import type { ImportSummary } from './methods/import';

/** Why an export cannot be audited on its own, and which file to add. */
export interface ExportGap {
  code: 'export-without-groups' | 'export-without-users';
  message: string;
}

/**
 * An export without groups or users cannot be compared with the tenant: every tenant group
 * would look orphaned, or every user would look gone. Null when the export can be audited.
 * Pure: the UI uses it to block the audit, the backend to refuse it.
 */
export function exportGap(summary: Pick<ImportSummary, 'users' | 'groups'>): ExportGap | null {
  if (summary.groups === 0) {
    return {
      code: 'export-without-groups',
      message:
        'This export carries no groups, so the audit cannot tell which groups and members belong ' +
        'in the tenant. Choose it again together with a file that lists the groups: the “Users to ' +
        'User Groups” report (users-to-user-groups-….csv), or JumpCloudUserGroupMembers_….CSV ' +
        'from the same backup.',
    };
  }
  if (summary.users === 0) {
    return {
      code: 'export-without-users',
      message:
        'This export carries no users, so every user in the tenant would look like one to ' +
        'deprovision. Choose it again together with the users file (JumpCloudUsers_….CSV, or the ' +
        '“Users to User Groups” report).',
    };
  }
  return null;
}
