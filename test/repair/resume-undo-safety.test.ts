/**
 * Resume and undo where a write went further than its outcome says, on the quirk server (a real
 * SCIM server on 127.0.0.1): a member removal that emptied the group on a strict server, a
 * DELETE whose read-back timed out, a group re-creation interrupted after its POST. Crashes are
 * journals as a killed process leaves them (an intent without an outcome) after making the
 * server state what that process would have left; failures are driven through the executor.
 * Every expectation is read from the server by plain GETs.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  JournalWriter,
  buildPlan,
  buildUndoPlan,
  journalDir,
  readJournal,
  repairClientOf,
  resumeRun,
  startRun,
  type Plan,
  type PlanItem,
} from '../../src-main/core/actions';
import type { Finding } from '../../src-main/core/model';
import { createScimClient, type ScimClient } from '../../src-main/core/scim';
import { startQuirkServer, type QuirkServer, type Quirks } from '../servers/quirk-server';
import { memberIds, scimGet, scimSend, tempDir } from './helpers';

interface Tenant {
  server: QuirkServer;
  client: ScimClient;
  get(path: string): Promise<Record<string, unknown> | null>;
  send(method: string, path: string, body: unknown): Promise<Record<string, unknown> | null>;
}

const open: Tenant[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) {
    await t.client.close();
    await t.server.close();
  }
});

async function quirkTenant(quirks: Partial<Quirks> = {}, timeoutMs?: number): Promise<Tenant> {
  const server = await startQuirkServer({
    quirks,
    seed: { users: 30, groups: 3, membersPerGroup: 6 },
  });
  const client = createScimClient({
    baseUrl: server.baseUrl,
    token: server.token,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  const tenant: Tenant = {
    server,
    client,
    get: (path) => scimGet(server.baseUrl, server.token, path),
    send: (method, path, body) => scimSend(server.baseUrl, server.token, method, path, body),
  };
  open.push(tenant);
  return tenant;
}

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A plan made from a fresh snapshot of the tenant, for hand-made findings. */
async function planFor(tenant: Tenant, findings: Finding[]): Promise<Plan> {
  return buildPlan({
    tenant: { id: null, name: 'Quirk tenant', baseUrl: tenant.client.baseUrl },
    snapshot: await tenant.client.snapshot(),
    findings,
    policy: 'deactivate',
  });
}

function extraMember(groupId: string, name: string, userId: string): Finding {
  return {
    kind: 'membership-extra',
    target: { type: 'group', id: groupId, name },
    reason: `${userId} is not in ${name} in JumpCloud`,
    action: 'remove-member',
    detail: { userId },
  };
}

function orphan(groupId: string, name: string): Finding {
  return {
    kind: 'orphan-group',
    target: { type: 'group', id: groupId, name },
    reason: `${name} is not bound`,
    action: 'delete-group',
    detail: {},
  };
}

/** A journal as a process killed right after journaling `item`'s intent leaves it. */
async function crashedJournal(
  dataDir: string,
  plan: Plan,
  kind: 'apply' | 'undo',
  item: PlanItem,
  before: Record<string, unknown> | null,
): Promise<string> {
  const file = join(journalDir(dataDir, plan.tenant), `crashed-${kind}.jsonl`);
  const writer = await JournalWriter.create(file, {
    t: 'run',
    v: 1,
    runId: `crashed-${kind}`,
    kind,
    startedAt: new Date().toISOString(),
    plan,
  });
  await writer.append({
    t: 'intent',
    itemId: item.id,
    at: new Date().toISOString(),
    attempt: 1,
    before,
    beforeState: before ? item.expected : null,
  });
  await writer.close();
  return file;
}

/**
 * From the moment the server empties the group, its next `count` PATCHes answer 500: a server
 * hook on the quirk server's own state, so the failure lands exactly between wipe and put-back.
 */
function failPatchesOnceEmptied(tenant: Tenant, groupId: string, count: number): void {
  const group = tenant.server.state.groups.get(groupId);
  if (!group) throw new Error('seed changed');
  let members = group.members;
  Object.defineProperty(group, 'members', {
    enumerable: true,
    get: () => members,
    set: (next: string[]) => {
      members = next;
      if (next.length === 0) {
        tenant.server.quirks.failNext = { count, status: 500, match: `PATCH /Groups/${groupId}` };
      }
    },
  });
}

/** The first item of a plan, which these one-finding plans hold. */
function only(plan: Plan): PlanItem {
  expect(plan.items).toHaveLength(1);
  return plan.items[0] as PlanItem;
}

describe('a member removal that emptied the group (strict server)', () => {
  const strict = { rejectMemberFilterPath: true, memberValueRemoveEmptiesGroup: true };

  it('killed before the put-back: resume restores the rest, undo the target', async () => {
    const tenant = await quirkTenant(strict);
    const path = '/Groups/g00001';
    const raw = await tenant.get(path);
    const original = memberIds(raw);
    expect(original.length).toBeGreaterThan(2);
    const target = original[0] as string;
    const plan = await planFor(tenant, [extraMember('g00001', 'Group 1', target)]);
    const item = only(plan);
    const dataDir = tempDir('resume-wipe-');

    // Killed after the fallback form emptied the group and before the client put the others back.
    const file = await crashedJournal(dataDir, plan, 'apply', item, raw);
    await tenant.send('PATCH', path, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'remove', path: 'members', value: [{ value: target }] }],
    });
    expect(memberIds(await tenant.get(path))).toEqual([]);
    const patchesBefore = tenant.server.count('PATCH', path);

    const resumed = await resumeRun(file, { client: repairClientOf(tenant.client) });
    const others = original.filter((id) => id !== target);
    expect(memberIds(await tenant.get(path))).toEqual(others);
    // One PATCH (the put-back); the removal is not sent again.
    expect(tenant.server.count('PATCH', path) - patchesBefore).toBe(1);
    const result = resumed.results[0];
    expect(result?.status).toBe('failed');
    for (const id of others) expect(result?.message).toContain(id);
    expect(result?.message).toMatch(/took effect, but the server had dropped \d+ other members/);
    expect(result?.message).toMatch(/They were put back/);
    const journal = await readJournal(file);
    expect(journal.items.get(item.id)?.outcome).toMatchObject({
      status: 'failed',
      message: result?.message,
    });
    expect(resumed.ok).toBe(false);

    // Undo brings the group back to what it was before the run, from the journal's saved state.
    const { plan: undoPlan, notUndoable } = buildUndoPlan(journal);
    expect(notUndoable).toEqual([]);
    const undo = await startRun(dataDir, undoPlan, { client: repairClientOf(tenant.client) });
    expect(undo.ok).toBe(true);
    expect(memberIds(await tenant.get(path))).toEqual(original);
  });

  it('leaves alone members someone else removed while the planned member is still there', async () => {
    const tenant = await quirkTenant();
    const path = '/Groups/g00001';
    const raw = await tenant.get(path);
    const original = memberIds(raw);
    const [target, leaver] = original as [string, string];
    const plan = await planFor(tenant, [extraMember('g00001', 'Group 1', target)]);
    const item = only(plan);
    const dataDir = tempDir('resume-stale-');

    // Killed before the removal reached the server; then JumpCloud removed another member.
    const file = await crashedJournal(dataDir, plan, 'apply', item, raw);
    await tenant.send('PATCH', path, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'remove', path: `members[value eq "${leaver}"]` }],
    });

    const resumed = await resumeRun(file, { client: repairClientOf(tenant.client) });

    // The planned removal is made; the member JumpCloud removed is not put back.
    expect(resumed.results[0]?.status).toBe('verified');
    const now = memberIds(await tenant.get(path));
    expect(now).toEqual(original.filter((id) => id !== target && id !== leaver));
  });

  it('a failed put-back is reported with the lost members, and undo puts them back', async () => {
    const tenant = await quirkTenant(strict);
    const path = '/Groups/g00001';
    const original = memberIds(await tenant.get(path));
    const target = original[0] as string;
    const others = original.filter((id) => id !== target);
    const plan = await planFor(tenant, [extraMember('g00001', 'Group 1', target)]);
    const item = only(plan);
    const dataDir = tempDir('putback-fails-');

    // From the moment the server empties the group, it answers 500 to every PATCH of it.
    failPatchesOnceEmptied(tenant, 'g00001', 1000);

    const run = await startRun(dataDir, plan, { client: repairClientOf(tenant.client) });
    expect(memberIds(await tenant.get(path))).toEqual([]);
    const result = run.results[0];
    expect(result?.status).toBe('failed');
    for (const id of others) expect(result?.message).toContain(id);
    expect(result?.message).toMatch(/could not be put back/);
    expect((await readJournal(run.journal)).items.get(item.id)?.outcome?.message).toBe(
      result?.message,
    );

    // The server is healthy again: undo puts every saved member back, the target included.
    tenant.server.quirks.failNext = null;
    const { plan: undoPlan, notUndoable } = buildUndoPlan(await readJournal(run.journal));
    expect(notUndoable).toEqual([]);
    expect(undoPlan.items.map((i) => i.op)).toEqual([
      { type: 'add-members', groupId: 'g00001', userIds: original },
    ]);
    const undo = await startRun(dataDir, undoPlan, { client: repairClientOf(tenant.client) });
    expect(undo.ok).toBe(true);
    expect(memberIds(await tenant.get(path))).toEqual(original);
  });
  it('retry puts back what a failed put-back left out, journaling an intent first', async () => {
    const tenant = await quirkTenant(strict);
    const path = '/Groups/g00001';
    const original = memberIds(await tenant.get(path));
    const target = original[0] as string;
    const plan = await planFor(tenant, [extraMember('g00001', 'Group 1', target)]);
    const item = only(plan);
    const dataDir = tempDir('putback-retry-');
    // The put-back after the wipe fails once (the client's own attempt and the executor's).
    failPatchesOnceEmptied(tenant, 'g00001', 2);
    const run = await startRun(dataDir, plan, { client: repairClientOf(tenant.client) });
    expect(run.results[0]?.status).toBe('failed');
    expect(memberIds(await tenant.get(path))).toEqual([]);

    const client = repairClientOf(tenant.client);
    const retried = await resumeRun(run.journal, { client, retry: true });
    const others = original.filter((id) => id !== target);
    expect(memberIds(await tenant.get(path))).toEqual(others);
    expect(retried.results[0]?.status).toBe('failed');
    expect(retried.results[0]?.message).toMatch(/^Checked on retry: .*They were put back/);
    // The put-back was journaled as a new attempt carrying the group as it was before the run.
    const journal = await readJournal(run.journal);
    expect(journal.items.get(item.id)?.attempts).toBe(2);
    expect(journal.items.get(item.id)?.lastIntent?.beforeState).toEqual(item.expected);

    // Nothing is missing now: a second retry confirms the removal, and undo adds the user back.
    const again = await resumeRun(run.journal, { client, retry: true });
    expect(again.results[0]?.status).toBe('verified');
    expect(again.results[0]?.message).toMatch(/^Confirmed on retry/);
    const { plan: undoPlan } = buildUndoPlan(await readJournal(run.journal));
    expect((await startRun(dataDir, undoPlan, { client })).ok).toBe(true);
    expect(memberIds(await tenant.get(path))).toEqual(original);
  });
});

describe('a write that failed but took effect', () => {
  it('a DELETE whose read-back timed out is verified on retry and stays undoable', async () => {
    const tenant = await quirkTenant({}, 300);
    const path = '/Groups/g00002';
    const raw = await tenant.get(path);
    const original = memberIds(raw);
    const plan = await planFor(tenant, [orphan('g00002', 'Group 2')]);
    const item = only(plan);
    const dataDir = tempDir('delete-timeout-');

    // The DELETE lands; from then on the server is too slow to answer within the timeout.
    const groups = tenant.server.state.groups;
    const remove = groups.delete.bind(groups);
    groups.delete = (id: string) => {
      if (id === 'g00002') tenant.server.quirks.latencyMs = 1000;
      return remove(id);
    };
    const run = await startRun(dataDir, plan, { client: repairClientOf(tenant.client) });
    expect(run.results[0]?.status).toBe('failed');
    tenant.server.quirks.latencyMs = 0;
    expect(await tenant.get(path)).toBeNull();
    const deletes = tenant.server.count('DELETE');

    const retried = await resumeRun(run.journal, {
      client: repairClientOf(tenant.client),
      retry: true,
    });
    expect(retried.ok).toBe(true);
    expect(retried.results[0]?.status).toBe('verified');
    expect(retried.results[0]?.message).toMatch(/confirmed on retry/i);
    expect(tenant.server.count('DELETE')).toBe(deletes);

    // Undo goes by the earlier intent's saved group: nothing new was journaled as sent.
    const journal = await readJournal(run.journal);
    expect(journal.items.get(item.id)?.attempts).toBe(1);
    expect(journal.items.get(item.id)?.lastIntent?.beforeState).toEqual(item.expected);
    const { plan: undoPlan, notUndoable } = buildUndoPlan(journal);
    expect(notUndoable).toEqual([]);
    const undo = await startRun(dataDir, undoPlan, { client: repairClientOf(tenant.client) });
    expect(undo.ok).toBe(true);
    const createdId = undo.results[0]?.createdId;
    const recreated = await tenant.get(`/Groups/${String(createdId)}`);
    expect(recreated?.displayName).toBe(raw?.displayName);
    expect(memberIds(recreated)).toEqual(original);
  });
});

describe('an interrupted re-creation of a deleted group', () => {
  /** Deletes Group 2 (given an externalId) in a verified run; returns its undo plan. */
  async function deletedGroup(tenant: Tenant) {
    const seeded = tenant.server.state.groups.get('g00002');
    if (!seeded) throw new Error('seed changed');
    seeded.externalId = 'jc-5f0000000000000000000abc';
    const raw = await tenant.get('/Groups/g00002');
    const plan = await planFor(tenant, [orphan('g00002', 'Group 2')]);
    const dataDir = tempDir('recreate-');
    const run = await startRun(dataDir, plan, { client: repairClientOf(tenant.client) });
    expect(run.ok).toBe(true);
    const { plan: undoPlan } = buildUndoPlan(await readJournal(run.journal));
    return { dataDir, undoPlan, item: only(undoPlan), members: memberIds(raw) };
  }

  it('finishes the member PATCH on the group its POST created', async () => {
    const tenant = await quirkTenant();
    const { dataDir, undoPlan, item, members } = await deletedGroup(tenant);
    const file = await crashedJournal(dataDir, undoPlan, 'undo', item, null);
    // The POST landed (a server that ignores members on create) and then the process was killed.
    const posted = await tenant.send('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Group 2',
      externalId: 'jc-5f0000000000000000000abc',
    });
    const id = String(posted?.id);
    const posts = tenant.server.count('POST');

    const resumed = await resumeRun(file, { client: repairClientOf(tenant.client) });
    expect(resumed.ok).toBe(true);
    expect(resumed.results[0]).toMatchObject({ status: 'verified', createdId: id });
    expect(memberIds(await tenant.get(`/Groups/${id}`))).toEqual(members);
    expect(tenant.server.count('POST')).toBe(posts);
    expect((await readJournal(file)).items.get(item.id)?.outcome?.createdId).toBe(id);
  });

  it('does not adopt a namesake with another externalId (JumpCloud pushed one)', async () => {
    const tenant = await quirkTenant();
    const { dataDir, undoPlan, item } = await deletedGroup(tenant);
    const file = await crashedJournal(dataDir, undoPlan, 'undo', item, null);
    // The POST never left; meanwhile a group of that name was pushed with its own externalId.
    const rival = await tenant.send('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Group 2',
      externalId: 'jc-pushed-meanwhile',
      members: [{ value: 'u000001' }],
    });
    const rivalPath = `/Groups/${String(rival?.id)}`;
    const writes = tenant.server.count('POST') + tenant.server.count('PATCH');

    const resumed = await resumeRun(file, { client: repairClientOf(tenant.client) });
    expect(resumed.results[0]?.status).toBe('failed');
    expect(resumed.results[0]?.createdId).toBeUndefined();
    expect(resumed.results[0]?.message).toMatch(
      /a group named "Group 2" exists .* its externalId is not the saved one.*nothing was sent/,
    );
    expect(tenant.server.count('POST') + tenant.server.count('PATCH')).toBe(writes);
    const after = await tenant.get(rivalPath);
    expect(after?.externalId).toBe('jc-pushed-meanwhile');
    expect(memberIds(after)).toEqual(['u000001']);
  });

  it('does not adopt a namesake holding members the deleted group did not have', async () => {
    const tenant = await quirkTenant();
    const { dataDir, undoPlan, item, members } = await deletedGroup(tenant);
    const stranger = [...tenant.server.state.users.keys()].find((id) => !members.includes(id));
    const file = await crashedJournal(dataDir, undoPlan, 'undo', item, null);
    const rival = await tenant.send('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Group 2',
      externalId: 'jc-5f0000000000000000000abc',
      members: [{ value: stranger }],
    });
    const writes = tenant.server.count('POST') + tenant.server.count('PATCH');

    const resumed = await resumeRun(file, { client: repairClientOf(tenant.client) });
    expect(resumed.results[0]?.status).toBe('failed');
    expect(resumed.results[0]?.message).toMatch(/members that were not in the deleted group/);
    expect(tenant.server.count('POST') + tenant.server.count('PATCH')).toBe(writes);
    expect(memberIds(await tenant.get(`/Groups/${String(rival?.id)}`))).toEqual([stranger]);
  });
});

describe('a retry after a failed deactivation', () => {
  it('records a deactivation someone else made since as already done, not for undo', async () => {
    const tenant = await quirkTenant();
    const path = '/Users/u000001';
    expect((await tenant.get(path))?.active).toBe(true);
    const plan = await planFor(tenant, [
      {
        kind: 'deprovision-user',
        target: { type: 'user', id: 'u000001', name: 'user000001' },
        reason: 'user000001 is in no bound group',
        action: 'deactivate-user',
        detail: {},
      },
    ]);
    const item = only(plan);
    const dataDir = tempDir('retry-toggle-');
    tenant.server.quirks.failNext = { count: 100, status: 500, match: `PATCH ${path}` };
    const failed = await startRun(dataDir, plan, { client: repairClientOf(tenant.client) });
    expect(failed.results[0]?.status).toBe('failed');
    expect((await tenant.get(path))?.active).toBe(true);

    // Since the failure, JumpCloud suspended the user: the tenant got `active: false` from it.
    tenant.server.quirks.failNext = null;
    await tenant.send('PATCH', path, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    const retried = await resumeRun(failed.journal, {
      client: repairClientOf(tenant.client),
      retry: true,
    });

    expect(retried.results[0]?.status).toBe('already-done');
    const { plan: undo, notUndoable } = buildUndoPlan(await readJournal(failed.journal));
    expect(undo.items).toEqual([]);
    expect(notUndoable.map((n) => n.itemId)).toEqual([item.id]);
    expect((await tenant.get(path))?.active).toBe(false);
  });
});
