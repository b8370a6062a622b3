/** Profile changes that never touch the keychain: update and rename, on a real profile file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TenantExistsError,
  TenantHostChangeError,
  TenantInputError,
  TenantService,
  type TenantProfile,
} from '../../../src-main/core/tenants';

let dataDir: string;
let service: TenantService;

const acme: TenantProfile = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Acme',
  baseUrl: 'https://acme.example.com/v2',
  policy: 'deactivate',
  caFile: '/etc/ssl/acme-ca.pem',
  tokenExpiresAt: '2027-01-31',
  notes: 'Production',
  protectedGroups: ['Admins'],
  boundGroups: ['Engineering'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const beta: TenantProfile = { ...acme, id: '22222222-2222-4222-8222-222222222222', name: 'Beta' };

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tenant-update-'));
  service = new TenantService({ dataDir });
  service.store.save([acme, beta]);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('TenantService.update', () => {
  it('changes only the fields given, leaving undefined ones alone', () => {
    const updated = service.update('acme', {
      policy: 'delete',
      baseUrl: undefined,
      protectedGroups: ['Admins', 'Break Glass'],
    });
    expect({ ...updated, updatedAt: acme.updatedAt }).toEqual({
      ...acme,
      policy: 'delete',
      protectedGroups: ['Admins', 'Break Glass'],
    });
    expect(updated.updatedAt > acme.updatedAt).toBe(true);
    expect(service.get('Beta')).toEqual(beta);
  });

  it('clears optional fields with null, and forgets bound groups with null', () => {
    const updated = service.update(acme.id, {
      caFile: null,
      tokenExpiresAt: null,
      notes: null,
      boundGroups: null,
    });
    expect(updated).not.toHaveProperty('caFile');
    expect(updated).not.toHaveProperty('tokenExpiresAt');
    expect(updated).not.toHaveProperty('notes');
    expect(updated.boundGroups).toBeNull();
    expect(new TenantService({ dataDir }).get('Acme')).toEqual(updated);
  });

  it('refuses an invalid change and stores nothing', () => {
    expect(() => service.update('Acme', { baseUrl: 'http://remote.example.com' })).toThrow(
      TenantInputError,
    );
    expect(service.get('Acme')).toEqual(acme);
  });
});

describe('TenantService.rename', () => {
  it('renames, keeps the id, and refuses a name another tenant has', () => {
    expect(service.rename('Acme', 'Acme EU')).toMatchObject({ id: acme.id, name: 'Acme EU' });
    expect(() => service.rename('Acme EU', 'beta')).toThrow(TenantExistsError);
    expect(service.rename('Acme EU', 'ACME EU').name).toBe('ACME EU');
  });
});

describe('TenantService.update of the base URL', () => {
  it('refuses another host without consent, and stores nothing', () => {
    const refused = (() => {
      try {
        service.update('Acme', { baseUrl: 'https://evil.example.net/v2', notes: 'moved' });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(TenantHostChangeError);
    expect(refused).toBeInstanceOf(TenantInputError);
    expect(refused).toMatchObject({
      fromHost: 'https://acme.example.com',
      toHost: 'https://evil.example.net',
    });
    expect((refused as Error).message).toContain('would be sent to https://evil.example.net');
    expect(service.get('Acme')).toEqual(acme);
  });

  it('counts another port or scheme as another host; another path needs no consent', () => {
    expect(() => service.update('Acme', { baseUrl: 'https://acme.example.com:8443/v2' })).toThrow(
      TenantHostChangeError,
    );
    // The same host over plain http is another listener, and the token would travel in clear.
    service.store.save([{ ...acme, baseUrl: 'https://localhost/v2' }]);
    expect(() => service.update('Acme', { baseUrl: 'http://localhost/v2' })).toThrow(
      TenantHostChangeError,
    );
    service.store.save([acme]);
    expect(service.update('Acme', { baseUrl: 'https://ACME.example.com/scim/v2' }).baseUrl).toBe(
      'https://acme.example.com/scim/v2',
    );
  });

  it('moves to another host once the admin agreed the token goes there', () => {
    const move = { baseUrl: 'https://acme-eu.example.com/v2' };
    expect(() => service.update('Acme', move, { sendTokenTo: null })).toThrow(
      TenantHostChangeError,
    );
    // Consent is to one origin: agreeing to another one allows nothing.
    expect(() =>
      service.update('Acme', move, { sendTokenTo: 'https://elsewhere.example.com' }),
    ).toThrow(TenantHostChangeError);
    expect(
      service.update('Acme', move, { sendTokenTo: 'https://acme-eu.example.com' }).baseUrl,
    ).toBe('https://acme-eu.example.com/v2');
  });
});

describe('TenantService checks what it stores', () => {
  it('refuses a CA file that is no PEM certificate, naming it, and stores nothing', () => {
    expect(() => service.update('Acme', { caFile: '/etc/hostname' })).toThrow(
      /\/etc\/hostname is not a PEM certificate/,
    );
    expect(service.get('Acme')).toEqual(acme);
  });

  it('refuses the demo tenant name for an update, a rename and a new tenant', async () => {
    expect(() => service.update('Acme', { name: 'demo tenant' })).toThrow(/kept for the built-in/);
    expect(() => service.rename('Acme', 'Demo Tenant')).toThrow(TenantInputError);
    // Refused before anything is written to the keychain.
    await expect(
      service.add({ name: 'DEMO TENANT', baseUrl: 'https://d.example.com' }, 'token'),
    ).rejects.toThrow(/kept for the built-in demo tenant/);
    expect(service.list().map((t) => t.name)).toEqual(['Acme', 'Beta']);
  });

  it('renames through update in the same save, refusing a name another tenant has', () => {
    expect(() => service.update('Acme', { name: 'BETA', notes: 'x' })).toThrow(TenantExistsError);
    expect(service.get('Acme')).toEqual(acme);
    expect(service.update('Acme', { name: 'Acme EU', notes: 'x' })).toMatchObject({
      id: acme.id,
      name: 'Acme EU',
      notes: 'x',
    });
  });

  it('lists each problem by field in the details, in plain words in the message', () => {
    const error = (() => {
      try {
        service.update('Acme', { tokenExpiresAt: '2027/01/31', notes: 'n'.repeat(4001) });
      } catch (caught) {
        return caught as TenantInputError;
      }
    })();
    expect(error?.message).toBe(
      'The token expiry date must be written YYYY-MM-DD. The notes are longer than 4000 ' +
        'characters.',
    );
    expect(error?.details).toBe(
      'tokenExpiresAt: The token expiry date must be written YYYY-MM-DD.\n' +
        'notes: The notes are longer than 4000 characters.',
    );
  });
});
