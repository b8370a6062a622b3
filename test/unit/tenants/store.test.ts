import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TenantStore,
  TenantStoreError,
  TENANT_STORE_VERSION,
} from '../../../src-main/core/tenants';
import type { TenantProfile } from '../../../src-main/core/tenants';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tenant-store-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const profile: TenantProfile = {
  id: 'b7f0e9d2-0000-4000-8000-000000000001',
  name: 'Acme',
  baseUrl: 'https://acme.example.com/v2',
  policy: 'deactivate',
  protectedGroups: ['Admins'],
  boundGroups: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('TenantStore', () => {
  it('starts empty and keeps what is saved across instances', () => {
    expect(new TenantStore(dataDir).list()).toEqual([]);
    new TenantStore(dataDir).save([profile]);
    expect(new TenantStore(dataDir).list()).toEqual([profile]);
  });

  it('writes tenants.json readable by the owner only', () => {
    const store = new TenantStore(dataDir);
    store.save([profile]);
    expect(store.path).toBe(join(dataDir, 'tenants.json'));
    if (process.platform !== 'win32') expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('refuses a profile with a property the schema does not name, such as a token', () => {
    const store = new TenantStore(dataDir);
    const withToken = { ...profile, token: 'should-never-be-stored' } as TenantProfile;
    expect(() => store.save([withToken])).toThrow(TenantStoreError);
    expect(readFileSync(store.path, 'utf8')).not.toContain('should-never-be-stored');
  });

  it('migrates a 1.0.0 file: adds protected and bound groups, keeps the rest', () => {
    const old = {
      tenants: [
        {
          id: 'x1',
          name: 'Old',
          baseUrl: 'https://old.example.com/scim/v2',
          policy: 'delete',
          createdAt: '2025-05-05T00:00:00.000Z',
        },
      ],
      __internal__: { migrations: { version: '1.0.0' } },
    };
    writeFileSync(join(dataDir, 'tenants.json'), JSON.stringify(old));

    const migrated = new TenantStore(dataDir).list();

    expect(migrated).toEqual([
      {
        id: 'x1',
        name: 'Old',
        baseUrl: 'https://old.example.com/scim/v2',
        policy: 'delete',
        createdAt: '2025-05-05T00:00:00.000Z',
        updatedAt: '2025-05-05T00:00:00.000Z',
        protectedGroups: [],
        boundGroups: null,
      },
    ]);
    const onDisk = JSON.parse(readFileSync(join(dataDir, 'tenants.json'), 'utf8'));
    expect(onDisk.__internal__.migrations.version).toBe(TENANT_STORE_VERSION);
  });

  it('names the file when it cannot be parsed against the schema', () => {
    writeFileSync(join(dataDir, 'tenants.json'), JSON.stringify({ tenants: 'nonsense' }));
    expect(() => new TenantStore(dataDir)).toThrow(/tenant profile file in .* could not be opened/);
  });
});
