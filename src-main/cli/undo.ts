/**
 * `scim-companion undo JOURNAL`: undoes the verified writes of a run (or some of its items):
 * reactivates users, puts members back, recreates deleted groups with their members (new ids).
 * The undo is itself a journaled, verified run.
 */
import { buildUndoPlan, readJournal, startRun } from '../core/actions';
import { runCommand } from './command';
import { dataDir, RUN_OPTIONS, RUN_OPTIONS_HELP, runConfirmed } from './repair-common';
import { TENANT_OPTIONS, TENANT_OPTIONS_HELP, UsageError } from './tenant-options';

const HELP = `Usage: scim-companion undo JOURNAL [tenant options] [--items ID,ID] [--yes]

Undoes what a run did, from its journal (printed by "apply"; also listed in the app's History).
Deleted users cannot be brought back and are listed as such.

  --items IDS            Only these items of the run (e.g. op-001,op-004)
${RUN_OPTIONS_HELP}
${TENANT_OPTIONS_HELP}`;

const OPTIONS = { ...TENANT_OPTIONS, ...RUN_OPTIONS, items: { type: 'string' } } as const;

export function run(argv: string[]): Promise<number> {
  return runCommand(
    'undo',
    argv,
    { options: OPTIONS, allowPositionals: true },
    HELP,
    async ({ values, positionals }) => {
      if (positionals.length !== 1)
        throw new UsageError('Give one journal file: scim-companion undo JOURNAL.');

      const state = await readJournal(positionals[0] as string);
      const itemIds = values.items
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (itemIds)
        checkItemIds(
          itemIds,
          state.run.plan.items.map((item) => item.id),
        );
      const { plan, notUndoable } = buildUndoPlan(state, itemIds ? { itemIds } : {});
      for (const item of notUndoable)
        process.stderr.write(`Not undone: ${item.itemId} ${item.summary}: ${item.reason}\n`);
      if (plan.items.length === 0) {
        process.stderr.write('Nothing to undo.\n');
        return notUndoable.length > 0 ? 1 : 0;
      }

      return await runConfirmed(plan, values, {
        // The admin confirmed these writes when the run was applied; undo restores them.
        start: (context) => startRun(dataDir(), plan, { ...context, confirmPrivileged: true }),
      });
    },
  );
}

/** `--items` naming no item of the run, or an unknown one, is an argument mistake. */
function checkItemIds(itemIds: string[], known: string[]): void {
  if (itemIds.length === 0) throw new UsageError('--items: name at least one item, e.g. op-001.');
  const unknown = itemIds.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `--items: not ${unknown.length === 1 ? 'an item' : 'items'} of this run: ${unknown.join(', ')} ` +
        `(its items are ${known[0] ?? 'none'}${known.length > 1 ? ` to ${known[known.length - 1]}` : ''}).`,
    );
  }
}
