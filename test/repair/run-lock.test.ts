/**
 * One run of a plan at a time: a second apply or resume of the same plan, in this process or
 * another, is refused before it sends anything; a lock a killed process left is taken over.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildUndoPlan,
  journalDir,
  readJournal,
  repairClientOf,
  resumeRun,
  RunBusyError,
  startRun,
} from '../../src-main/core/actions';
import { lockPlan } from '../../src-main/core/actions/run-lock';
import { demoPlan, demoTenant, tempDir, writesOf, type DemoTenant } from './helpers';

let tenant: DemoTenant;
beforeAll(async () => {
  tenant = await demoTenant();
});
afterAll(async () => {
  await tenant?.close();
});

function lockFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.includes('.lock')) : [];
}

describe('one run of a plan at a time', () => {
  it('refuses a second run of the same plan started while the first goes on', async () => {
    const { plan } = await demoPlan(tenant, ['membership-extra']);
    const dataDir = tempDir('lock-');
    const before = tenant.server.requests.length;
    const options = { client: repairClientOf(tenant.client), concurrency: 1 };

    const [first, second] = await Promise.allSettled([
      startRun(dataDir, plan, options),
      startRun(dataDir, plan, options),
    ]);

    const outcomes = [first.status, second.status].sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const refused = [first, second].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(RunBusyError);
    const writes = writesOf(tenant.server.requests.slice(before));
    expect(writes).toHaveLength(plan.items.length);
    expect(new Set(writes).size).toBe(plan.items.length);
    // One journal, and no lock left once the run is over.
    const dir = journalDir(dataDir, plan.tenant);
    expect(readdirSync(dir).filter((n) => n.endsWith('.jsonl'))).toHaveLength(1);
    expect(lockFiles(dir)).toEqual([]);
  });

  it('lets one of two resumes of an unfinished run go ahead, and the other send nothing', async () => {
    const { plan } = await demoPlan(tenant, ['deprovision-user']);
    const dataDir = tempDir('lock-');
    const controller = new AbortController();
    controller.abort();
    const before = tenant.server.requests.length;
    const cancelled = await startRun(dataDir, plan, {
      client: repairClientOf(tenant.client),
      signal: controller.signal,
    });
    expect(cancelled.summary.status).toBe('cancelled');
    expect(writesOf(tenant.server.requests.slice(before))).toEqual([]);

    const options = { client: repairClientOf(tenant.client) };
    const results = await Promise.allSettled([
      resumeRun(cancelled.journal, options),
      resumeRun(cancelled.journal, options),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const writes = writesOf(tenant.server.requests.slice(before));
    expect(writes).toHaveLength(plan.items.length);
    expect(new Set(writes).size).toBe(plan.items.length);
  });

  it('takes over the lock of a process that died, and refuses one held by a live process', async () => {
    const { plan } = await demoPlan(tenant, ['orphan-group']);
    const dataDir = tempDir('lock-');
    const dir = journalDir(dataDir, plan.tenant);
    const lock = join(dir, `plan-${plan.id}.lock`);
    const holder = (pid: number) =>
      JSON.stringify({ pid, host: hostname(), nonce: 'n', at: new Date().toISOString() });

    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(lock, holder(live.pid!));
      const before = tenant.server.requests.length;
      await expect(
        startRun(dataDir, plan, { client: repairClientOf(tenant.client) }),
      ).rejects.toThrow(`process ${live.pid}`);
      expect(writesOf(tenant.server.requests.slice(before))).toEqual([]);
      expect(readdirSync(dir).filter((n) => n.endsWith('.jsonl'))).toEqual([]);
    } finally {
      live.kill();
    }

    // A process that has exited: its pid no longer answers.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lock, holder(dead));
    const run = await startRun(dataDir, plan, { client: repairClientOf(tenant.client) });
    expect(run.ok).toBe(true);
    expect(run.results.map((r) => r.status)).toEqual(plan.items.map(() => 'verified'));
    expect(lockFiles(dir)).toEqual([]);
  });

  it('lets exactly one of several takers have the lock of a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    for (let round = 0; round < 40; round++) {
      const dir = tempDir('lock-race-');
      const owner = { pid: dead, host: hostname(), nonce: 'dead', at: new Date().toISOString() };
      writeFileSync(join(dir, 'plan-p.lock'), JSON.stringify(owner));

      const takers = await Promise.allSettled([1, 2, 3, 4].map(() => lockPlan(dir, 'p')));

      const held = takers.filter((t) => t.status === 'fulfilled');
      expect(held).toHaveLength(1);
      for (const t of takers)
        if (t.status === 'rejected') expect(t.reason).toBeInstanceOf(RunBusyError);
      await (held[0] as PromiseFulfilledResult<() => Promise<void>>).value();
    }
  });

  it('runs two undos of one run one at a time, though each undo plan has its own id', async () => {
    const { plan } = await demoPlan(tenant, ['orphan-group']);
    const dataDir = tempDir('lock-undo-');
    const run = await startRun(dataDir, plan, { client: repairClientOf(tenant.client) });
    expect(run.ok).toBe(true);
    const state = await readJournal(run.journal);
    const [first, second] = [buildUndoPlan(state).plan, buildUndoPlan(state).plan];
    expect(first.id).not.toBe(second.id);
    const before = tenant.server.requests.length;

    const results = await Promise.allSettled([
      startRun(dataDir, first, { client: repairClientOf(tenant.client) }),
      startRun(dataDir, second, { client: repairClientOf(tenant.client) }),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const posts = writesOf(tenant.server.requests.slice(before)).filter((w) =>
      w.startsWith('POST'),
    );
    expect(posts).toHaveLength(plan.items.length);
  });
});
