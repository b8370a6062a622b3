/**
 * Replacing a tenant's export with files that cannot be read, through `dispatch` as the
 * transports call it: the export before them and its audit are dropped (nothing the admin meant
 * to replace stays in use), the error says so, and an oversized file can still be read again
 * with a higher limit.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src-main/api/backend';
import { methods } from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import type { SnapshotFinishedEvent } from '../../src-main/api/events';
import { unwrapWireResult } from '../../src-main/api/errors';
import { demoAssetsDir } from '../../src-main/core/demo';

interface WireFile {
  name: string;
  base64: string;
}

const asset = (name: string): WireFile => {
  const path = join(demoAssetsDir(), name);
  return { name: basename(path), base64: readFileSync(path).toString('base64') };
};
const text = (name: string, content: string): WireFile => ({
  name,
  base64: Buffer.from(content).toString('base64'),
});

const backupZip = asset('JumpCloud_20261101T0900000000.zip');
const usersCsv = asset('JumpCloudUsers_20261101T0900000000.CSV');
const membersCsv = asset('JumpCloudUserGroupMembers_20261101T0900000000.CSV');
/** A users CSV whose second row opens a quote it never closes. */
const brokenCsv = text(
  'JumpCloudUsers_broken.CSV',
  '"_id","username","email"\n"47ebe3ace3e000f59caa1cde,"matilda","matilda@example.com"\n',
);
const badJson = text('jumpcloud-api.json', '{ "/api/systemusers": { "results": [ ');
/** The demo's API export, valid JSON padded past 1 MiB with trailing whitespace. */
const largeJson: WireFile = {
  name: 'jumpcloud-api-large.json',
  base64: Buffer.concat([
    readFileSync(join(demoAssetsDir(), 'jumpcloud-api.json')),
    Buffer.alloc(1.2 * 1024 * 1024, ' '),
  ]).toString('base64'),
};

describe('a failed re-import of an export', () => {
  let dir: string;
  let backend: Backend;
  const call = (name: string, input: unknown) => dispatch(methods, backend.handlers, name, input);

  async function readTenant(): Promise<void> {
    const { runId } = unwrapWireResult(await call('startSnapshot', { tenantId: 'demo' })) as {
      runId: string;
    };
    await new Promise<void>((resolve) => {
      const stop = backend.events.on((event) => {
        if (event.type !== 'snapshot-finished' || event.runId !== runId) return;
        stop();
        expect((event as unknown as SnapshotFinishedEvent).status).toBe('complete');
        resolve();
      });
    });
  }

  /** Imports the backup zip and audits it, so there is an export and an audit to replace. */
  async function importAndAudit(): Promise<void> {
    unwrapWireResult(await call('importExport', { tenantId: 'demo', files: [backupZip] }));
    unwrapWireResult(await call('runAudit', { tenantId: 'demo', boundGroups: null }));
    await expect(call('getAudit', { tenantId: 'demo' })).resolves.toMatchObject({
      ok: true,
      result: { tenantId: 'demo' },
    });
  }

  async function expectNothingInUse(): Promise<void> {
    await expect(call('getImport', { tenantId: 'demo' })).resolves.toEqual({
      ok: true,
      result: null,
    });
    await expect(call('getAudit', { tenantId: 'demo' })).resolves.toEqual({
      ok: true,
      result: null,
    });
    const audit = await call('runAudit', { tenantId: 'demo', boundGroups: null });
    expect(audit).toMatchObject({ ok: false, error: { code: 'no-export' } });
    const plan = await call('makePlan', { tenantId: 'demo', findings: [0], protectedGroups: [] });
    expect(plan).toMatchObject({ ok: false, error: { code: 'no-audit' } });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'import-replace-'));
    backend = createBackend({ dataDir: dir });
    unwrapWireResult(await call('openDemoTenant', {}));
    await readTenant();
  });

  afterAll(async () => {
    await backend?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('drops the previous export and audit when a CSV among the files is broken', async () => {
    await importAndAudit();

    const failed = await call('importExport', {
      tenantId: 'demo',
      files: [usersCsv, brokenCsv, membersCsv],
    });
    expect(failed).toMatchObject({ ok: false, error: { code: 'import-error' } });
    if (failed.ok) return;
    expect(failed.error.message).toContain(brokenCsv.name);
    expect(failed.error.message).toContain(
      'The export imported before (backup-jcorganization-zip) is no longer in use',
    );
    expect(failed.error.message).toContain('choose the export files again');
    await expectNothingInUse();
  });

  it('drops them for a JSON file that does not parse', async () => {
    await importAndAudit();

    const failed = await call('importExport', { tenantId: 'demo', files: [badJson] });
    expect(failed).toMatchObject({ ok: false });
    if (failed.ok) return;
    expect(failed.error.message).toContain('is no longer in use');
    await expectNothingInUse();
  });

  it('drops them for an oversized file, which reads with a higher limit', async () => {
    await importAndAudit();

    const failed = await call('importExport', {
      tenantId: 'demo',
      files: [largeJson],
      maxFileMegabytes: 1,
    });
    expect(failed).toMatchObject({ ok: false, error: { code: 'export-too-large-error' } });
    if (failed.ok) return;
    expect(failed.error.message).toContain('is no longer in use');
    expect(failed.error.message).toContain('higher size limit');
    await expectNothingInUse();

    const retried = await call('importExport', {
      tenantId: 'demo',
      files: [largeJson],
      maxFileMegabytes: 2,
    });
    expect(retried).toMatchObject({ ok: true, result: { format: 'api-bundle-json' } });
    await expect(call('getImport', { tenantId: 'demo' })).resolves.toMatchObject({
      ok: true,
      result: { files: [{ name: largeJson.name }] },
    });
  });

  it('says nothing about a previous export when there was none', async () => {
    await call('importExport', { tenantId: 'demo', files: [badJson] });

    const failed = await call('importExport', { tenantId: 'demo', files: [badJson] });
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error.message).not.toContain('no longer in use');
  });
});
