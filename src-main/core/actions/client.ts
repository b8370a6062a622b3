/**
 * The part of the SCIM client a repair uses: reads by id, one verified write per operation, and
 * a description of each write for the preview. The repair never builds HTTP itself.
 */
import type { TenantGroup } from '../model';
import type { PlannedRequest, ScimClient } from '../scim';

export type DescribedRequest = PlannedRequest;

export type RepairClient = Pick<
  ScimClient,
  'getUser' | 'getGroup' | 'applyWrite' | 'describeWrite'
> & {
  /** Groups whose displayName equals `name` ignoring case (to find a recreated group). */
  findGroupsByName(name: string): Promise<TenantGroup[]>;
};

/** The repair's view of a SCIM client. */
export function repairClientOf(client: ScimClient): RepairClient {
  return {
    getUser: (id) => client.getUser(id),
    getGroup: (id) => client.getGroup(id),
    applyWrite: (op, opts) => client.applyWrite(op, opts),
    describeWrite: (op) => client.describeWrite(op),
    async findGroupsByName(name) {
      // TODO: the SCIM client has no group lookup by name yet, so this reads the whole tenant;
      // it runs only when undo recreates a deleted group, and is slow on very large tenants.
      const snapshot = await client.snapshot();
      const wanted = name.toLowerCase();
      return snapshot.groups.filter((g) => g.displayName.toLowerCase() === wanted);
    },
  };
}
