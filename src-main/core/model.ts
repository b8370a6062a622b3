/**
 * The plain data shapes every layer shares: what a tenant holds (Snapshot), what JumpCloud
 * says should be there (Directory), and what differs between them (Finding).
 */

/** A SCIM User as read from a tenant, normalised leniently (see INTEROP facts in tests). */
export interface TenantUser {
  /** Opaque server id; never build it from other fields. */
  id: string;
  userName: string;
  externalId: string | null;
  /** Read leniently: "True"/"False" strings become booleans. */
  active: boolean;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  /** Primary email, else work, else the first; lower-cased is left to the matcher. */
  email: string | null;
  /** True when the user carries `roles` or `entitlements` (needs a second confirmation). */
  privileged: boolean;
  /** The resource as the server sent it, for undo and details views. */
  raw: Record<string, unknown>;
}

export interface TenantGroup {
  id: string;
  displayName: string;
  externalId: string | null;
  /**
   * Member user ids. `null` means the server did not tell us (membership unknown), which is
   * never the same as an empty group.
   */
  members: string[] | null;
  raw: Record<string, unknown>;
}

/** Everything read from one tenant at one moment. */
export interface Snapshot {
  baseUrl: string;
  takenAt: string;
  users: TenantUser[];
  groups: TenantGroup[];
  /** False when the read was cancelled or cut short; such a snapshot is never audited. */
  complete: boolean;
  /** Plain sentences for the admin: assumptions made, paging oddities seen. */
  warnings: string[];
}

export type JumpCloudState = 'STAGED' | 'ACTIVATED' | 'SUSPENDED';

/** A JumpCloud user from an export. At least one of `id` or `username` is set. */
export interface DirectoryUser {
  /** Stable key within the directory: the JumpCloud id when known, else `u:` + lower username. */
  key: string;
  /** 24 hex digits when the export carries it. */
  id: string | null;
  username: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  state: JumpCloudState | null;
  suspended: boolean;
  /** Null when the export does not say (the SSO report and the members CSV have no column). */
  passwordExpired: boolean | null;
  accountLocked: boolean;
}

export interface DirectoryGroup {
  /** JumpCloud group id when known. */
  id: string | null;
  name: string;
  /** Keys of DirectoryUser members; `null` when the export says nothing about members. */
  members: string[] | null;
  /** Dynamic groups change membership on their own: drift there may be legitimate. */
  dynamic: boolean;
}

export interface SkippedRows {
  reason: string;
  count: number;
}

/** What JumpCloud says, normalised from whatever export format the admin had. */
export interface Directory {
  /** Detected format id(s), e.g. `powershell-group-members-csv`, `admin-users-to-groups-csv`. */
  format: string;
  sources: string[];
  users: DirectoryUser[];
  groups: DirectoryGroup[];
  /** Names of bound groups when the export carries binding data, else null. */
  boundGroups: string[] | null;
  /** True when the export says who is in which group. */
  hasMembership: boolean;
  skipped: SkippedRows[];
  warnings: string[];
}

export const FINDING_KINDS = [
  'orphan-group',
  'deprovision-user',
  'membership-extra',
  'membership-missing',
  'missing-user',
  'inactive-user',
  'missing-group',
  'attribute-drift',
  'membership-unknown',
  'duplicate-user',
  'unmanaged-user',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

export type FindingAction =
  'delete-group' | 'deactivate-user' | 'delete-user' | 'remove-member' | 'reactivate-user';

export interface FindingTarget {
  type: 'user' | 'group';
  /** Tenant id; null for things absent from the tenant. */
  id: string | null;
  /** userName or displayName. */
  name: string;
}

export interface Finding {
  kind: FindingKind;
  target: FindingTarget;
  reason: string;
  action: FindingAction | null;
  detail: Record<string, unknown>;
}

/** Where the bound groups came from, said plainly to the admin. */
export type BoundSource = 'export' | 'admin' | 'all-groups';

/** The public audit report (`scim-companion audit --json`); documented in the README. */
export interface AuditReport {
  generatedAt: string;
  tenant: { baseUrl: string; users: number; groups: number };
  export: { format: string; users: number; groups: number; boundGroups: string[] };
  summary: Record<FindingKind, number>;
  findings: Finding[];
}
