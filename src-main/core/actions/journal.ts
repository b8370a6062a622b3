/**
 * The run journal: one append-only JSON-lines file per run, flushed to disk (fsync) before and
 * after every write, so that after a crash or a kill the file says exactly which writes were
 * started, which finished, and what each object looked like before it was changed.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ItemStatus, Plan, PlannedState, PlanTenant } from './types';

export const JOURNAL_VERSION = 1;

/** The first line of every journal: the whole plan, so the journal alone can resume or undo. */
export interface RunRecord {
  t: 'run';
  v: typeof JOURNAL_VERSION;
  runId: string;
  kind: 'apply' | 'undo';
  startedAt: string;
  plan: Plan;
}

/** A later process picked the run up again (after a crash, a kill or a cancel). */
export interface ResumeRecord {
  t: 'resume';
  at: string;
}

/** Written and flushed right before a write is sent. */
export interface IntentRecord {
  t: 'intent';
  itemId: string;
  at: string;
  attempt: number;
  /** The object as read right before the write, for undo. */
  before: Record<string, unknown> | null;
  beforeState: PlannedState | null;
}

/** How an item ended. `refused` and `already-done` outcomes have no intent: nothing was sent. */
export interface OutcomeRecord {
  t: 'outcome';
  itemId: string;
  at: string;
  status: Exclude<ItemStatus, 'cancelled'>;
  message: string;
  createdId?: string;
}

export interface EndRecord {
  t: 'end';
  at: string;
  status: 'completed' | 'cancelled';
}

export type JournalRecord = RunRecord | ResumeRecord | IntentRecord | OutcomeRecord | EndRecord;

/** A journal file that cannot be read as a run; the message says which and why. */
export class JournalError extends Error {
  override readonly name = 'JournalError';
}

const TOKEN_LIKE = /(bearer\s+)[^\s"'\\]+/gi;

/** A new run id: sortable by time, unique enough for one tenant's folder. */
export function newRunId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** `<dataDir>/journals/<tenant>`: the profile id, or a slug of the name for `--url` tenants. */
export function journalDir(dataDir: string, tenant: PlanTenant): string {
  const key = tenant.id ?? `url-${slug(tenant.name || tenant.baseUrl)}`;
  // A plan file is input: its tenant id must not be able to name `.` or `..`.
  const safe = key.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\./, '_');
  return join(dataDir, 'journals', safe);
}

function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[^a-z0-9]+/g, '-');
  return s.replace(/^-+|-+$/g, '').slice(0, 60) || 'tenant';
}

/**
 * Appends records to one journal file. Appends are serialised (concurrent workers share one
 * writer) and each is fsync'ed before its promise resolves.
 */
export class JournalWriter {
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly handle: fs.FileHandle,
  ) {}

  /** Creates the journal of a new run; refuses to overwrite an existing one. */
  static async create(file: string, header: RunRecord): Promise<JournalWriter> {
    await fs.mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const handle = await fs.open(file, 'wx', 0o600);
    const writer = new JournalWriter(file, handle);
    await writer.append(header);
    await syncDir(dirname(file));
    return writer;
  }

  /** Reopens a journal to resume its run. A torn last line (killed mid-write) is closed off. */
  static async reopen(file: string): Promise<JournalWriter> {
    const handle = await fs.open(file, 'a+');
    const { size } = await handle.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last.toString() !== '\n') await handle.write('\n');
    }
    return new JournalWriter(file, handle);
  }

  append(record: JournalRecord): Promise<void> {
    const line = JSON.stringify(record).replace(TOKEN_LIKE, '$1[redacted]') + '\n';
    const next = this.queue.then(async () => {
      await this.handle.write(line);
      await this.handle.sync();
    });
    // A failed append must fail its caller, but not every later append.
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  // Makes the new file's directory entry durable too; not possible on Windows, where it is skipped.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What a journal says about one item of its run. */
export interface ItemJournal {
  /** Intents written: how many times a write was (perhaps) sent. */
  attempts: number;
  lastIntent: IntentRecord | null;
  outcome: OutcomeRecord | null;
}

/** A journal read back: the run, per-item state, and whether the run ever ended. */
export interface JournalState {
  file: string;
  run: RunRecord;
  items: Map<string, ItemJournal>;
  end: EndRecord | null;
  resumes: number;
  /** Lines that could not be read (a torn last line after a kill). */
  damagedLines: number;
}

export async function readJournal(file: string): Promise<JournalState> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new JournalError(`Cannot read the journal ${file}: ${(error as Error).message}`);
  }
  return parseJournal(text, file);
}

export function parseJournal(text: string, file: string): JournalState {
  const records: JournalRecord[] = [];
  let damagedLines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      damagedLines++;
    }
  }

  const run = records[0];
  if (!run || run.t !== 'run' || run.v !== JOURNAL_VERSION) {
    throw new JournalError(
      `${file} is not a SCIM Companion run journal (version ${JOURNAL_VERSION}).`,
    );
  }
  const items = new Map<string, ItemJournal>(
    run.plan.items.map((item) => [item.id, { attempts: 0, lastIntent: null, outcome: null }]),
  );
  let end: EndRecord | null = null;
  let resumes = 0;
  for (const record of records.slice(1)) {
    if (record.t === 'intent' || record.t === 'outcome') {
      const item = items.get(record.itemId);
      if (!item) continue;
      if (record.t === 'intent') {
        item.attempts++;
        item.lastIntent = record;
        item.outcome = null;
      } else {
        item.outcome = record;
      }
    } else if (record.t === 'end') {
      end = record;
    } else if (record.t === 'resume') {
      resumes++;
      end = null;
    }
  }
  return { file, run, items, end, resumes, damagedLines };
}

export type RunStatus = 'completed' | 'completed-with-problems' | 'cancelled' | 'interrupted';

/** One line of the History page or `scim-companion undo --list`. */
export interface RunSummary {
  runId: string;
  file: string;
  kind: 'apply' | 'undo';
  planId: string;
  undoOf: string | null;
  tenant: PlanTenant;
  startedAt: string;
  endedAt: string | null;
  status: RunStatus;
  counts: Record<ItemStatus | 'pending', number>;
}

export function summarizeRun(state: JournalState): RunSummary {
  const counts: RunSummary['counts'] = {
    verified: 0,
    'already-done': 0,
    refused: 0,
    failed: 0,
    cancelled: 0,
    pending: 0,
  };
  for (const item of state.items.values()) {
    if (item.outcome) counts[item.outcome.status]++;
    else if (state.end?.status === 'cancelled') counts.cancelled++;
    else counts.pending++;
  }
  const problems = counts.refused + counts.failed > 0;
  const status: RunStatus = !state.end
    ? 'interrupted'
    : state.end.status === 'cancelled'
      ? 'cancelled'
      : problems
        ? 'completed-with-problems'
        : 'completed';
  return {
    runId: state.run.runId,
    file: state.file,
    kind: state.run.kind,
    planId: state.run.plan.id,
    undoOf: state.run.plan.undoOf ?? null,
    tenant: state.run.plan.tenant,
    startedAt: state.run.startedAt,
    endedAt: state.end?.at ?? null,
    status,
    counts,
  };
}

/** Every run journal of a tenant, newest first. Unreadable files are listed in `unreadable`. */
export async function listRuns(
  dataDir: string,
  tenant: PlanTenant,
): Promise<{ runs: RunSummary[]; unreadable: string[] }> {
  const dir = journalDir(dataDir, tenant);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return { runs: [], unreadable: [] };
  }
  const runs: RunSummary[] = [];
  const unreadable: string[] = [];
  for (const name of names
    .filter((n) => n.endsWith('.jsonl'))
    .sort()
    .reverse()) {
    try {
      runs.push(summarizeRun(await readJournal(join(dir, name))));
    } catch {
      unreadable.push(join(dir, name));
    }
  }
  // Run ids order by the second only: runs started within one second go by their start time.
  runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.runId.localeCompare(a.runId));
  return { runs, unreadable };
}

/** Runs a crash, kill or cancel left unfinished: the admin is offered to resume them. */
export async function unfinishedRuns(dataDir: string, tenant: PlanTenant): Promise<RunSummary[]> {
  const { runs } = await listRuns(dataDir, tenant);
  return runs.filter((r) => r.status === 'interrupted' || r.status === 'cancelled');
}
