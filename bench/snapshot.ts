/**
 * Snapshot benchmark (`npm run bench snapshot`): a 50,000-user, 2,000-group tenant (about 50
 * members each) on a quirk server in a child process on 127.0.0.1, read three ways in one run:
 *
 * - our client (`createScimClient().snapshot()`),
 * - a minimal loop that fetches and JSON-parses the very same requests at the same concurrency
 *   and does nothing else (the wire limit),
 * - a sequential page-by-page loop (what a naive client does).
 *
 * It prints snapshot/minimal (goal ≤ 1.2), sequential/snapshot (goal ≥ 3), and the snapshot's
 * peak memory over the raw JSON size. BENCH_LATENCY_MS (default 5) adds a per-request delay at
 * the server, standing in for network and database time; 0 measures pure loopback.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { createScimClient } from '../src-main/core/scim';
import { startQuirkServer } from '../test/servers/quirk-server';

const USERS = 50_000;
const GROUPS = 2_000;
const MEMBERS = 50;
const CONCURRENCY = 6;
const CHILD_FLAG = '--snapshot-bench-server';

interface Target {
  baseUrl: string;
  token: string;
  pageSize: number;
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 5);
  const { child, target } = await startServerProcess(latencyMs);
  try {
    const paths = requestPlan(target.pageSize);
    print(
      `tenant: ${USERS} users, ${GROUPS} groups x ${MEMBERS} members; ${paths.length} requests`,
    );
    print(`server latency ${latencyMs} ms per request, concurrency ${CONCURRENCY}`);

    await minimalLoop(target, paths.slice(0, 50), CONCURRENCY); // warm-up: JIT, sockets
    const ours: number[] = [];
    const minimal: number[] = [];
    const memory = { peak: 0, rawBytes: 0 };
    // Alternating rounds, best of each: the machine is shared, and the first round warms up.
    for (let round = 0; round < 3; round++) {
      const measured = await ourSnapshot(target);
      ours.push(measured.ms);
      memory.peak = Math.max(memory.peak, measured.peakBytes);
      const wire = await minimalLoop(target, paths, CONCURRENCY);
      minimal.push(wire.ms);
      memory.rawBytes = wire.bytes;
    }
    const sequential = await minimalLoop(target, paths, 1);

    const best = (xs: number[]) => Math.min(...xs);
    print(`our snapshot:       ${fmt(best(ours))} ms (runs: ${ours.map(fmt).join(', ')})`);
    print(`minimal loop:       ${fmt(best(minimal))} ms (runs: ${minimal.map(fmt).join(', ')})`);
    print(`sequential loop:    ${fmt(sequential.ms)} ms`);
    print(`raw JSON received:  ${(memory.rawBytes / 1048576).toFixed(1)} MB`);
    print(`peak memory added:  ${(memory.peak / 1048576).toFixed(1)} MB`);
    print(
      `snapshot / minimal loop      = ${(best(ours) / best(minimal)).toFixed(2)}  (goal <= 1.2)`,
    );
    print(`sequential / snapshot        = ${(sequential.ms / best(ours)).toFixed(2)}  (goal >= 3)`);
    print(`peak memory / raw JSON size  = ${(memory.peak / memory.rawBytes).toFixed(2)}`);
  } finally {
    child.kill();
  }
}

/** Our client, timed, with heap sampled during the run. */
async function ourSnapshot(target: Target) {
  const client = createScimClient({
    baseUrl: target.baseUrl,
    token: target.token,
    concurrency: CONCURRENCY,
  });
  await client.discover(); // outside the timing: the minimal loop knows the page size too
  const base = heapNow();
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, heapNow() - base)), 5);
  const started = performance.now();
  const snapshot = await client.snapshot();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, heapNow() - base);
  await client.close();
  if (snapshot.users.length !== USERS || snapshot.groups.length !== GROUPS) {
    throw new Error(
      `snapshot read ${snapshot.users.length} users, ${snapshot.groups.length} groups`,
    );
  }
  return { ms, peakBytes: peak };
}

function heapNow(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** The requests a snapshot needs, in order: user pages, group pages, one GET per group. */
function requestPlan(pageSize: number): string[] {
  const paths: string[] = [];
  for (let start = 1; start <= USERS; start += pageSize) {
    paths.push(`/Users?startIndex=${start}&count=${pageSize}`);
  }
  for (let start = 1; start <= GROUPS; start += pageSize) {
    paths.push(`/Groups?excludedAttributes=members&startIndex=${start}&count=${pageSize}`);
  }
  for (let g = 1; g <= GROUPS; g++) paths.push(`/Groups/g${String(g).padStart(5, '0')}`);
  return paths;
}

/** Fetch and JSON.parse each path with `concurrency` in flight; nothing more. */
async function minimalLoop(target: Target, paths: string[], concurrency: number) {
  const url = new URL(target.baseUrl);
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });
  const headers = { authorization: `Bearer ${target.token}`, accept: 'application/scim+json' };
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++];
      const res = await agent.request({
        origin: url.origin,
        path: url.pathname + path,
        method: 'GET',
        headers,
      });
      const text = await res.body.text();
      bytes += Buffer.byteLength(text);
      JSON.parse(text);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - started;
  await agent.close();
  return { ms, bytes };
}

/** Forks this file as the server so client and server do not share one event loop. */
function startServerProcess(latencyMs: number): Promise<{ child: ChildProcess; target: Target }> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, String(latencyMs)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (target) => resolve({ child, target: target as Target }));
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
}

async function serve(latencyMs: number): Promise<void> {
  const server = await startQuirkServer({
    seed: { users: USERS, groups: GROUPS, membersPerGroup: MEMBERS },
    quirks: { latencyMs },
  });
  const target: Target = {
    baseUrl: server.baseUrl,
    token: server.token,
    pageSize: server.quirks.advertisedMaxResults ?? 100,
  };
  process.send?.(target);
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
}

function fmt(ms: number): string {
  return ms.toFixed(0);
}

function print(line: string): void {
  process.stdout.write(line + '\n');
}

if (process.argv[2] === CHILD_FLAG) void serve(Number(process.argv[3]));
