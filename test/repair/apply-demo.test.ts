/**
 * Applying plans to the demo tenant (a real SCIM server on 127.0.0.1): effects checked by plain
 * GETs, objects changed by someone else refused, second confirmation, cancel and resume, undo.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  JournalWriter,
  buildUndoPlan,
  journalDir,
  readJournal,
  repairClientOf,
  resumeRun,
  startRun,
  type RunProgress,
} from '../../src-main/core/actions';
import {
  byGroupName,
  demoPlan,
  demoTenant,
  memberIds,
  scimGet,
  scimSend,
  tempDir,
  tenantState,
  writesOf,
  type DemoTenant,
} from './helpers';

let tenant: DemoTenant;
beforeEach(async () => {
  tenant = await demoTenant();
});
afterEach(async () => {
  await tenant.close();
});

const get = (path: string) => scimGet(tenant.server.baseUrl, tenant.server.token, path);
const send = (method: string, path: string, body: unknown) =>
  scimSend(tenant.server.baseUrl, tenant.server.token, method, path, body);

describe('apply on the demo tenant', () => {
  it('applies a mixed plan; every effect is visible on the server afterwards', async () => {
    const { plan, findings } = await demoPlan(tenant);
    const kinds = new Set(plan.items.map((i) => i.op.type));
    expect([...kinds].sort()).toEqual([
      'deactivate-user',
      'delete-group',
      'reactivate-user',
      'remove-member',
    ]);
    const before = tenant.server.requests.length;

    const progress: RunProgress[] = [];
    const result = await startRun(tempDir('repair-'), plan, {
      client: repairClientOf(tenant.client),
      concurrency: 3,
      onProgress: (p) => progress.push(p),
    });

    expect(result.ok).toBe(true);
    expect(result.results.every((r) => r.status === 'verified')).toBe(true);
    expect(progress.at(-1)).toMatchObject({
      total: plan.items.length,
      finished: plan.items.length,
    });

    // The expectation comes from the findings, checked by plain GETs, not from the plan.
    for (const f of findings) {
      if (f.kind === 'deprovision-user')
        expect((await get(`/Users/${f.target.id}`))?.active).toBe(false);
      if (f.kind === 'inactive-user')
        expect((await get(`/Users/${f.target.id}`))?.active).toBe(true);
      if (f.kind === 'orphan-group') expect(await get(`/Groups/${f.target.id}`)).toBeNull();
      if (f.kind === 'membership-extra') {
        expect(memberIds(await get(`/Groups/${f.target.id}`))).not.toContain(f.detail.userId);
      }
    }

    // One write per operation, no more.
    const writes = writesOf(tenant.server.requests.slice(before));
    expect(writes).toHaveLength(plan.items.length);
    expect(new Set(writes).size).toBe(plan.items.length);

    const journal = await readJournal(result.journal);
    for (const item of plan.items) {
      expect(journal.items.get(item.id)).toMatchObject({
        attempts: 1,
        outcome: { status: 'verified' },
      });
    }
    expect(journal.end?.status).toBe('completed');
  });

  it('refuses objects someone else changed after the plan was made, and sends nothing for them', async () => {
    const { plan } = await demoPlan(tenant, ['deprovision-user', 'orphan-group']);
    const groupItem = plan.items.find((i) => i.op.type === 'delete-group');
    const [renamedUser, deactivatedUser] = plan.items.filter(
      (i) => i.op.type === 'deactivate-user',
    );
    if (!groupItem || !renamedUser || !deactivatedUser || groupItem.op.type !== 'delete-group')
      throw new Error('demo plan changed');
    const groupPath = `/Groups/${groupItem.op.groupId}`;
    const renamedPath = `/Users/${renamedUser.expected.id}`;

    const patch = (value: unknown) => ({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [value],
    });
    await send(
      'PATCH',
      groupPath,
      patch({ op: 'replace', path: 'displayName', value: 'Renamed meanwhile' }),
    );
    await send(
      'PATCH',
      renamedPath,
      patch({ op: 'replace', path: 'userName', value: 'someone.else' }),
    );
    await send(
      'PATCH',
      `/Users/${deactivatedUser.expected.id}`,
      patch({ op: 'replace', path: 'active', value: false }),
    );
    const before = tenant.server.requests.length;

    const result = await startRun(tempDir('repair-'), plan, {
      client: repairClientOf(tenant.client),
    });
    const status = Object.fromEntries(result.results.map((r) => [r.itemId, r]));
    expect(status[groupItem.id]?.status).toBe('refused');
    expect(status[groupItem.id]?.message).toMatch(/displayName is now "Renamed meanwhile"/);
    expect(status[renamedUser.id]?.status).toBe('refused');
    expect(status[deactivatedUser.id]?.status).toBe('already-done');
    expect(result.ok).toBe(false);

    const writes = writesOf(tenant.server.requests.slice(before));
    expect(writes).not.toContain(`DELETE ${groupPath}`);
    expect(writes.filter((w) => w.endsWith(renamedPath))).toEqual([]);
    expect(await get(groupPath)).not.toBeNull();
    expect((await get(renamedPath))?.active).toBe(true);
  });

  it('refuses items needing the second confirmation unless it is given', async () => {
    const first0 = await demoPlan(tenant, ['deprovision-user', 'orphan-group']);
    const orphan = first0.plan.items.find((i) => i.op.type === 'delete-group');
    const user = first0.plan.items.find((i) => i.op.type === 'deactivate-user');
    if (orphan?.expected.type !== 'group' || !user) throw new Error('demo plan changed');
    // Someone gives the user a role: a privileged user needs the second confirmation.
    await send('PATCH', `/Users/${user.expected.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'roles', value: [{ value: 'vault-admin' }] }],
    });
    const { plan } = await demoPlan(tenant, ['deprovision-user', 'orphan-group'], {
      protectedGroups: [orphan.expected.displayName],
    });
    const guarded = plan.items.filter((i) => i.confirmReasons.length > 0);
    // Expected: the protected group, the privileged user, and users in the protected group.
    const inProtected = plan.items.filter(
      (i) => orphan.expected.type === 'group' && orphan.expected.members?.includes(i.expected.id),
    );
    const expected = new Set([
      orphan.expected.id,
      user.expected.id,
      ...inProtected.map((i) => i.expected.id),
    ]);
    expect(guarded.map((i) => i.expected.id).sort()).toEqual([...expected].sort());
    const dataDir = tempDir('repair-');

    const firstRun = await startRun(dataDir, plan, { client: repairClientOf(tenant.client) });
    for (const item of guarded) {
      const result = firstRun.results.find((r) => r.itemId === item.id);
      expect(result?.status).toBe('refused');
      expect(result?.message).toMatch(/second confirmation/);
      if (item.op.type === 'delete-group')
        expect(await get(`/Groups/${item.op.groupId}`)).not.toBeNull();
    }
    expect(firstRun.ok).toBe(false);

    const second = await startRun(dataDir, plan, {
      client: repairClientOf(tenant.client),
      confirmPrivileged: true,
    });
    expect(second.ok).toBe(true);
    for (const item of guarded) {
      expect(second.results.find((r) => r.itemId === item.id)?.status).toBe('verified');
    }
  });

  it('refuses a user who joined a protected group after the plan was made', async () => {
    const { plan } = await demoPlan(tenant, ['deprovision-user'], {
      protectedGroups: ['Engineering'],
    });
    const user = plan.items.find((i) => i.confirmReasons.length === 0);
    if (!user) throw new Error('demo plan changed');
    const [engineering] = await tenant.client.findGroupsByDisplayName('Engineering');
    await send('PATCH', `/Groups/${engineering!.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: [{ value: user.expected.id }] }],
    });

    const run = await startRun(tempDir('repair-'), plan, {
      client: repairClientOf(tenant.client),
      confirmPrivileged: true,
    });

    const result = run.results.find((r) => r.itemId === user.id);
    expect(result?.status).toBe('refused');
    expect(result?.message).toMatch(/now in the protected group "Engineering"/);
    expect((await get(`/Users/${user.expected.id}`))?.active).toBe(true);
    const others = run.results.filter((r) => r.itemId !== user.id).map((r) => r.status);
    expect(others.every((s) => s === 'verified' || s === 'already-done')).toBe(true);
  });

  it('cancels between writes and resumes without sending anything twice', async () => {
    const { plan } = await demoPlan(tenant);
    const dataDir = tempDir('repair-');
    const controller = new AbortController();
    const before = tenant.server.requests.length;

    const cancelled = await startRun(dataDir, plan, {
      client: repairClientOf(tenant.client),
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.finished === 3) controller.abort();
      },
    });
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.summary.status).toBe('cancelled');
    expect(cancelled.results.filter((r) => r.status === 'verified')).toHaveLength(3);

    const resumed = await resumeRun(cancelled.journal, { client: repairClientOf(tenant.client) });
    expect(resumed.ok).toBe(true);
    expect(resumed.summary.status).toBe('completed');
    const writes = writesOf(tenant.server.requests.slice(before));
    expect(writes).toHaveLength(plan.items.length);
    expect(new Set(writes).size).toBe(plan.items.length);
  });

  it('undoes a run: the tenant is back as it was, with recreated groups under new ids', async () => {
    const { plan } = await demoPlan(tenant);
    const dataDir = tempDir('repair-');
    const original = await tenantState(tenant.client);

    const run = await startRun(dataDir, plan, { client: repairClientOf(tenant.client) });
    expect(run.ok).toBe(true);
    expect(await tenantState(tenant.client)).not.toEqual(original);

    const { plan: undoPlan, notUndoable } = buildUndoPlan(await readJournal(run.journal));
    expect(notUndoable).toEqual([]);
    expect(undoPlan.undoOf).toBe(run.runId);
    const undo = await startRun(dataDir, undoPlan, { client: repairClientOf(tenant.client) });
    expect(undo.ok).toBe(true);
    expect(undo.summary.kind).toBe('undo');

    const restored = await tenantState(tenant.client);
    expect(restored.users).toEqual(original.users);
    expect(byGroupName(restored)).toEqual(byGroupName(original));
    const recreated = undo.results.filter((r) => r.createdId);
    expect(recreated.length).toBe(plan.items.filter((i) => i.op.type === 'delete-group').length);
    for (const r of recreated) expect(r.message).toContain(`new id, ${r.createdId}`);
  });

  it('refuses to recreate a group when a different group of that name exists now', async () => {
    const { plan } = await demoPlan(tenant, ['orphan-group']);
    const dataDir = tempDir('repair-');
    const run = await startRun(dataDir, plan, { client: repairClientOf(tenant.client) });
    const deleted = plan.items[0];
    if (!deleted || deleted.expected.type !== 'group') throw new Error('demo plan changed');
    // Someone made a new, empty group under the deleted group's name.
    const rival = await send('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: deleted.expected.displayName,
      externalId: deleted.expected.externalId,
      members: [],
    });

    const { plan: undoPlan } = buildUndoPlan(await readJournal(run.journal), {
      itemIds: [deleted.id],
    });
    const undo = await startRun(dataDir, undoPlan, { client: repairClientOf(tenant.client) });
    expect(undo.results.map((r) => r.status)).toEqual(['refused']);
    expect(undo.results[0]?.message).toBe(
      `A group named "${deleted.expected.displayName}" exists already (id ${String(rival?.id)}) ` +
        'but its members differ; nothing was sent. Compare it with the journal and fix it by hand.',
    );
  });

  it('undoes single items only', async () => {
    const { plan } = await demoPlan(tenant, ['deprovision-user']);
    const dataDir = tempDir('repair-');
    const run = await startRun(dataDir, plan, { client: repairClientOf(tenant.client) });
    const [chosen, other] = plan.items;
    if (!chosen || !other) throw new Error('demo plan changed');

    const { plan: undoPlan } = buildUndoPlan(await readJournal(run.journal), {
      itemIds: [chosen.id],
    });
    expect(undoPlan.items.map((i) => i.op)).toEqual([
      { type: 'reactivate-user', userId: chosen.expected.id },
    ]);
    await startRun(dataDir, undoPlan, { client: repairClientOf(tenant.client) });
    expect((await get(`/Users/${chosen.expected.id}`))?.active).toBe(true);
    expect((await get(`/Users/${other.expected.id}`))?.active).toBe(false);
  });
});

describe('resume after a crash between intent and outcome', () => {
  it('checks the server: a write that went through is not sent again, one that did not is', async () => {
    const { plan } = await demoPlan(tenant, ['deprovision-user']);
    const [wentThrough, lost, untouched] = plan.items;
    if (!wentThrough || !lost || !untouched) throw new Error('demo plan changed');
    const dataDir = tempDir('repair-');
    const file = join(journalDir(dataDir, plan.tenant), 'crashed.jsonl');

    // A journal as a process killed mid-run leaves it: two intents, no outcomes, no end.
    const writer = await JournalWriter.create(file, {
      t: 'run',
      v: 1,
      runId: 'crashed',
      kind: 'apply',
      startedAt: new Date().toISOString(),
      plan,
    });
    for (const item of [wentThrough, lost]) {
      await writer.append({
        t: 'intent',
        itemId: item.id,
        at: new Date().toISOString(),
        attempt: 1,
        before: null,
        beforeState: item.expected,
      });
    }
    await writer.close();
    // The first write reached the server before the crash; the second never left.
    await send('PATCH', `/Users/${wentThrough.expected.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    const before = tenant.server.requests.length;

    const resumed = await resumeRun(file, { client: repairClientOf(tenant.client) });
    expect(resumed.ok).toBe(true);
    const byId = Object.fromEntries(resumed.results.map((r) => [r.itemId, r]));
    expect(byId[wentThrough.id]?.message).toMatch(/before the interruption/);
    const writes = writesOf(tenant.server.requests.slice(before));
    expect(writes.filter((w) => w.endsWith(wentThrough.expected.id))).toEqual([]);
    expect(writes.filter((w) => w.endsWith(lost.expected.id))).toHaveLength(1);
    expect(writes.filter((w) => w.endsWith(untouched.expected.id))).toHaveLength(1);

    const journal = await readJournal(file);
    expect(journal.resumes).toBe(1);
    expect(journal.items.get(lost.id)?.attempts).toBe(2);
    expect(journal.items.get(wentThrough.id)?.attempts).toBe(1);
    for (const item of plan.items)
      expect((await get(`/Users/${item.expected.id}`))?.active).toBe(false);
  });
});
