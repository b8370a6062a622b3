/** Handlers that run the audit and remember the admin's bound-group pick per tenant. */
import type { Handlers } from '../define';
import type { auditMethods } from '../methods/audit';
import { ApiError } from '../errors';
import type { BackendContext } from '../context';
import { log } from '../../core/log';

export function createAuditHandlers(ctx: BackendContext): Handlers<typeof auditMethods> {
  return {
    async runAudit({ tenantId, boundGroups }) {
      const tenant = await ctx.tenant(tenantId);
      const snapshot = ctx.snapshots.get(tenantId);
      if (!snapshot || !snapshot.complete) {
        throw new ApiError(
          'no-snapshot',
          'Read the tenant first (Refresh): there is no complete snapshot to audit.',
        );
      }
      const imported = ctx.imports.get(tenantId);
      if (!imported) {
        throw new ApiError(
          'no-export',
          'Import a JumpCloud export first: the audit compares the tenant with it.',
        );
      }

      if (boundGroups !== null) await ctx.rememberBoundGroups(tenantId, boundGroups);
      const { report, boundSource } = ctx.deps.audit({
        snapshot,
        directory: imported.directory,
        boundGroups,
        policy: tenant.policy,
      });
      const view = {
        tenantId,
        report,
        boundSource,
        snapshotTakenAt: snapshot.takenAt,
        importId: imported.summary.importId,
      };
      ctx.audits.set(tenantId, view);
      log.info({ tenantId, findings: report.findings.length, boundSource }, 'audit run');
      return view;
    },

    async getAudit({ tenantId }) {
      return ctx.audits.get(tenantId) ?? null;
    },

    async getBoundGroups({ tenantId }) {
      return { groups: (await ctx.tenant(tenantId)).boundGroups };
    },

    async setBoundGroups({ tenantId, groups }) {
      await ctx.rememberBoundGroups(tenantId, groups);
      return { groups };
    },
  };
}
