/**
 * The contract's tenant methods, called as the transports call them (through `dispatch`), say
 * what is wrong in the CLI's words, one sentence per problem, never zod's default wording. None
 * of these calls reaches the keychain: each is refused first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../src-main/api/backend';
import { methods } from '../../../src-main/api/contract';
import { dispatch } from '../../../src-main/api/dispatch';
import type { WireError } from '../../../src-main/api/errors';
import { TenantService, type TenantProfile } from '../../../src-main/core/tenants';

let dir: string;
let backend: Backend;

const acme: TenantProfile = {
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Acme',
  baseUrl: 'https://acme.example.com/v2',
  policy: 'deactivate',
  protectedGroups: [],
  boundGroups: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenant-api-'));
  new TenantService({ dataDir: dir }).store.save([acme]);
  backend = createBackend({ dataDir: dir });
});
afterEach(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(name: string, input: unknown): Promise<WireError> {
  const outcome = await dispatch(methods, backend.handlers, name, input);
  if (outcome.ok) throw new Error(`${name} was accepted`);
  return outcome.error;
}

const add = (fields: Record<string, unknown>) =>
  refusal('addTenant', {
    name: 'Beta',
    baseUrl: 'https://beta.example.com',
    token: 't',
    ...fields,
  });

describe('tenant methods explain a refusal as the CLI does', () => {
  it('a name over 100 characters', async () => {
    const error = await add({ name: 'x'.repeat(101) });
    expect(error.message).toBe('The tenant name is longer than 100 characters.');
    expect(error.details).toContain('name: The tenant name is longer than 100 characters.');

    const renamed = await refusal('updateTenant', {
      tenantId: acme.id,
      patch: { name: 'y'.repeat(101) },
    });
    expect(renamed.message).toBe('The tenant name is longer than 100 characters.');
  });

  it('the demo tenant name', async () => {
    const error = await add({ name: 'demo Tenant' });
    expect(error.message).toBe(
      'The name "Demo tenant" is kept for the built-in demo tenant. Pick another name.',
    );
  });

  it('a badly written expiry date, once', async () => {
    const error = await add({ tokenExpiresAt: '2027/01/31' });
    expect(error.message).toBe('The token expiry date must be written YYYY-MM-DD.');
  });

  it('a CA file that is missing or no certificate, naming the field in the details', async () => {
    const missing = await add({ caFile: join(dir, 'missing.pem') });
    expect(missing).toMatchObject({ code: 'tenant-input-error' });
    expect(missing.message).toBe(
      `The CA certificate file ${join(dir, 'missing.pem')} does not exist.`,
    );
    expect(missing.details).toMatch(/^caFile: /m);

    const notPem = await refusal('updateTenant', {
      tenantId: acme.id,
      patch: { caFile: '/etc/hostname' },
    });
    expect(notPem.message).toMatch(/^The CA certificate file \/etc\/hostname is not a PEM/);
  });

  it('notes and a policy out of bounds', async () => {
    expect((await add({ notes: 'n'.repeat(4001) })).message).toBe(
      'The notes are longer than 4000 characters.',
    );
    expect((await add({ policy: 'purge' })).message).toBe(
      'The deprovision policy must be "deactivate" or "delete".',
    );
  });

  it('never in zod default wording, for any of these', async () => {
    const errors = await Promise.all([
      add({ name: 'x'.repeat(101) }),
      add({ notes: 'n'.repeat(4001) }),
      add({ token: 't'.repeat(9000) }),
      add({ baseUrl: `https://a.example.com/${'p'.repeat(2000)}` }),
      add({ tokenExpiresAt: 'x'.repeat(41) }),
    ]);
    for (const error of errors) expect(error.message).not.toMatch(/Too (big|small)|expected/);
  });
});

describe('updateTenant and a base URL on another host', () => {
  it('refuses it without the admin consent, and changes nothing', async () => {
    const error = await refusal('updateTenant', {
      tenantId: acme.id,
      patch: { baseUrl: 'https://elsewhere.example.net/v2', notes: 'moved' },
    });
    expect(error.code).toBe('tenant-host-change-error');
    expect(error.message).toContain('would be sent to https://elsewhere.example.net');
    expect(new TenantService({ dataDir: dir }).get(acme.id)).toEqual(acme);
  });

  it('refuses it with consent to another origin than the new URL', async () => {
    const error = await refusal('updateTenant', {
      tenantId: acme.id,
      patch: { baseUrl: 'https://elsewhere.example.net/v2' },
      sendTokenTo: 'http://elsewhere.example.net',
    });
    expect(error.code).toBe('tenant-host-change-error');
  });
});
