/**
 * Crash safety: the CLI applying a plan is killed (SIGKILL) at seeded random points, then the
 * same command is run again. The tenant must end exactly as after an uninterrupted run, and the
 * server must have received each write once: a write started before the kill is checked on the
 * server and not sent again if it went through.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  readJournal,
  repairClientOf,
  savePlan,
  startRun,
  type Plan,
} from '../../src-main/core/actions';
import { demoPlan, demoTenant, tempDir, tenantState, writesOf, type TenantState } from './helpers';

const RUNS = Number(process.env.REPAIR_KILL_RUNS ?? 20);
const SEED = 20_261_203;
const KINDS = ['deprovision-user', 'orphan-group', 'membership-extra'] as const;
let cli = '';

// The `apply` command bundled once: a child starts in about a second instead of several, so
// twenty kills stay within a few minutes on a loaded machine.
beforeAll(async () => {
  cli = join(tempDir('kill-cli-'), 'apply.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'apply-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: cli,
    external: ['keytar', 'electron'],
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
});

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the server should receive for each item, derived from the op, one write each. */
function expectedWrites(plan: Plan): string[] {
  return plan.items
    .map(({ op }) => {
      if (op.type === 'delete-group') return `DELETE /scim/v2/Groups/${op.groupId}`;
      if (op.type === 'remove-member') return `PATCH /scim/v2/Groups/${op.groupId}`;
      if (op.type === 'deactivate-user') return `PATCH /scim/v2/Users/${op.userId}`;
      throw new Error(`unexpected op ${op.type}`);
    })
    .sort();
}

function journalLines(dataDir: string): number {
  const root = join(dataDir, 'journals');
  if (!existsSync(root)) return 0;
  let lines = 0;
  for (const tenant of readdirSync(root)) {
    for (const file of readdirSync(join(root, tenant))) {
      lines += readFileSync(join(root, tenant, file), 'utf8')
        .split('\n')
        .filter(Boolean).length;
    }
  }
  return lines;
}

function journalText(dataDir: string): string {
  const root = join(dataDir, 'journals');
  if (!existsSync(root)) return '';
  return readdirSync(root)
    .flatMap((tenant) =>
      readdirSync(join(root, tenant)).map((f) => readFileSync(join(root, tenant, f), 'utf8')),
    )
    .join('');
}

function applyCli(planFile: string, baseUrl: string, token: string, dataDir: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      cli,
      planFile,
      '--url',
      baseUrl,
      '--token-env',
      'DEMO_TOKEN',
      '--yes',
      '--quiet',
      '--concurrency',
      '2',
    ],
    {
      env: {
        ...process.env,
        DEMO_TOKEN: token,
        SCIM_COMPANION_HOME: dataDir,
        SCIM_COMPANION_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, output })),
  );
}

/**
 * The plan, and the state after an uninterrupted run, on a fresh demo tenant. Every demo tenant
 * starts with the same ids, so the plan serves each run once its base URL is set.
 */
async function reference(): Promise<{ plan: Plan; state: TenantState }> {
  const tenant = await demoTenant();
  try {
    const { plan } = await demoPlan(tenant, [...KINDS]);
    const result = await startRun(tempDir('kill-ref-'), plan, {
      client: repairClientOf(tenant.client),
    });
    expect(result.ok).toBe(true);
    return { plan, state: await tenantState(tenant.client) };
  } finally {
    await tenant.close();
  }
}

describe('kill and resume', () => {
  it(
    `ends like an uninterrupted run, each write sent once (${RUNS} seeded kills)`,
    { timeout: 900_000 },
    async () => {
      const { plan: template, state: expectedState } = await reference();
      const modes: Record<string, number> = {};
      let cutMidRun = 0;

      for (let run = 0; run < RUNS; run++) {
        const rng = random(SEED + run);
        const tenant = await demoTenant();
        try {
          const baseUrl = tenant.client.baseUrl;
          const plan: Plan = { ...template, tenant: { ...template.tenant, baseUrl } };
          const dataDir = tempDir('kill-');
          const planFile = join(dataDir, 'plan.json');
          await savePlan(planFile, plan);
          const start = tenant.server.requests.length;

          // Kill after N journal records, after the Nth write reached the server, or after a delay.
          const mode =
            (['records', 'writes', 'delay'] as const)[Math.floor(rng() * 3)] ?? 'records';
          const n = 1 + Math.floor(rng() * (2 * plan.items.length + 1));
          const delayMs = 1500 + Math.floor(rng() * 4000);
          modes[mode] = (modes[mode] ?? 0) + 1;

          const child = applyCli(planFile, tenant.server.baseUrl, tenant.server.token, dataDir);
          const done = exited(child);
          const started = Date.now();
          const watch = setInterval(() => {
            const reached =
              mode === 'records'
                ? journalLines(dataDir) >= n
                : mode === 'writes'
                  ? writesOf(tenant.server.requests.slice(start)).length >= Math.ceil(n / 2)
                  : Date.now() - started >= delayMs;
            if (reached) child.kill('SIGKILL');
          }, 1);
          const first = await done;
          clearInterval(watch);

          // Killed after at least one write was started and before the run ended.
          const cut =
            first.signal === 'SIGKILL' &&
            journalLines(dataDir) >= 3 &&
            !journalText(dataDir).includes('"t":"end"');
          if (cut) cutMidRun++;

          const second = await exited(
            applyCli(planFile, tenant.server.baseUrl, tenant.server.token, dataDir),
          );
          const context = `run ${run} (${mode}, n=${n}, delay=${delayMs}, first exit ${first.code ?? first.signal})`;
          expect(second.code, `${context}\n${second.output}`).toBe(0);

          expect(writesOf(tenant.server.requests.slice(start)).sort(), context).toEqual(
            expectedWrites(plan),
          );
          expect(await tenantState(tenant.client), context).toEqual(expectedState);

          // The journal accounts for every item, and shows a resume when the first run was cut off.
          const journals = readdirSync(join(dataDir, 'journals'), { recursive: true }).filter((f) =>
            String(f).endsWith('.jsonl'),
          );
          const latest = await readJournal(
            join(dataDir, 'journals', String(journals.sort().at(-1))),
          );
          for (const item of plan.items)
            expect(latest.items.get(item.id)?.outcome, context).not.toBeNull();
        } finally {
          await tenant.close();
        }
      }
      // The seeds must exercise every way of being killed, and many kills must land mid-run.
      expect(Object.keys(modes).sort()).toEqual(['delay', 'records', 'writes']);
      expect(cutMidRun).toBeGreaterThanOrEqual(Math.ceil(RUNS / 3));
    },
  );
});
