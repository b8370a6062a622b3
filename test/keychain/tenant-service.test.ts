import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveTenant } from '../../src-main/cli/tenant-options';
import {
  OsKeychain,
  TenantNotFoundError,
  TenantService,
  TokenMissingError,
} from '../../src-main/core/tenants';
import { filesContaining, KEYRING_AVAILABLE, recognisableToken, testServiceName } from './helpers';

describe.skipIf(!KEYRING_AVAILABLE)('TenantService against the real Secret Service', () => {
  let dataDir: string;
  let service: string;
  let tenants: TenantService;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'keychain-service-'));
    service = testServiceName();
    tenants = new TenantService({ dataDir, keychain: new OsKeychain(service) });
  });

  afterEach(async () => {
    for (const { account } of await keytar.findCredentials(service)) {
      await keytar.deletePassword(service, account);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('add stores one keychain entry under the tenant id and no token in the profile file', async () => {
    const token = recognisableToken();

    const profile = await tenants.add(
      { name: 'Acme', baseUrl: 'https://acme.example.com/v2' },
      token,
    );

    expect(await keytar.findCredentials(service)).toEqual([
      { account: profile.id, password: token },
    ]);
    expect(readFileSync(tenants.store.path, 'utf8')).toContain('"name": "Acme"');
    expect(filesContaining(dataDir, token)).toEqual([]);
    expect(JSON.stringify(profile)).not.toContain(token);
  });

  it('reads the token back for a connection, by name or id', async () => {
    const token = recognisableToken();
    const profile = await tenants.add(
      { name: 'Acme', baseUrl: 'https://acme.example.com/v2' },
      token,
    );

    const byName = await tenants.connectionFor('acme');
    const byId = await tenants.connectionFor(profile.id);

    expect(byName.connection).toEqual({ baseUrl: 'https://acme.example.com/v2', token });
    expect(byId.connection.token).toBe(token);
    expect(await tenants.hasToken('Acme')).toBe(true);
  });

  it('rename keeps the one keychain entry with the tenant', async () => {
    const token = recognisableToken();
    const profile = await tenants.add(
      { name: 'Acme', baseUrl: 'https://acme.example.com/v2' },
      token,
    );

    tenants.rename('Acme', 'Acme Production');

    expect(await keytar.findCredentials(service)).toEqual([
      { account: profile.id, password: token },
    ]);
    expect((await tenants.connectionFor('Acme Production')).connection.token).toBe(token);
    await expect(tenants.connectionFor('Acme')).rejects.toBeInstanceOf(TenantNotFoundError);
  });

  it('replaceToken overwrites the entry in place', async () => {
    const first = recognisableToken();
    const second = recognisableToken();
    const profile = await tenants.add(
      { name: 'Acme', baseUrl: 'https://acme.example.com/v2' },
      first,
    );

    await tenants.replaceToken('Acme', second);

    expect(await keytar.findCredentials(service)).toEqual([
      { account: profile.id, password: second },
    ]);
  });

  it('remove deletes the keychain entry and the profile together', async () => {
    await tenants.add(
      { name: 'Acme', baseUrl: 'https://acme.example.com/v2' },
      recognisableToken(),
    );
    const other = await tenants.add({ name: 'Beta', baseUrl: 'https://beta.example.com/v2' }, 'b');

    await tenants.remove('Acme');

    expect(await keytar.findCredentials(service)).toEqual([{ account: other.id, password: 'b' }]);
    expect(tenants.list().map((t) => t.name)).toEqual(['Beta']);
  });

  it('says the token is missing when the keychain entry was deleted behind its back', async () => {
    const profile = await tenants.add({ name: 'Acme', baseUrl: 'https://a.example.com' }, 'x');
    await keytar.deletePassword(service, profile.id);

    await expect(tenants.connectionFor('Acme')).rejects.toBeInstanceOf(TokenMissingError);
    expect(await tenants.hasToken('Acme')).toBe(false);
  });

  it('resolveTenant --tenant returns the stored token with the profile settings', async () => {
    const token = recognisableToken();
    await tenants.add(
      {
        name: 'Acme',
        baseUrl: 'https://acme.example.com/v2',
        policy: 'delete',
        protectedGroups: ['Break Glass'],
        boundGroups: ['Engineering'],
      },
      token,
    );

    const resolved = await resolveTenant(
      { tenant: 'ACME' },
      { dataDir, keychain: new OsKeychain(service) },
    );

    expect(resolved).toMatchObject({
      name: 'Acme',
      baseUrl: 'https://acme.example.com/v2',
      token,
      policy: 'delete',
      protectedGroups: ['Break Glass'],
      boundGroups: ['Engineering'],
      caFile: null,
    });
  });
});
