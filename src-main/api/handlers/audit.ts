/** Handlers that run the audit and remember the admin's bound-group pick per tenant. */
import type { Handlers } from '../define';
import type { auditMethods } from '../methods/audit';
import { ApiError } from '../errors';
import type { BackendContext } from '../context';
import { log } from '../../core/log';
import { AuditInputError } from '../../core/reconcile';
import { exportGap } from '../export-gap';
import type { ImportSummary } from '../methods/import';

/** An export without users or groups is refused before the audit: see `exportGap`. */
function refuseEmptyExport(summary: ImportSummary): void {
  const gap = exportGap(summary);
  if (gap) throw new ApiError(gap.code, gap.message);
}

/**
 * The audit's own refusals (an empty export, bound groups the export lacks) keep their message;
 * their code says which problem it was, and the details name the unknown groups.
 */
function auditOrRefuse<T>(audit: () => T): T {
  try {
    return audit();
  } catch (error) {
    if (!(error instanceof AuditInputError)) throw error;
    const details =
      error.unknownNames.length > 0
        ? `Not in this export:\n${error.unknownNames.join('\n')}`
        : null;
    throw new ApiError(`audit-${error.problem}`, error.message, details);
  }
}

export function createAuditHandlers(ctx: BackendContext): Handlers<typeof auditMethods> {
  return {
    async runAudit({ tenantId, boundGroups }) {
      const tenant = await ctx.tenant(tenantId);
      // This run replaces the last audit; if it is refused there is none (the UI shows none).
      ctx.audits.delete(tenantId);
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

      if (ctx.isStale(tenantId, snapshot)) {
        throw new ApiError(
          'stale-snapshot',
          'The tenant changed since it was read (a repair or undo ran). Refresh the snapshot, then run the audit again.',
        );
      }
      refuseEmptyExport(imported.summary);

      const { report, boundSource, warnings } = auditOrRefuse(() =>
        ctx.deps.audit({
          snapshot,
          directory: imported.directory,
          boundGroups,
          policy: tenant.policy,
        }),
      );
      // Only a pick the audit accepted is remembered.
      if (boundGroups !== null) {
        // Remembered groups this export lacks stay remembered: another export may have them.
        const inExport = new Set(imported.summary.groupList.map((g) => g.name));
        const before = (await ctx.tenant(tenantId)).boundGroups ?? [];
        const absent = before.filter((name) => !inExport.has(name) && !boundGroups.includes(name));
        await ctx.rememberBoundGroups(tenantId, [...boundGroups, ...absent].sort());
      }
      const view = {
        tenantId,
        report,
        boundSource,
        warnings,
        snapshotTakenAt: snapshot.takenAt,
        importId: imported.summary.importId,
      };
      // The awaits above let a new import or read land meanwhile: this audit is then of an
      // export or a snapshot the tenant no longer uses, and is not kept.
      if (ctx.imports.get(tenantId) !== imported || ctx.snapshots.get(tenantId) !== snapshot) {
        throw new ApiError(
          'stale-audit',
          'The export or the tenant was read again while the audit ran. Run the audit again.',
        );
      }
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
