/**
 * Snapshot runs: one at a time per tenant, progress as events, cancel through an AbortSignal.
 * Only a complete snapshot replaces the tenant's last one, so a cancelled or failed read is never
 * shown as if it were whole.
 */
import { randomUUID } from 'node:crypto';
import type { Snapshot } from '../../core/model';
import type { Handlers } from '../define';
import type { GroupRow, SnapshotView, snapshotMethods, UserRow } from '../methods/snapshot';
import { ApiError, toWireError } from '../errors';
import type { SnapshotFinishedEvent, SnapshotProgressEvent } from '../events';
import type { BackendContext } from '../context';
import { log } from '../../core/log';
import { unauthorizedAdvice } from '../../core/tenants';

interface Run {
  tenantId: string;
  controller: AbortController;
}

export function createSnapshotHandlers(ctx: BackendContext): Handlers<typeof snapshotMethods> {
  const runs = new Map<string, Run>();

  async function execute(runId: string, tenantId: string, controller: AbortController) {
    const finish = (
      status: SnapshotFinishedEvent['status'],
      s: Snapshot | null,
      error: unknown,
    ) => {
      runs.delete(runId);
      ctx.emit({
        type: 'snapshot-finished',
        runId,
        tenantId,
        status,
        users: s?.users.length ?? 0,
        groups: s?.groups.length ?? 0,
        error: error === null ? null : toWireError(error),
      } satisfies SnapshotFinishedEvent);
    };

    try {
      const session = await ctx.session(tenantId);
      const snapshot = await session.snapshot({
        signal: controller.signal,
        onProgress: (progress) =>
          ctx.emit({
            type: 'snapshot-progress',
            runId,
            tenantId,
            ...progress,
          } satisfies SnapshotProgressEvent),
      });
      if (controller.signal.aborted || !snapshot.complete) {
        finish('cancelled', null, null);
        return;
      }
      ctx.snapshots.set(tenantId, snapshot);
      log.info(
        { tenantId, users: snapshot.users.length, groups: snapshot.groups.length },
        'snapshot taken',
      );
      finish('complete', snapshot, null);
    } catch (error) {
      if (controller.signal.aborted) finish('cancelled', null, null);
      else finish('failed', null, await explainFailure(ctx, tenantId, error));
    }
  }

  return {
    async startSnapshot({ tenantId }) {
      await ctx.tenant(tenantId);
      for (const run of runs.values()) {
        if (run.tenantId === tenantId) {
          throw new ApiError(
            'busy',
            'A snapshot of this tenant is already running. Wait or cancel it.',
          );
        }
      }

      const runId = randomUUID();
      const controller = new AbortController();
      runs.set(runId, { tenantId, controller });
      void execute(runId, tenantId, controller);
      return { runId };
    },

    async cancelSnapshot({ runId }) {
      const run = runs.get(runId);
      if (!run) return { cancelled: false };
      run.controller.abort();
      return { cancelled: true };
    },

    async getSnapshot({ tenantId }) {
      const snapshot = ctx.snapshots.get(tenantId);
      return snapshot ? toView(tenantId, snapshot) : null;
    },
  };
}

/** A 401 most often means the token expired or was revoked: say so, keeping the raw details. */
async function explainFailure(ctx: BackendContext, tenantId: string, error: unknown) {
  const tenant = await ctx.tenant(tenantId).catch(() => null);
  const profile = tenant
    ? { name: tenant.name, tokenExpiresAt: tenant.tokenExpiresAt ?? undefined }
    : undefined;
  const advice = unauthorizedAdvice(error, profile);
  if (!advice) return error;
  const wire = toWireError(error);
  return new ApiError(wire.code, advice, wire.details);
}

function toView(tenantId: string, snapshot: Snapshot): SnapshotView {
  const users: UserRow[] = snapshot.users.map(({ raw: _raw, ...user }) => user);
  const groups: GroupRow[] = snapshot.groups.map(({ raw: _raw, ...group }) => ({
    ...group,
    memberCount: group.members === null ? null : group.members.length,
  }));
  return {
    tenantId,
    baseUrl: snapshot.baseUrl,
    takenAt: snapshot.takenAt,
    complete: snapshot.complete,
    warnings: snapshot.warnings,
    users,
    groups,
  };
}
