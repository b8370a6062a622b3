import { appendFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  JournalWriter,
  journalDir,
  listRuns,
  newRunId,
  readJournal,
  unfinishedRuns,
  type RunRecord,
} from '../../../src-main/core/actions/journal';
import { buildPlan } from '../../../src-main/core/actions/plan';
import * as f from './fixtures';

const alice = f.user('u-alice', 'alice');
const bob = f.user('u-bob', 'bob');
const snap = f.snapshot([alice, bob], []);
const plan = buildPlan({
  tenant: f.TENANT,
  snapshot: snap,
  findings: [f.deprovision(alice), f.deprovision(bob)],
  policy: 'deactivate',
});

function header(runId: string): RunRecord {
  return { t: 'run', v: 1, runId, kind: 'apply', startedAt: new Date().toISOString(), plan };
}

describe('run journal', () => {
  it('keeps one file per run under the tenant folder', () => {
    const dataDir = '/data';
    expect(journalDir(dataDir, f.TENANT)).toBe('/data/journals/t-1');
    expect(journalDir(dataDir, { id: null, name: 'https://x.example/scim/v2', baseUrl: '' })).toBe(
      '/data/journals/url-x-example-scim-v2',
    );
    // A hand-edited plan file must not put journals outside the journals folder.
    for (const id of ['..', '.', '../..', '.hidden']) {
      const dir = journalDir(dataDir, { ...f.TENANT, id });
      expect(dirname(dir)).toBe('/data/journals');
      expect(['.', '..']).not.toContain(basename(dir));
    }
    expect(newRunId(new Date('2026-12-03T18:50:00.123Z'))).toMatch(
      /^20261203T185000Z-[0-9a-f]{6}$/,
    );
  });

  it('reads back intents and outcomes, and refuses to overwrite a run', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'journal-'));
    const file = join(journalDir(dataDir, f.TENANT), 'r1.jsonl');
    const writer = await JournalWriter.create(file, header('r1'));
    await writer.append({
      t: 'intent',
      itemId: 'op-001',
      at: 'x',
      attempt: 1,
      before: { id: 'u-alice' },
      beforeState: null,
    });
    await writer.append({
      t: 'outcome',
      itemId: 'op-001',
      at: 'y',
      status: 'verified',
      message: 'ok',
    });
    await writer.append({
      t: 'intent',
      itemId: 'op-002',
      at: 'z',
      attempt: 1,
      before: null,
      beforeState: null,
    });
    await writer.close();

    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const state = await readJournal(file);
    expect(state.items.get('op-001')?.outcome?.status).toBe('verified');
    expect(state.items.get('op-002')?.attempts).toBe(1);
    expect(state.items.get('op-002')?.outcome).toBeNull();
    expect(state.end).toBeNull();

    await expect(JournalWriter.create(file, header('r1'))).rejects.toThrow();
    const [run] = (await listRuns(dataDir, f.TENANT)).runs;
    expect(run?.status).toBe('interrupted');
    expect(run?.counts).toMatchObject({ verified: 1, pending: 1 });
    expect(await unfinishedRuns(dataDir, f.TENANT)).toHaveLength(1);
  });

  it('survives a torn last line after a kill and appends after it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'journal-'));
    const file = join(journalDir(dataDir, f.TENANT), 'r2.jsonl');
    const writer = await JournalWriter.create(file, header('r2'));
    await writer.close();
    appendFileSync(file, '{"t":"intent","itemId":"op-0');

    const reopened = await JournalWriter.reopen(file);
    await reopened.append({ t: 'resume', at: 'now' });
    await reopened.append({ t: 'end', at: 'later', status: 'completed' });
    await reopened.close();

    const state = await readJournal(file);
    expect(state.damagedLines).toBe(1);
    expect(state.resumes).toBe(1);
    expect(state.end?.status).toBe('completed');
    expect(readdirSync(journalDir(dataDir, f.TENANT))).toEqual(['r2.jsonl']);
  });

  it('never writes a bearer token, even one that slipped into a record', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'journal-'));
    const file = join(journalDir(dataDir, f.TENANT), 'r3.jsonl');
    const writer = await JournalWriter.create(file, header('r3'));
    await writer.append({
      t: 'outcome',
      itemId: 'op-001',
      at: 'x',
      status: 'failed',
      message: 'sent Authorization: Bearer s3cr3t-t0ken',
    });
    await writer.close();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('s3cr3t-t0ken');
    expect(text).toContain('[redacted]');
  });
});
