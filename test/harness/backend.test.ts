/**
 * The backend behind the contract, called the way the transports call it (through `dispatch`),
 * against the real demo tenant and the bundled export.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src-main/api/backend';
import { methods, type CompanionEvent } from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import { decodeWireError, toWireError, unwrapWireResult } from '../../src-main/api/errors';
import type { SnapshotFinishedEvent } from '../../src-main/api/events';
import { TenantInputError } from '../../src-main/core/tenants';
import {
  buildDemoOrganisation,
  demoAssetsDir,
  demoAuditInputs,
  DEMO_EXPECTED_SUMMARY,
} from '../../src-main/core/demo';
import { ScimError } from '../../src-main/core/scim';

describe('backend over the demo tenant', () => {
  let dir: string;
  let backend: Backend;
  const events: CompanionEvent[] = [];
  const call = (name: string, input: unknown) => dispatch(methods, backend.handlers, name, input);

  function finished(runId: string): Promise<SnapshotFinishedEvent> {
    return new Promise((resolve) => {
      const stop = backend.events.on((event) => {
        if (event.type === 'snapshot-finished' && event.runId === runId) {
          stop();
          resolve(event as unknown as SnapshotFinishedEvent);
        }
      });
    });
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'backend-test-'));
    backend = createBackend({ dataDir: dir });
    backend.events.on((event) => events.push(event));
  });

  afterAll(async () => {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to audit before the tenant is read, with a message saying what to do', async () => {
    const closed = await call('runAudit', { tenantId: 'demo', boundGroups: null });
    expect(closed).toMatchObject({ ok: false, error: { code: 'not-found' } });

    await call('openDemoTenant', {});
    const early = await call('runAudit', { tenantId: 'demo', boundGroups: null });
    expect(early).toMatchObject({ ok: false, error: { code: 'no-snapshot' } });
  });

  it('reads the demo tenant with progress events, and serves no raw resources', async () => {
    const started = unwrapWireResult(await call('startSnapshot', { tenantId: 'demo' })) as {
      runId: string;
    };
    const end = await finished(started.runId);
    const org = buildDemoOrganisation();
    expect(end).toMatchObject({
      status: 'complete',
      users: org.tenant.users.length,
      groups: org.tenant.groups.length,
      error: null,
    });
    expect(events.some((e) => e.type === 'snapshot-progress' && e.runId === started.runId)).toBe(
      true,
    );

    const view = await backend.handlers.getSnapshot({ tenantId: 'demo' });
    expect(view?.users.map((u) => u.userName).sort()).toEqual(
      org.tenant.users.map((u) => u.userName).sort(),
    );
    expect(JSON.stringify(view)).not.toContain('"raw"');
  });

  it('names the file when an export cannot be read', async () => {
    const outcome = await call('importExport', {
      tenantId: 'demo',
      files: [
        { name: 'notes.csv', base64: Buffer.from('colour,size\nred,2\n').toString('base64') },
      ],
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('import-error');
    expect(outcome.error.message).toContain('notes.csv');
    expect(outcome.error.details).toContain('file: notes.csv');
  });

  it('audits the bundled export with the demo bound groups and finds what the demo planted', async () => {
    const { exportFiles, boundGroupsFile } = demoAuditInputs();
    const files = exportFiles.map((path) => ({
      name: basename(path),
      base64: readFileSync(path).toString('base64'),
    }));
    const summary = unwrapWireResult(await call('importExport', { tenantId: 'demo', files }));
    expect(summary).toMatchObject({ users: buildDemoOrganisation().jumpcloud.users.length });

    const bound = readFileSync(boundGroupsFile, 'utf8').split('\n').filter(Boolean);
    const remembered = await backend.handlers.getBoundGroups({ tenantId: 'demo' });
    expect([...(remembered.groups ?? [])].sort()).toEqual([...bound].sort());

    const audit = await backend.handlers.runAudit({ tenantId: 'demo', boundGroups: bound });
    expect(audit.boundSource).toBe('admin');
    expect(audit.report.summary).toEqual(DEMO_EXPECTED_SUMMARY);
    await expect(backend.handlers.getAudit({ tenantId: 'demo' })).resolves.toEqual(audit);
  });

  it('keeps remembered bound groups that an export lacks when the audit runs', async () => {
    const bound = readFileSync(demoAuditInputs().boundGroupsFile, 'utf8')
      .split('\n')
      .filter(Boolean);
    const ghost = 'Not in any demo export';
    await backend.handlers.setBoundGroups({ tenantId: 'demo', groups: [...bound, ghost] });
    await backend.handlers.runAudit({ tenantId: 'demo', boundGroups: bound.slice(1) });
    const { groups } = await backend.handlers.getBoundGroups({ tenantId: 'demo' });
    // The unticked export group is dropped; the group this export lacks stays.
    expect([...(groups ?? [])].sort()).toEqual([...bound.slice(1), ghost].sort());
    await backend.handlers.setBoundGroups({ tenantId: 'demo', groups: bound });
  });

  it('refuses to audit a snapshot taken before a repair run changed the tenant', async () => {
    backend.context.markTenantChanged('demo');
    await expect(backend.handlers.getAudit({ tenantId: 'demo' })).resolves.toBeNull();
    const stale = await call('runAudit', { tenantId: 'demo', boundGroups: null });
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale-snapshot' } });

    const started = unwrapWireResult(await call('startSnapshot', { tenantId: 'demo' })) as {
      runId: string;
    };
    await finished(started.runId);
    const fresh = await call('runAudit', { tenantId: 'demo', boundGroups: null });
    expect(fresh.ok).toBe(true);
  });

  it('passes on the audit refusing bound groups that the export lacks, naming them', async () => {
    const refused = await call('runAudit', {
      tenantId: 'demo',
      boundGroups: ['Engineering', 'No such group anywhere'],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'audit-unknown-bound' } });
    if (refused.ok) return;
    expect(refused.error.details).toContain('No such group anywhere');
    expect(refused.error.details).not.toContain('Engineering');
    // A refused pick is not remembered, and no audit is left to plan a repair from.
    const { groups } = await backend.handlers.getBoundGroups({ tenantId: 'demo' });
    expect(groups).not.toContain('No such group anywhere');
    await expect(backend.handlers.getAudit({ tenantId: 'demo' })).resolves.toBeNull();
  });

  it('refuses to audit an export without groups, and says which file to add', async () => {
    const usersOnly = join(demoAssetsDir(), 'JumpCloudUsers_20261101T0900000000.CSV');
    const files = [
      { name: basename(usersOnly), base64: readFileSync(usersOnly).toString('base64') },
    ];
    const summary = unwrapWireResult(await call('importExport', { tenantId: 'demo', files }));
    expect(summary).toMatchObject({ groups: 0 });

    const refused = await call('runAudit', { tenantId: 'demo', boundGroups: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'export-without-groups' } });
    if (refused.ok) return;
    expect(refused.error.message).toContain('users-to-user-groups');
    await expect(backend.handlers.getAudit({ tenantId: 'demo' })).resolves.toBeNull();
  });

  it('names form fields as the form does in a refused input', async () => {
    const refused = await call('addTenant', { name: 'X', baseUrl: 'ftp://x', token: 't' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (refused.ok) return;
    expect(refused.error.message).toBe('The base URL must start with https:// or http://.');
    expect(refused.error.details).toContain('baseUrl');
  });

  it('keeps the demo tenant out of profile changes', async () => {
    const outcome = await call('removeTenant', { tenantId: 'demo' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'demo-tenant' } });
  });
});

describe('errors on the wire', () => {
  it("rewrites a lower layer's field keys into the form's labels", () => {
    const error = new TenantInputError(
      'baseUrl: The base URL must be an http(s) URL. tokenExpiresAt: Invalid date',
    );
    const wire = toWireError(error);
    expect(wire.code).toBe('tenant-input-error');
    expect(wire.message).toBe(
      'The base URL must be an http(s) URL. Token expiry date: Invalid date',
    );
  });

  it("keeps a SCIM error's status and raw body for the details view, without a bearer value", () => {
    const error = new ScimError('unauthorized', 'VaultOne refused the token (401).', {
      status: 401,
      path: '/Users?count=1',
      raw: '{"detail":"bad header Authorization: Bearer s3cr3t-value"}',
    });
    const wire = toWireError(error);
    expect(wire.code).toBe('unauthorized');
    expect(wire.message).toBe('VaultOne refused the token (401).');
    expect(wire.details).toContain('status: 401');
    expect(wire.details).toContain('/Users?count=1');
    expect(wire.details).not.toContain('s3cr3t-value');
  });

  it('survives an Electron-style prefix on the way back', () => {
    const wire = { code: 'busy', message: 'Wait.', details: null };
    let thrown: unknown;
    try {
      unwrapWireResult({ ok: false, error: wire });
    } catch (error) {
      thrown = error;
    }
    const message = `Error invoking remote method 'startSnapshot': ${(thrown as Error).message}`;
    expect(decodeWireError(message)).toEqual(wire);
  });
});
