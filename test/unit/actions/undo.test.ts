/**
 * Undo plans from journals where a write failed: a failed member removal is put right from the
 * members its intent saved; other failed writes are sent to a retry first.
 */
import { describe, expect, it } from 'vitest';
import type { JournalRecord, RunRecord } from '../../../src-main/core/actions/journal';
import { parseJournal } from '../../../src-main/core/actions/journal';
import { buildPlan, groupState } from '../../../src-main/core/actions/plan';
import { parsePlan } from '../../../src-main/core/actions/plan-file';
import { buildUndoPlan } from '../../../src-main/core/actions/undo';
import * as f from './fixtures';

const alice = f.user('u-alice', 'alice');
const bob = f.user('u-bob', 'bob');
const carol = f.user('u-carol', 'carol');
const admins = f.group('g-admins', 'Vault admins', ['u-alice', 'u-bob', 'u-carol']);
const stale = f.group('g-stale', 'Stale', ['u-bob']);
const plan = buildPlan({
  tenant: f.TENANT,
  snapshot: f.snapshot([alice, bob, carol], [admins, stale]),
  findings: [f.extraMember(admins, alice), f.orphan(stale)],
  policy: 'deactivate',
});
const removal = plan.items.find((i) => i.op.type === 'remove-member');
const deletion = plan.items.find((i) => i.op.type === 'delete-group');

function journal(records: JournalRecord[]) {
  const run: RunRecord = { t: 'run', v: 1, runId: 'r1', kind: 'apply', startedAt: 'x', plan };
  return parseJournal([run, ...records].map((r) => JSON.stringify(r)).join('\n'), 'r1.jsonl');
}

describe('undo of failed writes', () => {
  it('puts back every member a failed removal saved, and sends other failures to a retry', () => {
    if (!removal || !deletion) throw new Error('plan changed');
    const state = journal([
      {
        t: 'intent',
        itemId: removal.id,
        at: 'a',
        attempt: 1,
        before: { id: 'g-admins' },
        beforeState: groupState(admins),
      },
      { t: 'outcome', itemId: removal.id, at: 'b', status: 'failed', message: 'wiped' },
      {
        t: 'intent',
        itemId: deletion.id,
        at: 'c',
        attempt: 1,
        before: { id: 'g-stale' },
        beforeState: groupState(stale),
      },
      { t: 'outcome', itemId: deletion.id, at: 'd', status: 'failed', message: 'timed out' },
    ]);

    const { plan: undo, notUndoable } = buildUndoPlan(state);
    expect(undo.items.map((i) => [i.id, i.op])).toEqual([
      [
        removal.id,
        { type: 'add-members', groupId: 'g-admins', userIds: ['u-alice', 'u-bob', 'u-carol'] },
      ],
    ]);
    expect(undo.items[0]?.summary).toBe(
      'Put back the 3 members group "Vault admins" had before removing alice failed',
    );
    expect(notUndoable).toEqual([
      {
        itemId: deletion.id,
        summary: deletion.summary,
        reason: expect.stringMatching(/write failed .* resume the run with retry/),
      },
    ]);

    // A removal that failed before anything was sent (no intent) has nothing to put back.
    const unsent = journal([
      { t: 'outcome', itemId: removal.id, at: 'b', status: 'failed', message: 'read failed' },
    ]);
    const none = buildUndoPlan(unsent, { itemIds: [removal.id] });
    expect(none.plan.items).toEqual([]);
    expect(none.notUndoable.map((n) => n.itemId)).toEqual([removal.id]);
  });

  it('makes undo plans that pass the plan check, so their runs can be resumed', () => {
    if (!removal || !deletion) throw new Error('plan changed');
    const intent = (itemId: string, group: typeof admins) => ({
      t: 'intent' as const,
      itemId,
      at: 'a',
      attempt: 1,
      before: { id: group.id },
      beforeState: groupState(group),
    });
    const outcome = (itemId: string, status: 'failed' | 'verified') => ({
      t: 'outcome' as const,
      itemId,
      at: 'b',
      status,
      message: status,
    });
    const state = journal([
      intent(removal.id, admins),
      outcome(removal.id, 'failed'),
      intent(deletion.id, stale),
      outcome(deletion.id, 'verified'),
    ]);

    const { plan: undo } = buildUndoPlan(state);

    // A put-back and a re-creation: the two kinds of undo item a failed run can hold.
    expect(undo.items.map((i) => i.op.type).sort()).toEqual(['add-members', 'create-group']);
    expect(parsePlan(JSON.parse(JSON.stringify(undo)))).toEqual(undo);
  });
});
