/** Handlers for discovery and the request log of a tenant. */
import type { Handlers } from '../define';
import type { discoveryMethods } from '../methods/discovery';
import type { requestLogMethods } from '../methods/request-log';
import type { BackendContext } from '../context';

export function createDiscoveryHandlers(ctx: BackendContext): Handlers<typeof discoveryMethods> {
  return {
    async discover({ tenantId }) {
      return (await ctx.session(tenantId)).discover();
    },
  };
}

export function createRequestLogHandlers(ctx: BackendContext): Handlers<typeof requestLogMethods> {
  return {
    async getRequestLog({ tenantId }) {
      return (await ctx.session(tenantId)).requestLog().entries();
    },

    async exportRequestLog({ tenantId, format }) {
      const tenant = await ctx.tenant(tenantId);
      const requestLog = (await ctx.session(tenantId)).requestLog();
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const base = `request-log-${slug(tenant.name)}-${stamp}`;
      const file =
        format === 'json'
          ? { fileName: `${base}.json`, mimeType: 'application/json', content: requestLog.toJSON() }
          : { fileName: `${base}.csv`, mimeType: 'text/csv', content: requestLog.toCSV() };

      // The desktop app saves through a native dialog; a browser gets the content to download.
      if (!ctx.deps.saveFile) return { ...file, savedTo: null };
      const savedTo = await ctx.deps.saveFile(file);
      return { ...file, content: null, savedTo };
    },
  };
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'tenant'
  );
}
