/**
 * Import benchmark: a 200,000-row PowerShell membership CSV (GroupName,Username,UserID, every
 * field quoted, CRLF), imported into a Directory, against papaparse alone parsing the same text
 * in the same run. The figure is the ratio of medians (and, as the machine may be shared and
 * noisy, of the fastest runs too); the goal is at most 1.5.
 */
import Papa from 'papaparse';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { importExport } from '../src-main/core/jumpcloud';

const ROWS = 200_000;
const GROUPS = 400;
const USERS = 50_000;
const RUNS = 7;

/** Deterministic: group g holds users (g * 7919 + i) mod USERS, so rows come grouped by group. */
function membershipCsv(): string {
  const lines = ['"GroupName","Username","UserID"'];
  const perGroup = ROWS / GROUPS;
  for (let g = 0; g < GROUPS; g++) {
    for (let i = 0; i < perGroup; i++) {
      const u = (g * 7919 + i) % USERS;
      const id = `64b${u.toString(16).padStart(21, '0')}`;
      lines.push(`"Team ${g}","user.${u}@example.com","${id}"`);
    }
  }
  return lines.join('\r\n') + '\r\n';
}

// A full collection before each timed step, so neither pays for the other's garbage.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(): Promise<void> {
  const text = membershipCsv();
  const data = new TextEncoder().encode(text);
  const parseTimes: number[] = [];
  const headerTimes: number[] = [];
  const importTimes: number[] = [];
  let rows = 0;
  let users = 0;

  // Alternate the two so neither benefits from running second; the first round warms up the JIT.
  for (let run = 0; run <= RUNS; run++) {
    collectGarbage();
    let started = performance.now();
    rows = Papa.parse<string[]>(text).data.length;
    const parsed = performance.now() - started;

    // Secondary baseline: papaparse as apps usually call it on a CSV with a header row.
    collectGarbage();
    started = performance.now();
    Papa.parse<Record<string, string>>(text, { header: true });
    const parsedWithHeader = performance.now() - started;

    collectGarbage();
    started = performance.now();
    const result = await importExport([{ name: 'members.csv', data }]);
    const imported = performance.now() - started;
    users = result.directory.users.length;

    if (run > 0) {
      parseTimes.push(parsed);
      headerTimes.push(parsedWithHeader);
      importTimes.push(imported);
    }
  }

  const parse = median(parseTimes);
  const full = median(importTimes);
  const fastest = Math.min(...importTimes) / Math.min(...parseTimes);
  process.stdout.write(
    `membership CSV: ${rows - 2} rows, ${(data.byteLength / 1024 / 1024).toFixed(1)} MiB, ` +
      `${users} users\n` +
      `papaparse alone: ${parse.toFixed(0)} ms (median of ${RUNS})\n` +
      `import:          ${full.toFixed(0)} ms (median of ${RUNS}; decode, parse, merge)\n` +
      `ratio import/parse: ${(full / parse).toFixed(2)} (goal <= 1.5); ` +
      `fastest runs: ${fastest.toFixed(2)}\n` +
      `papaparse with header: true: ${median(headerTimes).toFixed(0)} ms; ` +
      `ratio import/that: ${(full / median(headerTimes)).toFixed(2)} (for reference only)\n`,
  );
}
