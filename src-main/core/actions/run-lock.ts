/**
 * One process at a time per plan. Two runs of the same plan (a second `apply` while the first is
 * still going, two Resume clicks, the CLI and the app together) would each see an item as not
 * done yet and send its write: for a group re-creation that makes two groups. A lock file next to
 * the tenant's journals, naming its holder, keeps the second out; a lock whose holder is gone (a
 * crash or a kill) is taken over, so resuming after a crash needs nothing from the admin.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Another process (or this one) is already running this plan. */
export class RunBusyError extends Error {
  override readonly name = 'RunBusyError';
}

interface LockOwner {
  pid: number;
  host: string;
  nonce: string;
  at: string;
}

/** Locks this process holds, by nonce: tells a live lock of ours from one a dead process left. */
const held = new Set<string>();

// A lock file is written right after it is created; an unreadable one younger than this may be
// mid-write by its creator, an older one was left by a process killed in between.
const UNREADABLE_GRACE_MS = 5_000;

/**
 * Takes the lock of `planId` in `dir` (the tenant's journal folder); resolves to its release.
 * Throws RunBusyError while a live process holds it.
 */
export async function lockPlan(dir: string, planId: string): Promise<() => Promise<void>> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `plan-${planId.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 80)}.lock`);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    nonce: randomBytes(8).toString('hex'),
    at: new Date().toISOString(),
  };

  // Held from before the file exists: another caller in this process may read it at once.
  held.add(owner.nonce);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await tryCreate(file, owner)) return () => release(file, owner.nonce);
      await refuseLiveHolder(file);
    }
  } catch (error) {
    held.delete(owner.nonce);
    throw error;
  }
  held.delete(owner.nonce);
  throw busy(file, 'fresh');
}

/** Throws while the lock's holder lives; clears the way when it is gone. */
async function refuseLiveHolder(file: string): Promise<void> {
  const holder = await readOwner(file);
  if (holder === 'gone') return;
  if (holder === 'fresh') throw busy(file, holder);
  if (holder !== 'stale' && isAlive(holder)) throw busy(file, holder);
  await breakDeadLock(file, holder);
}

async function tryCreate(file: string, owner: LockOwner): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** The holder; `fresh` when unreadable but perhaps still being written; `gone` when no file. */
async function readOwner(file: string): Promise<LockOwner | 'fresh' | 'stale' | 'gone'> {
  let text: string;
  let ageMs: number;
  try {
    ageMs = Date.now() - (await fs.stat(file)).mtimeMs;
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    if (Number.isInteger(owner.pid) && typeof owner.nonce === 'string') return owner;
  } catch {
    // Torn or empty: judged by age below.
  }
  return ageMs < UNREADABLE_GRACE_MS ? 'fresh' : 'stale';
}

function isAlive(owner: LockOwner): boolean {
  // A process on another machine sharing the data folder cannot be asked: assume it runs.
  if (owner.host !== hostname()) return true;
  // Our own pid: alive only if this process took it (the pid may be reused after a restart).
  if (owner.pid === process.pid) return held.has(owner.nonce);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the lock of a dead holder. Two takers could each judge it dead, and the slower one
 * would then remove the lock the faster one has just made; so a taker first claims a breaker
 * file (one taker at a time), then removes the lock only if it is still the one judged dead.
 */
async function breakDeadLock(file: string, judged: LockOwner | 'stale'): Promise<void> {
  const breaker = `${file}.breaking`;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(breaker, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw busy(file, 'fresh');
    throw error;
  }
  try {
    const now = await readOwner(file);
    const stillDead =
      now === 'stale'
        ? judged === 'stale'
        : typeof now === 'object' && typeof judged === 'object' && now.nonce === judged.nonce;
    if (stillDead) await fs.rm(file, { force: true });
  } finally {
    await handle.close();
    await fs.rm(breaker, { force: true });
  }
}

async function release(file: string, nonce: string): Promise<void> {
  held.delete(nonce);
  const holder = await readOwner(file);
  // Never remove a lock someone else took over in the meantime.
  if (typeof holder === 'object' && holder.nonce === nonce) await fs.rm(file, { force: true });
}

function busy(file: string, holder: LockOwner | 'fresh'): RunBusyError {
  const who =
    holder === 'fresh'
      ? 'another process'
      : holder.pid === process.pid && holder.host === hostname()
        ? 'this app'
        : `process ${holder.pid} on ${holder.host} (since ${holder.at})`;
  return new RunBusyError(
    `This plan is already being applied by ${who}; nothing was sent. Wait for that run to end, ` +
      `then look at History. If no such process runs any more, delete ${file} ` +
      '(and a file of that name ending in .breaking, if there is one).',
  );
}
