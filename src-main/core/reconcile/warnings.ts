/**
 * What the audit could not conclude, said plainly to the admin: fewer findings because members
 * were unknown must not read as fewer problems.
 */
import type { ReconcileContext } from './context';

export function auditWarnings(context: ReconcileContext): string[] {
  const warnings: string[] = [];
  const jumpcloud = context.boundMembersUnknown.map((group) => group.name);
  if (context.membershipKnown && jumpcloud.length > 0) {
    const [them, their] = jumpcloud.length === 1 ? ['it', 'its'] : ['them', 'their'];
    warnings.push(
      `The export does not say who is in ${boundGroupNames(jumpcloud)}: anyone may be in ` +
        `${them}, so no user is deprovisioned for being in no bound group or unknown to ` +
        `JumpCloud, and ${their} members and absence from the tenant are not checked. Export ` +
        `${their} members to audit ${them}.`,
    );
  }

  const tenant = context.boundTenantMembersUnknown.map((group) => group.displayName);
  if (!context.membershipKnown && tenant.length > 0) {
    const them = tenant.length === 1 ? 'it' : 'them';
    warnings.push(
      `The tenant did not return the members of ${boundGroupNames(tenant)}, and the export has ` +
        `no membership data: anyone may be in ${them}, so no user is deprovisioned for ` +
        'belonging only to orphan groups.',
    );
  }
  return warnings;
}

/** `the bound group "Ops"`, `the bound groups "Ops", "Lab"`. */
function boundGroupNames(names: string[]): string {
  const quoted = names.map((name) => `"${name}"`).join(', ');
  return `the bound ${names.length === 1 ? 'group' : 'groups'} ${quoted}`;
}
