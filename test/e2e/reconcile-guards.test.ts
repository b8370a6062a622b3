/**
 * What the Reconcile page refuses or keeps, in the real UI against the real backend (demo
 * tenant): an export without groups blocks the audit and says which file to add; a remembered
 * bound group that this export lacks stays remembered and is shown; an error does not follow the
 * admin to the tenant list.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/api/backend';
import { demoAssetsDir, demoAuditInputs } from '../../src-main/core/demo';
import { openBackendUi, shoot, type BackendUi, type BrowserUi } from './support';

describe('reconcile guards in the browser', () => {
  let backend: Backend;
  let ui: BrowserUi;
  let page: Page;
  const byTestId = (id: string) => page.getByTestId(id);
  const usersOnly = join(demoAssetsDir(), 'JumpCloudUsers_20261101T0900000000.CSV');
  const ghost = 'A group no export of this demo has';

  let setup: BackendUi;
  beforeAll(async () => {
    setup = await openBackendUi('e2e-guards-', 'export-gap');
    ({ backend, ui, page } = setup);
  });

  afterAll(async () => {
    await setup?.close();
  });

  it('blocks the audit of a users-only export and names the file to add', async () => {
    await byTestId('open-demo').click();
    await byTestId('snapshot-state').waitFor();
    await byTestId('nav-reconcile').click();
    await byTestId('export-input').setInputFiles(usersOnly);
    await byTestId('import-summary').waitFor();

    await expect(byTestId('import-groups').innerText()).resolves.toBe('0');
    const gap = byTestId('export-gap');
    await expect(gap.innerText()).resolves.toContain('no groups');
    await expect(gap.innerText()).resolves.toContain('users-to-user-groups');
    await expect(byTestId('bound-groups').count()).resolves.toBe(0);
    await expect(byTestId('run-audit').isDisabled()).resolves.toBe(true);
    await shoot(page, 'reconcile-users-only');

    // The backend refuses it too, whatever a client sends.
    await expect(
      backend.handlers.runAudit({ tenantId: 'demo', boundGroups: null }),
    ).rejects.toMatchObject({ code: 'export-without-groups' });
    expect(backend.context.audits.get('demo')).toBeUndefined();
  });

  it('keeps a remembered bound group this export lacks, and shows it', async () => {
    const bound = readFileSync(demoAuditInputs().boundGroupsFile, 'utf8')
      .split('\n')
      .filter(Boolean);
    await backend.handlers.setBoundGroups({ tenantId: 'demo', groups: [...bound, ghost] });

    await byTestId('export-input').setInputFiles(demoAuditInputs().exportFiles);
    await byTestId('bound-list').waitFor();
    await expect(byTestId('export-gap').count()).resolves.toBe(0);
    await expect(byTestId('bound-absent').innerText()).resolves.toContain(ghost);
    const list = byTestId('bound-list');
    for (const name of bound) {
      await expect(list.getByRole('checkbox', { name, exact: true }).isChecked()).resolves.toBe(
        true,
      );
    }

    await byTestId('run-audit').click();
    await byTestId('findings').waitFor();
    const remembered = await backend.handlers.getBoundGroups({ tenantId: 'demo' });
    expect([...(remembered.groups ?? [])].sort()).toEqual([...bound, ghost].sort());
    await shoot(page, 'reconcile-absent-bound');
  });

  it('shows a refused audit as an error without findings, and leaves it on the tenant', async () => {
    // The backend's export changes behind the page (as if read elsewhere): the page still offers
    // the audit, the backend refuses it, and the page must say so plainly.
    const files = [
      { name: basename(usersOnly), base64: readFileSync(usersOnly).toString('base64') },
    ];
    await backend.handlers.importExport({ tenantId: 'demo', files, maxFileMegabytes: null });
    await byTestId('run-audit').click();

    const error = byTestId('error');
    await expect(error.innerText()).resolves.toContain('no groups');
    await expect(error.innerText()).resolves.not.toContain('export-without-groups');
    await expect(byTestId('findings').count()).resolves.toBe(0);
    await shoot(page, 'reconcile-refused');

    await byTestId('nav-tenants').click();
    await byTestId('tenant-demo').waitFor();
    await expect(byTestId('error').count()).resolves.toBe(0);
  });

  it('ran without script errors or CSP violations', () => {
    expect(ui.pageErrors).toEqual([]);
  });
});
