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
    findGroupsByName: (name) => client.findGroupsByDisplayName(name),
  };
}
