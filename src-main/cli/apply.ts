/**
 * `scim-companion apply`: applies a plan file to its tenant after the typed confirmation, with
 * a journal, read-back of every write, and resume of an interrupted run of the same plan.
 */
import { listRuns, loadPlan, readJournal, resumeRun, startRun, type Plan } from '../core/actions';
import { runCommand } from './command';
import { dataDir, RUN_OPTIONS, RUN_OPTIONS_HELP, runConfirmed } from './repair-common';
import { TENANT_OPTIONS, TENANT_OPTIONS_HELP, UsageError } from './tenant-options';

const HELP = `Usage: scim-companion apply PLAN [tenant options] [--yes] [--confirm-privileged]
       scim-companion apply --resume JOURNAL [tenant options] [--yes]

Applies a plan made by "scim-companion plan". Each object is read again first and skipped when
it changed since the plan was made; each write is journaled and read back. If an earlier run of
the same plan was interrupted, it is resumed: nothing already done is sent again.
Exit code 0 only when every operation was verified.

  --confirm-privileged   Also apply the items that need a second confirmation (privileged
                         users, protected groups); without it they are refused
  --concurrency N        Writes in flight at once (default 4)
  --resume JOURNAL       Finish an interrupted run from its journal
  --retry                With --resume: also try again items that failed or were refused
${RUN_OPTIONS_HELP}
${TENANT_OPTIONS_HELP}
  (With a plan made from a stored tenant, the tenant options may be left out.)`;

const OPTIONS = {
  ...TENANT_OPTIONS,
  ...RUN_OPTIONS,
  'confirm-privileged': { type: 'boolean' },
  concurrency: { type: 'string' },
  resume: { type: 'string' },
  retry: { type: 'boolean' },
} as const;

export function run(argv: string[]): Promise<number> {
  return runCommand(
    'apply',
    argv,
    { options: OPTIONS, allowPositionals: true },
    HELP,
    async ({ values, positionals }) => {
      if (!values.resume && positionals.length !== 1)
        throw new UsageError('Give one plan file: scim-companion apply PLAN.');

      const journalFile = values.resume ?? null;
      const plan = journalFile
        ? (await readJournal(journalFile)).run.plan
        : await loadPlan(positionals[0] as string);
      const concurrency = parseConcurrency(values.concurrency);
      if (plan.items.length === 0) {
        // Nothing would be sent: asking for the tenant name and journaling an empty run would
        // only suggest that something happened.
        process.stderr.write('The plan has no operations; nothing to apply.\n');
        return 0;
      }
      const unfinished = journalFile ?? (await unfinishedRunOf(plan));
      return await runConfirmed(plan, values, {
        notice: unfinished ? `Resuming the unfinished run in ${unfinished}` : null,
        start: (context) => {
          const options = {
            ...context,
            concurrency,
            confirmPrivileged: values['confirm-privileged'] ?? false,
            retry: values.retry ?? false,
          };
          return unfinished ? resumeRun(unfinished, options) : startRun(dataDir(), plan, options);
        },
      });
    },
  );
}

/** The journal of an interrupted or cancelled run of this same plan, if there is one. */
async function unfinishedRunOf(plan: Plan): Promise<string | null> {
  const { runs } = await listRuns(dataDir(), plan.tenant);
  const run = runs.find(
    (r) => r.planId === plan.id && (r.status === 'interrupted' || r.status === 'cancelled'),
  );
  return run?.file ?? null;
}

function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return 4;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 32)
    throw new UsageError('--concurrency must be a whole number from 1 to 32.');
  return n;
}
