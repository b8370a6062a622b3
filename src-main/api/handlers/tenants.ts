/** Handlers for tenant profiles, tokens, the connection test and the demo tenant. */
import type { Handlers } from '../define';
import type { tenantMethods } from '../methods/tenants';
import { ApiError } from '../errors';
import { DEMO_TENANT_ID, toSummary, type BackendContext } from '../context';

export function createTenantHandlers(ctx: BackendContext): Handlers<typeof tenantMethods> {
  return {
    async listTenants() {
      return (await ctx.listTenants()).map(toSummary);
    },

    async addTenant(input) {
      const record = await ctx.deps.tenants.add(input);
      return toSummary({ ...record, demo: false });
    },

    async updateTenant({ tenantId, patch, sendTokenTo }) {
      refuseDemo(tenantId, 'changed');
      const record = await ctx.deps.tenants.update(tenantId, { ...patch, sendTokenTo });
      // A new base URL or CA means a new client; snapshots of the old URL no longer apply.
      const moved = patch.baseUrl !== undefined || patch.caFile !== undefined;
      if (moved) ctx.forget(tenantId, { keepData: patch.baseUrl === undefined });
      return toSummary({ ...record, demo: false });
    },

    async removeTenant({ tenantId }) {
      refuseDemo(tenantId, 'removed');
      const removed = await ctx.deps.tenants.remove(tenantId);
      ctx.forget(tenantId, { keepData: false });
      return { removed };
    },

    async replaceToken({ tenantId, token }) {
      refuseDemo(tenantId, 'given a new token');
      const record = await ctx.deps.tenants.replaceToken(tenantId, token);
      ctx.forget(tenantId, { keepData: true });
      return toSummary({ ...record, demo: false });
    },

    async testConnection({ tenantId }) {
      const session = await ctx.session(tenantId);
      return session.testConnection();
    },

    async openDemoTenant() {
      return toSummary(await ctx.openDemo());
    },
  };
}

function refuseDemo(tenantId: string, what: string): void {
  if (tenantId === DEMO_TENANT_ID) {
    throw new ApiError(
      'demo-tenant',
      `The demo tenant cannot be ${what}; it lives only in memory.`,
    );
  }
}
