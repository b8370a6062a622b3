/** Running the audit (reconcile) and remembering the admin's bound-group pick per tenant. */
import { z } from 'zod';
import { method } from '../define';
import type { AuditReport, BoundSource } from '../../core/model';
import { tenantId, tenantRef } from './common';

const groupNames = z.array(z.string().min(1).max(500)).max(20_000);

export interface AuditView {
  tenantId: string;
  report: AuditReport;
  /** Where the bound groups came from: the export, the admin's pick, or every group. */
  boundSource: BoundSource;
  /** What the audit could not conclude and why (members unknown); empty when nothing. */
  warnings: string[];
  /** The snapshot and import the audit used, so the UI can say what it compared. */
  snapshotTakenAt: string;
  importId: string;
}

export interface BoundGroupsView {
  /** The admin's remembered pick for this tenant, or null when none was saved. */
  groups: string[] | null;
}

export const runAuditInput = z
  .object({
    tenantId,
    /** The admin's pick; null lets the export's binding data or "all groups" decide. */
    boundGroups: groupNames.nullable().default(null),
  })
  .strict();

export const setBoundGroupsInput = z.object({ tenantId, groups: groupNames }).strict();

export const auditMethods = {
  runAudit: method<typeof runAuditInput, AuditView>(runAuditInput),
  /** The last audit of this tenant in this session, or null. */
  getAudit: method<typeof tenantRef, AuditView | null>(tenantRef),
  getBoundGroups: method<typeof tenantRef, BoundGroupsView>(tenantRef),
  setBoundGroups: method<typeof setBoundGroupsInput, BoundGroupsView>(setBoundGroupsInput),
};
