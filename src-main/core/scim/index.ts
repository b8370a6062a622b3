/**
 * The SCIM client: snapshot, discovery, connection test, single reads and verified writes
 * against one tenant. Import from here, not from the files inside.
 */
export { createScimClient, type ScimClient, type ScimClientOptions } from './client';
export { ScimError, parseErrorBody, type ScimErrorKind } from './errors';
export type { Discovery, DiscoveredSchema, DiscoveredAttribute } from './discovery';
export type { ConnectionTest, ConnectionStep, ConnectionStepName } from './connection-test';
export type { SnapshotProgress, SnapshotOptions } from './snapshot';
export { RequestLog, type RequestLogEntry } from './request-log';
export type { WriteOp, PlannedRequest, FallbackRequest, WriteResult, WriteOptions } from './writes';
export { normaliseBaseUrl } from './url';
export { toTenantUser, toTenantGroup } from './normalise';
