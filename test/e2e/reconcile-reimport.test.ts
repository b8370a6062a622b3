/**
 * Replacing the export on the Reconcile page with files that cannot be read, in the real UI
 * against the real backend (demo tenant): nothing of the export before them stays on screen or
 * in use (summary, bound groups, audit, findings), the error says so, and an oversized file can
 * still be read again with a higher limit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/api/backend';
import { demoAssetsDir, demoAuditInputs } from '../../src-main/core/demo';
import { openBackendUi, shoot, type BackendUi } from './support';

interface InputFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A demo asset as a buffer: Playwright takes paths or buffers in one call, never both. */
const asset = (name: string, mimeType: string): InputFile => ({
  name,
  mimeType,
  buffer: readFileSync(join(demoAssetsDir(), name)),
});
const backupZip = asset('JumpCloud_20261101T0900000000.zip', 'application/zip');
const usersCsv = asset('JumpCloudUsers_20261101T0900000000.CSV', 'text/csv');
const membersCsv = asset('JumpCloudUserGroupMembers_20261101T0900000000.CSV', 'text/csv');
/** A users CSV whose second row opens a quote it never closes. */
const brokenCsv: InputFile = {
  name: 'JumpCloudUsers_broken.CSV',
  mimeType: 'text/csv',
  buffer: Buffer.from(
    '"_id","username","email"\n"47ebe3ace3e000f59caa1cde,"matilda","matilda@example.com"\n',
  ),
};
const badJson: InputFile = {
  name: 'jumpcloud-api.json',
  mimeType: 'application/json',
  buffer: Buffer.from('{ "/api/systemusers": { "results": [ '),
};

/**
 * The demo backup with its User.json (UTF-16, as JumpCloud writes it) padded with whitespace
 * past the default 50 MiB: still a valid backup, and it zips to little.
 */
function oversizedBackup(): InputFile {
  const entries = unzipSync(backupZip.buffer);
  const users = Object.keys(entries).find((path) => path.endsWith('/User.json'))!;
  entries[users] = Buffer.concat([
    Buffer.from(entries[users]!),
    Buffer.alloc(51 << 20, ' ', 'utf16le'),
  ]);
  return {
    name: 'JumpCloud_20261102T0900000000.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(zipSync(entries, { level: 9 })),
  };
}

describe('a failed re-import on the Reconcile page', () => {
  let setup: BackendUi;
  let backend: Backend;
  let page: Page;
  const byTestId = (id: string) => page.getByTestId(id);
  const importError = () => byTestId('import-panel').getByTestId('error');

  beforeAll(async () => {
    setup = await openBackendUi('e2e-reimport-', 'bound-no-match');
    ({ backend, page } = setup);
    await byTestId('open-demo').click();
    await byTestId('snapshot-state').waitFor();
    await byTestId('nav-reconcile').click();
  });

  afterAll(async () => {
    await setup?.close();
  });

  /** Imports the backup zip and audits it: an export, bound groups and findings on screen. */
  async function importBackupAndAudit(): Promise<void> {
    await byTestId('export-input').setInputFiles(backupZip);
    await expect
      .poll(() =>
        byTestId('import-format')
          .innerText()
          .catch(() => ''),
      )
      .toBe('backup-jcorganization-zip');
    await byTestId('bound-groups').waitFor();
    await byTestId('run-audit').click();
    await byTestId('findings').waitFor();
  }

  /** Nothing of the backup zip is on screen or in the backend, and the audit is not offered. */
  async function expectOldExportGone(): Promise<void> {
    await expect(byTestId('import-summary').count()).resolves.toBe(0);
    await expect(page.getByText('Detected format').count()).resolves.toBe(0);
    await expect(byTestId('bound-groups').count()).resolves.toBe(0);
    await expect(byTestId('findings').count()).resolves.toBe(0);
    await expect(byTestId('run-audit').isDisabled()).resolves.toBe(true);
    await expect(byTestId('run-audit').innerText()).resolves.toBe('Run the audit');
    await page.getByText('Import a JumpCloud export first.').waitFor();
    await expect(backend.handlers.getImport({ tenantId: 'demo' })).resolves.toBeNull();
    await expect(backend.handlers.getAudit({ tenantId: 'demo' })).resolves.toBeNull();
  }

  it('drops the previous export when a CSV among the next files is broken', async () => {
    await importBackupAndAudit();

    await byTestId('export-input').setInputFiles([usersCsv, brokenCsv, membersCsv]);
    await importError().waitFor();
    const message = await importError().innerText();
    expect(message).toContain(brokenCsv.name);
    expect(message).toContain(
      'The export imported before (backup-jcorganization-zip) is no longer in use',
    );
    expect(message).toContain('choose the export files again');
    await expectOldExportGone();
    await shoot(page, 'reconcile-failed-reimport');
  });

  it('drops it for a JSON file that does not parse', async () => {
    await importBackupAndAudit();

    await byTestId('export-input').setInputFiles(badJson);
    await importError().waitFor();
    await expect(importError().innerText()).resolves.toContain('is no longer in use');
    await expectOldExportGone();
  });

  it('drops it for an oversized file, which then reads with a higher limit in MiB', async () => {
    await importBackupAndAudit();
    const big = oversizedBackup();

    await byTestId('export-input').setInputFiles(big);
    await importError().waitFor();
    const message = await importError().innerText();
    expect(message).toContain('MiB');
    expect(message).toContain('is no longer in use');
    expect(message).toContain('higher size limit');
    await expectOldExportGone();

    const limit = page.getByLabel('Size limit (MiB)');
    await expect(limit.inputValue()).resolves.toBe('200');
    await shoot(page, 'reconcile-failed-reimport-oversized');
    await page.getByRole('button', { name: 'Read it with this limit' }).click();
    await byTestId('import-summary').waitFor();
    await expect(importError().count()).resolves.toBe(0);
    await expect(byTestId('import-files').innerText()).resolves.toContain(big.name);
    await expect(byTestId('run-audit').isEnabled()).resolves.toBe(true);
  });

  it('says so when the bound group search matches nothing', async () => {
    await byTestId('export-input').setInputFiles(demoAuditInputs().exportFiles);
    await page.locator('[data-testid="bound-pick"]:checked').waitFor();
    await byTestId('bound-search').fill('no group is called this');
    await expect(byTestId('bound-no-match').innerText()).resolves.toBe(
      'No group matches the search.',
    );
    await expect(byTestId('bound-list').count()).resolves.toBe(0);
  });

  it('ran without script errors or CSP violations', () => {
    expect(setup.ui.pageErrors).toEqual([]);
  });
});
