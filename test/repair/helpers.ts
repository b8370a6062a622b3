/**
 * Shared pieces of the repair tests: a demo tenant with its audit, plans made from it, and a
 * plain view of a tenant's state read straight over HTTP (not through the code under test).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlan, type Plan } from '../../src-main/core/actions';
import {
  buildDemoOrganisation,
  demoDirectory,
  startDemoServer,
  type DemoServer,
} from '../../src-main/core/demo';
import type { Finding, FindingKind } from '../../src-main/core/model';
import { reconcile } from '../../src-main/core/reconcile';
import { createScimClient, type ScimClient } from '../../src-main/core/scim';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface DemoTenant {
  server: DemoServer;
  client: ScimClient;
  close(): Promise<void>;
}

export async function demoTenant(): Promise<DemoTenant> {
  const server = await startDemoServer();
  const client = createScimClient({
    baseUrl: server.baseUrl,
    token: server.token,
    retry: { baseDelayMs: 1 },
  });
  return {
    server,
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** The demo tenant's findings, from a fresh snapshot and the demo organisation's export. */
export async function demoPlan(
  tenant: DemoTenant,
  kinds: FindingKind[] = ['deprovision-user', 'orphan-group', 'membership-extra', 'inactive-user'],
  extra: { protectedGroups?: string[]; policy?: 'deactivate' | 'delete' } = {},
): Promise<{ plan: Plan; findings: Finding[] }> {
  const snapshot = await tenant.client.snapshot();
  const { findings } = reconcile(snapshot, demoDirectory(buildDemoOrganisation()));
  const plan = buildPlan({
    tenant: { id: null, name: 'Demo tenant', baseUrl: tenant.client.baseUrl },
    snapshot,
    findings: findings.filter((f) => kinds.includes(f.kind)),
    policy: extra.policy ?? 'deactivate',
    protectedGroups: extra.protectedGroups ?? [],
  });
  return { plan, findings };
}

/** A SCIM resource read with a plain fetch; null on 404. */
export async function scimGet(
  baseUrl: string,
  token: string,
  path: string,
): Promise<Record<string, unknown> | null> {
  const res = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function scimSend(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body: unknown,
): Promise<Record<string, unknown> | null> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : ((await res.json()) as Record<string, unknown>);
}

export function memberIds(group: Record<string, unknown> | null): string[] {
  const members = (group?.members ?? []) as { value: string }[];
  return members.map((m) => m.value).sort();
}

/** Users (active flag) and groups (name and members) keyed by id, for state comparisons. */
export interface TenantState {
  users: Record<string, { userName: string; active: boolean }>;
  groups: Record<string, { displayName: string; members: string[] | null }>;
}

export async function tenantState(client: ScimClient): Promise<TenantState> {
  const snapshot = await client.snapshot();
  const state: TenantState = { users: {}, groups: {} };
  for (const u of snapshot.users) state.users[u.id] = { userName: u.userName, active: u.active };
  for (const g of snapshot.groups) {
    state.groups[g.id] = {
      displayName: g.displayName,
      members: g.members ? [...g.members].sort() : null,
    };
  }
  return state;
}

/** Groups keyed by display name instead of id: a recreated group has a new id. */
export function byGroupName(state: TenantState): Record<string, string[] | null> {
  return Object.fromEntries(Object.values(state.groups).map((g) => [g.displayName, g.members]));
}

/** The write requests (not GETs) the server received, as `METHOD path`. */
export function writesOf(requests: ReadonlyArray<{ method: string; path: string }>): string[] {
  return requests
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path.split('?')[0]}`);
}
