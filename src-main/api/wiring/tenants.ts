/** Adapts the tenants module (profiles + OS keychain) to the backend's TenantDirectory. */
import { expiryWarning, TenantService, type TenantProfile } from '../../core/tenants';
import type { TenantDirectory, TenantRecord } from '../ports';

/** The tenant directory over `TenantService`, keyed by profile id. */
export function tenantDirectory(dataDir: string): TenantDirectory {
  // The backend builds its own SCIM sessions, so the service's client factory is unused here.
  const service = new TenantService<null>({ dataDir, connect: () => null });

  async function record(profile: TenantProfile): Promise<TenantRecord> {
    return {
      id: profile.id,
      name: profile.name,
      baseUrl: profile.baseUrl,
      policy: profile.policy,
      hasToken: await service.hasToken(profile.id).catch(() => false),
      caFile: profile.caFile ?? null,
      tokenExpiresAt: profile.tokenExpiresAt ?? null,
      notes: profile.notes ?? null,
      protectedGroups: [...profile.protectedGroups],
      expiryWarning: expiryWarning(profile, new Date())?.message ?? null,
      boundGroups: profile.boundGroups,
    };
  }

  return {
    async list() {
      return Promise.all(service.list().map(record));
    },

    async get(tenantId) {
      return record(service.get(tenantId));
    },

    async add({ token, ...fields }) {
      const profile = await service.add(
        {
          name: fields.name,
          baseUrl: fields.baseUrl,
          policy: fields.policy,
          caFile: fields.caFile?.trim() || undefined,
          tokenExpiresAt: fields.tokenExpiresAt || undefined,
          notes: fields.notes || undefined,
          protectedGroups: fields.protectedGroups,
        },
        token,
      );
      return record(profile);
    },

    async update(tenantId, { sendTokenTo, ...patch }) {
      // One save for every field, the name included: a refused field changes nothing.
      return record(service.update(tenantId, patch, { sendTokenTo }));
    },

    async remove(tenantId) {
      await service.remove(tenantId);
      return true;
    },

    async replaceToken(tenantId, token) {
      return record(await service.replaceToken(tenantId, token));
    },

    async token(tenantId) {
      return (await service.connectionFor(tenantId)).connection.token;
    },
  };
}
