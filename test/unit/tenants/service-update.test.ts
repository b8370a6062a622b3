/** Profile changes that never touch the keychain: update and rename, on a real profile file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TenantExistsError,
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
