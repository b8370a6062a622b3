/**
 * A mixed plan applied to a real third-party SCIM server (Better Auth's SCIM plugin), checked by
 * plain GETs, then undone; the tenant must end as it started (groups recreated under new ids).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPlan,
  buildUndoPlan,
  readJournal,
  repairClientOf,
  startRun,
} from '../../src-main/core/actions';
import type { Finding } from '../../src-main/core/model';
import { createScimClient, type ScimClient } from '../../src-main/core/scim';
import { startBetterAuthServer, type BetterAuthServer } from '../servers/better-auth-server';
import { byGroupName, memberIds, scimGet, scimSend, tempDir, tenantState } from './helpers';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

let server: BetterAuthServer;
let client: ScimClient;
const ids: Record<string, string> = {};

const get = (path: string) => scimGet(server.baseUrl, server.token, path);

beforeAll(async () => {
  server = await startBetterAuthServer();
  client = createScimClient({ baseUrl: server.baseUrl, token: server.token });
  for (const name of ['ada', 'grace', 'edsger', 'barbara']) {
    const created = await scimSend(server.baseUrl, server.token, 'POST', '/Users', {
      schemas: [USER_SCHEMA],
      userName: `${name}@example.test`,
      name: { givenName: name, familyName: 'Tester' },
      emails: [{ value: `${name}@example.test`, primary: true }],
      active: true,
    });
    ids[name] = String(created?.id);
  }
  for (const [name, members] of [
    ['Old Project', ['ada', 'grace']],
    ['Engineering', ['grace', 'edsger', 'barbara']],
  ] as const) {
    const created = await scimSend(server.baseUrl, server.token, 'POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: name,
      members: members.map((m) => ({ value: ids[m] })),
    });
    ids[name] = String(created?.id);
  }
});

afterAll(async () => {
  await client?.close();
  await server?.close();
});

function finding(kind: Finding['kind'], type: 'user' | 'group', id: string, detail = {}): Finding {
  return { kind, target: { type, id, name: id }, reason: `test ${kind}`, action: null, detail };
}

describe('repair on Better Auth', () => {
  it('applies a mixed plan, then undo brings the tenant back', async () => {
    const original = await tenantState(client);
    const snapshot = await client.snapshot();
    const plan = buildPlan({
      tenant: { id: null, name: 'Better Auth', baseUrl: client.baseUrl },
      snapshot,
      findings: [
        finding('deprovision-user', 'user', ids.ada!),
        finding('orphan-group', 'group', ids['Old Project']!),
        finding('membership-extra', 'group', ids.Engineering!, { userId: ids.barbara }),
      ],
      policy: 'deactivate',
    });
    expect(plan.items.map((i) => i.op.type)).toEqual([
      'remove-member',
      'delete-group',
      'deactivate-user',
    ]);

    const dataDir = tempDir('repair-ba-');
    const run = await startRun(dataDir, plan, { client: repairClientOf(client) });
    expect(run.results.map((r) => [r.itemId, r.status, r.message])).toEqual(
      plan.items.map((i) => [i.id, 'verified', expect.any(String)]),
    );
    expect(String((await get(`/Users/${ids.ada}`))?.active)).toMatch(/^false$/i);
    expect(await get(`/Groups/${ids['Old Project']}`)).toBeNull();
    expect(memberIds(await get(`/Groups/${ids.Engineering}`))).toEqual(
      [ids.grace, ids.edsger].sort(),
    );

    const { plan: undoPlan } = buildUndoPlan(await readJournal(run.journal));
    const undo = await startRun(dataDir, undoPlan, { client: repairClientOf(client) });
    expect(undo.ok).toBe(true);
    const restored = await tenantState(client);
    expect(restored.users).toEqual(original.users);
    expect(byGroupName(restored)).toEqual(byGroupName(original));
  });
});
