import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src-main/core/actions/plan';
import { loadPlan, PlanFileError, savePlan } from '../../../src-main/core/actions/plan-file';
import * as f from './fixtures';

const alice = f.user('u-alice', 'alice');
const bob = f.user('u-bob', 'bob', { privileged: true });
const carol = f.user('u-carol', 'carol', { active: false });
const dave = f.user('u-dave', 'dave');
const local = f.user('u-local', 'breakglass');
const eng = f.group('g-eng', 'Engineering', ['u-alice', 'u-dave']);
const old = f.group('g-old', 'Old Project', ['u-bob', 'u-dave']);
const admins = f.group('g-admins', 'PAM Admins', ['u-dave']);
const snap = f.snapshot([alice, bob, carol, dave, local], [eng, old, admins]);

function plan(findings: ReturnType<typeof f.deprovision>[], extra = {}) {
  return buildPlan({ tenant: f.TENANT, snapshot: snap, findings, policy: 'deactivate', ...extra });
}

describe('buildPlan', () => {
  it('turns each actionable finding into its write, per the tenant policy', () => {
    const findings = [
      f.deprovision(alice),
      f.orphan(old),
      f.extraMember(eng, dave),
      f.inactive(carol),
    ];
    const deactivate = plan(findings);
    expect(deactivate.items.map((i) => i.op)).toEqual([
      { type: 'remove-member', groupId: 'g-eng', userId: 'u-dave' },
      { type: 'delete-group', groupId: 'g-old' },
      { type: 'deactivate-user', userId: 'u-alice' },
      { type: 'reactivate-user', userId: 'u-carol' },
    ]);
    expect(deactivate.items.map((i) => i.id)).toEqual(['op-001', 'op-002', 'op-003', 'op-004']);

    const del = plan([f.deprovision(alice)], { policy: 'delete' });
    expect(del.items[0]?.op).toEqual({ type: 'delete-user', userId: 'u-alice' });
    expect(del.items[0]?.undoable).toBe(false);
  });

  it('never acts on an unmanaged user and says why', () => {
    const p = plan([f.unmanaged(local)]);
    expect(p.items).toEqual([]);
    expect(p.skipped).toHaveLength(1);
    expect(p.skipped[0]?.kind).toBe('unmanaged-user');
    expect(p.skipped[0]?.reason).toMatch(/never/);
  });

  it('records the state of each object as seen when planned', () => {
    const p = plan([f.orphan(old), f.deprovision(alice)]);
    expect(p.items[0]?.expected).toEqual({
      type: 'group',
      id: 'g-old',
      displayName: 'Old Project',
      externalId: null,
      members: ['u-bob', 'u-dave'],
    });
    expect(p.items[1]?.expected).toEqual({
      type: 'user',
      id: 'u-alice',
      userName: 'alice',
      externalId: null,
      active: true,
      privileged: false,
    });
  });

  it('marks privileged users and protected groups for the second confirmation', () => {
    const p = plan([f.deprovision(bob), f.deprovision(dave), f.deprovision(alice)], {
      protectedGroups: ['pam admins'],
    });
    const byUser = Object.fromEntries(
      p.items.map((i) => [i.op.type === 'deactivate-user' ? i.op.userId : '', i]),
    );
    expect(byUser['u-bob']?.confirmReasons).toEqual(['bob carries roles or entitlements']);
    expect(byUser['u-dave']?.confirmReasons).toEqual([
      'dave is in the protected group "PAM Admins"',
    ]);
    expect(byUser['u-alice']?.confirmReasons).toEqual([]);

    const groupPlan = plan([f.orphan(admins)], { protectedGroups: ['g-admins'] });
    expect(groupPlan.items[0]?.confirmReasons).toHaveLength(1);
  });

  it('asks for the second confirmation where unknown members hide what a write touches', () => {
    const hidden = f.group('g-hidden', 'Vault Admins', null);
    const withHidden = f.snapshot([alice, dave], [eng, hidden]);
    const p = buildPlan({
      tenant: f.TENANT,
      snapshot: withHidden,
      findings: [f.deprovision(alice), f.orphan(hidden)],
      policy: 'deactivate',
      protectedGroups: ['Vault Admins'],
    });

    const byOp = Object.fromEntries(p.items.map((i) => [i.op.type, i]));
    // alice may be in the protected group: the server did not say who is.
    expect(byOp['deactivate-user']?.confirmReasons).toEqual([
      'the protected group "Vault Admins" may hold alice',
    ]);
    expect(byOp['delete-group']?.confirmReasons).toEqual([
      '"Vault Admins" is a protected group',
      'the server did not return the members of "Vault Admins": undo could not restore them',
    ]);
    expect(byOp['delete-group']?.undoable).toBe(false);

    const unprotected = buildPlan({
      tenant: f.TENANT,
      snapshot: withHidden,
      findings: [f.orphan(hidden)],
      policy: 'deactivate',
    });
    expect(unprotected.items[0]?.confirmReasons).toEqual([
      'the server did not return the members of "Vault Admins": undo could not restore them',
    ]);
  });

  it('drops member removals the plan makes pointless, and plans a write once', () => {
    const p = plan([f.extraMember(old, dave), f.orphan(old), f.orphan(old)]);
    expect(p.items.map((i) => i.op.type)).toEqual(['delete-group']);
    expect(p.skipped.map((s) => s.reason)).toEqual(['the plan deletes the whole group']);
  });

  it('skips writes whose effect the snapshot already shows', () => {
    const p = plan([f.deprovision(carol), f.inactive(alice)]);
    expect(p.items).toEqual([]);
    expect(p.skipped).toHaveLength(2);
  });
});

describe('plan files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-file-'));

  it('round-trips a plan through a file', async () => {
    const p = plan([f.deprovision(alice), f.orphan(old), f.extraMember(eng, dave)]);
    const file = join(dir, 'plan.json');
    await savePlan(file, p);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
    expect(await loadPlan(file)).toEqual(p);
  });

  it('refuses another version, a damaged file and a bad op', async () => {
    const p = plan([f.deprovision(alice)]);
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...p, version: 2 }));
    await expect(loadPlan(file)).rejects.toThrow(/version 2/);
    writeFileSync(file, JSON.stringify(p).slice(0, 40));
    await expect(loadPlan(file)).rejects.toBeInstanceOf(PlanFileError);
    const bad = { ...p, items: [{ ...p.items[0], op: { type: 'drop-table', userId: 'x' } }] };
    writeFileSync(file, JSON.stringify(bad));
    await expect(loadPlan(file)).rejects.toThrow(/not a valid plan/);
  });
});

/** A plan as JSON gives it: loosely typed, as a hand edit treats it. */
interface EditablePlan {
  policy: string;
  items: Array<{ op: Record<string, string> }>;
}

describe('hand-edited plan files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-edit-'));
  const p = plan([f.deprovision(alice), f.orphan(old), f.extraMember(eng, dave)]);
  const byOp = (type: string) => p.items.findIndex((i) => i.op.type === type);

  async function loadEdited(edit: (copy: EditablePlan) => void) {
    const copy = JSON.parse(JSON.stringify(p));
    edit(copy);
    const file = join(dir, `edited-${Math.random().toString(16).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(copy));
    return loadPlan(file);
  }

  it('refuses an op the finding kind and the policy never plan', async () => {
    const i = byOp('deactivate-user');
    await expect(
      loadEdited((c) => {
        c.items[i].op.type = 'delete-user';
      }),
    ).rejects.toThrow(
      /would send delete-user, which no deprovision-user item under the deactivate/,
    );
  });

  it('refuses a summary that does not describe the op', async () => {
    const i = byOp('deactivate-user');
    await expect(
      loadEdited((c) => {
        c.policy = 'delete';
        c.items[i].op.type = 'delete-user';
      }),
    ).rejects.toThrow(/says "Deactivate user alice" but would send delete-user/);
  });

  it('refuses an op aimed at another object than the one it expects', async () => {
    const i = byOp('delete-group');
    await expect(
      loadEdited((c) => {
        c.items[i].op.groupId = 'g-eng';
      }),
    ).rejects.toThrow(/would write to group g-eng but expects to find group g-old/);
    const r = byOp('remove-member');
    await expect(
      loadEdited((c) => {
        c.items[r].op.userId = 'u-alice';
      }),
    ).rejects.toThrow(/would remove u-alice but names dave/);
  });
});

describe('plan summaries', () => {
  it('counts members in the right number: one member, several members', () => {
    const summaries = plan([f.orphan(admins), f.orphan(old)]).items.map((i) => i.summary);
    expect(summaries.sort()).toEqual([
      'Delete group "Old Project" (2 members)',
      'Delete group "PAM Admins" (1 member)',
    ]);
  });
});
