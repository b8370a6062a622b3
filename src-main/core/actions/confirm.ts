/**
 * The typed confirmation: before a run the admin types the tenant's name, so a plan is never
 * applied to the wrong tenant by a stray click or a pasted command.
 */

/** True when `typed` is the tenant's name: surrounding spaces ignored, the rest exact. */
export function confirmsTenant(typed: string, tenantName: string): boolean {
  return typed.trim() !== '' && typed.trim() === tenantName.trim();
}

/** The question asked before a run. */
export function confirmPrompt(tenantName: string, operations: number): string {
  return `About to send ${operations} ${operations === 1 ? 'write' : 'writes'} to "${tenantName}". Type the tenant name to confirm: `;
}
