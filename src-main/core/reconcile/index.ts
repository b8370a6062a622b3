/** Reconcile: what differs between a tenant snapshot and a JumpCloud export. */
export { reconcile, compareFindings, type ReconcileResult } from './reconcile';
export type { DeprovisionPolicy, ReconcileOptions } from './context';
export { describeBoundSource, resolveBoundGroups, type BoundGroups } from './bound';
export { matchGroups, matchUsers, type UserMatching, type UserMatchRule } from './match';
export { buildAuditReport, summarise, type AuditReportInput } from './report';
export { formatAuditText, type AuditTextOptions } from './format';
export { AuditInputError, plural, type AuditInputProblem } from './errors';
export { checkAuditInputs } from './inputs';
