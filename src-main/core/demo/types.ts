/**
 * Shapes of the demo organisation: one JumpCloud side (what an export would show) and one
 * VaultOne side (what the demo tenant serves over SCIM), built together by one generator.
 */
import type { FindingKind, JumpCloudState } from '../model';

/** A JumpCloud user as the demo organisation knows it; exports are written from these. */
export interface DemoJumpCloudUser {
  /** 24 lower-case hex digits, as JumpCloud ids are. */
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  state: JumpCloudState;
  passwordExpired: boolean;
  accountLocked: boolean;
  /** ISO-8601. */
  createdAt: string;
}

export interface DemoJumpCloudGroup {
  id: string;
  name: string;
  /** JumpCloud user ids, in a stable order. */
  members: string[];
}

export interface DemoJumpCloud {
  /** The organisation id that appears in Admin Portal report file names. */
  orgId: string;
  users: DemoJumpCloudUser[];
  groups: DemoJumpCloudGroup[];
  /** Names of the user groups bound to the VaultOne application (some are empty). */
  boundGroupNames: string[];
}

/** A user record in the demo tenant, before the server wraps it as a SCIM resource. */
export interface DemoTenantUser {
  id: string;
  userName: string;
  externalId: string | null;
  givenName: string;
  familyName: string;
  email: string | null;
  active: boolean;
}

export interface DemoTenantGroup {
  id: string;
  displayName: string;
  externalId: string | null;
  /** Tenant user ids. */
  members: string[];
}

export interface DemoTenant {
  users: DemoTenantUser[];
  groups: DemoTenantGroup[];
  /** Tenant group ids whose members the demo server never returns (membership unknown). */
  hiddenMemberGroupIds: string[];
}

/** One anomaly the generator planted: says why a count is what it is. */
export interface DemoPlant {
  kind: FindingKind;
  /** userName or displayName of what the finding will be about. */
  name: string;
  why: string;
}

export interface DemoOrganisation {
  jumpcloud: DemoJumpCloud;
  tenant: DemoTenant;
  /** Findings the audit must report, counted from the plants, per kind (zeros included). */
  expected: Record<FindingKind, number>;
  plants: DemoPlant[];
}
