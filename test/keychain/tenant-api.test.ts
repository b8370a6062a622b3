/**
 * The contract's addTenant and updateTenant against the real Secret Service, called as the
 * transports call them: a refused profile leaves no keychain entry behind, and a base URL on
 * another host is saved only with the admin's consent, the token staying where it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src-main/api/backend';
import { methods } from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import { KEYRING_AVAILABLE, recognisableToken, testServiceName } from './helpers';

const TEST_CERT = resolve(import.meta.dirname, '../interop/tls/test-only-cert.pem');

describe.skipIf(!KEYRING_AVAILABLE)('tenant methods over the real keychain', () => {
  let dir: string;
  let service: string;
  let backend: Backend;
  const call = (name: string, input: unknown) => dispatch(methods, backend.handlers, name, input);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tenant-api-keychain-'));
    service = testServiceName();
    process.env.SCIM_COMPANION_KEYCHAIN_SERVICE = service;
    backend = createBackend({ dataDir: dir });
  });

  afterEach(async () => {
    await backend.close();
    delete process.env.SCIM_COMPANION_KEYCHAIN_SERVICE;
    for (const { account } of await keytar.findCredentials(service)) {
      await keytar.deletePassword(service, account);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const acme = (fields: Record<string, unknown> = {}) =>
    call('addTenant', {
      name: 'Acme',
      baseUrl: 'https://acme.example.com/v2',
      token: recognisableToken(),
      ...fields,
    });

  it('refuses a CA file that is no certificate, and the demo name, storing no token', async () => {
    const notPem = await acme({ caFile: '/etc/hostname' });
    expect(notPem).toMatchObject({ ok: false, error: { code: 'tenant-input-error' } });
    const demo = await acme({ name: 'Demo tenant' });
    expect(demo).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    expect(await keytar.findCredentials(service)).toEqual([]);
    await expect(backend.handlers.listTenants({})).resolves.toEqual([]);
  });

  it('adds CA file, notes and protected groups, and edits them all in one call', async () => {
    const added = await acme({ caFile: TEST_CERT, notes: 'EU', protectedGroups: ['Admins', ' '] });
    expect(added).toMatchObject({
      ok: true,
      result: { caFile: TEST_CERT, notes: 'EU', protectedGroups: ['Admins'], hasToken: true },
    });
    if (!added.ok) return;
    const { id } = added.result as { id: string };

    const edited = await call('updateTenant', {
      tenantId: id,
      patch: {
        name: 'Acme EU',
        policy: 'delete',
        caFile: null,
        notes: null,
        tokenExpiresAt: '2030-06-30',
        protectedGroups: ['Admins', 'Break Glass'],
      },
    });
    expect(edited).toMatchObject({
      ok: true,
      result: {
        name: 'Acme EU',
        policy: 'delete',
        caFile: null,
        notes: null,
        tokenExpiresAt: '2030-06-30',
        protectedGroups: ['Admins', 'Break Glass'],
      },
    });
  });

  it('moves to another host only with consent to that origin, keeping the one token', async () => {
    const added = await acme();
    if (!added.ok) throw new Error(added.error.message);
    const { id } = added.result as { id: string };
    const [entry] = await keytar.findCredentials(service);
    const move = { tenantId: id, patch: { baseUrl: 'https://acme.other.example/v2' } };

    const refused = await call('updateTenant', move);
    expect(refused).toMatchObject({ ok: false, error: { code: 'tenant-host-change-error' } });
    expect((await backend.handlers.listTenants({}))[0]?.baseUrl).toBe(
      'https://acme.example.com/v2',
    );

    const elsewhere = await call('updateTenant', { ...move, sendTokenTo: 'https://x.example' });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'tenant-host-change-error' } });
    const moved = await call('updateTenant', {
      ...move,
      sendTokenTo: 'https://acme.other.example',
    });
    expect(moved).toMatchObject({ ok: true, result: { baseUrl: 'https://acme.other.example/v2' } });
    expect(await keytar.findCredentials(service)).toEqual([entry]);
  });
});
