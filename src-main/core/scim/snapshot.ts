/**
 * A snapshot of one tenant: every user, every group, and each group's members, with progress
 * and cancel. Groups are listed without members (cheap pages), then each group whose members
 * the list left out is read on its own. Where the server never says, members stay unknown.
 */
import type { Snapshot, TenantGroup, TenantUser } from '../model';
import { ScimError, isRecord } from './errors';
import { toTenantGroup, toTenantUser, readMembers } from './normalise';
import { listAll, mapLimit, type ListResult } from './paging';
import type { ScimTransport } from './transport';
import { resourcePath } from './url';

export interface SnapshotProgress {
  phase: 'users' | 'groups' | 'members' | 'done';
  /** Items finished in this phase. */
  done: number;
  /** Expected items in this phase; a hint, null when the server gave none. */
  total: number | null;
  /** Pages or single reads sent so far, over all phases. */
  pages: number;
  retries: number;
}

export interface SnapshotOptions {
  signal?: AbortSignal;
  onProgress?: (p: SnapshotProgress) => void;
}

export interface SnapshotSettings {
  pageSize: number;
  concurrency: number;
  /** Sentences from discovery, carried into the snapshot's warnings. */
  assumptions: string[];
}

/** Errors for one group's read that leave only that group's members unknown. */
const MEMBER_READ_SOFT = new Set(['too-large', 'timeout', 'not-found', 'server', 'not-scim']);

/** Reads the whole tenant. Throws ScimError (kind `cancelled` when the signal fires). */
export async function takeSnapshot(
  transport: ScimTransport,
  settings: SnapshotSettings,
  opts: SnapshotOptions = {},
): Promise<Snapshot> {
  const takenAt = new Date().toISOString();
  const counters = { pages: 0, retries: 0 };
  const emit = (phase: SnapshotProgress['phase'], done: number, total: number | null) =>
    opts.onProgress?.({ phase, done, total, ...counters });
  const onRetry = () => counters.retries++;

  const users = await listPhase(transport, settings, opts, counters, emit, 'users', 'Users', {});
  const groups = await listGroups(transport, settings, opts, counters, emit);
  const warnings = [...settings.assumptions, ...users.warnings, ...groups.warnings];

  const tenantUsers = users.resources.map(toTenantUser).filter((u): u is TenantUser => !!u);
  const tenantGroups = groups.resources.map(toTenantGroup).filter((g): g is TenantGroup => !!g);
  await fillMembers(transport, tenantGroups, settings.concurrency, {
    signal: opts.signal,
    onRetry,
    onDone: (done, total) => {
      counters.pages++;
      emit('members', done, total);
    },
    warnings,
  });
  markCutShortGroups(tenantUsers, tenantGroups, warnings);
  emit('done', tenantUsers.length + tenantGroups.length, tenantUsers.length + tenantGroups.length);

  return {
    baseUrl: transport.baseUrl,
    takenAt,
    users: tenantUsers,
    groups: tenantGroups,
    complete: users.complete && groups.complete,
    warnings,
  };
}

type Emit = (phase: SnapshotProgress['phase'], done: number, total: number | null) => void;

function listPhase(
  transport: ScimTransport,
  settings: SnapshotSettings,
  opts: SnapshotOptions,
  counters: { pages: number; retries: number },
  emit: Emit,
  noun: 'users' | 'groups',
  endpoint: string,
  params: Record<string, string>,
): Promise<ListResult> {
  let done = 0;
  emit(noun, 0, null);
  return listAll(transport, {
    endpoint,
    noun,
    params,
    pageSize: settings.pageSize,
    concurrency: settings.concurrency,
    signal: opts.signal,
    onRetry: () => counters.retries++,
    onPage: (received, total) => {
      counters.pages++;
      done += received;
      emit(noun, done, total);
    },
  });
}

/** Groups without their members; a server refusing `excludedAttributes` is asked plainly. */
async function listGroups(
  transport: ScimTransport,
  settings: SnapshotSettings,
  opts: SnapshotOptions,
  counters: { pages: number; retries: number },
  emit: Emit,
): Promise<ListResult> {
  const params = { excludedAttributes: 'members' };
  try {
    return await listPhase(transport, settings, opts, counters, emit, 'groups', 'Groups', params);
  } catch (err) {
    if (!(err instanceof ScimError) || err.kind !== 'bad-request') throw err;
    return listPhase(transport, settings, opts, counters, emit, 'groups', 'Groups', {});
  }
}

interface FillOptions {
  signal?: AbortSignal;
  onRetry: () => void;
  onDone: (done: number, total: number) => void;
  warnings: string[];
}

/**
 * Reads members for each group the list left them out of. A group whose single read has no
 * `members` either is empty when the server returned members for some other group (it does
 * send them), and unknown (null) when it never returned any.
 */
export async function fillMembers(
  transport: ScimTransport,
  groups: TenantGroup[],
  concurrency: number,
  opts: FillOptions,
): Promise<void> {
  const pending = groups.filter((g) => g.members === null);
  let serverSendsMembers = groups.some((g) => g.members !== null);
  const unreadable = new Map<string, string>();
  let done = 0;

  await mapLimit(pending, concurrency, async (group) => {
    const read = await readGroupMembers(transport, group.id, opts);
    done++;
    opts.onDone(done, pending.length);
    if (read === 'unreadable') {
      unreadable.set(group.id, group.displayName);
      return;
    }
    if (read.members !== null) serverSendsMembers = true;
    group.members = read.members;
    group.raw = read.raw;
  });

  const silent = groups.filter((g) => g.members === null && !unreadable.has(g.id));
  if (serverSendsMembers) {
    for (const group of silent) group.members = [];
  } else if (silent.length > 0) {
    opts.warnings.push(
      `The server never returned group members (${silent.length} groups): their membership is unknown, and nothing is concluded about it.`,
    );
  }
  if (unreadable.size > 0) {
    const names = [...unreadable.values()];
    opts.warnings.push(
      `The members of ${names.length} group(s) could not be read (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}): their membership is unknown.`,
    );
  }
}

/**
 * Some servers silently cap the member lists they send. Where users carry the read-only `groups`
 * attribute, a user who names a group as a direct membership but is missing from that group's
 * list proves the list was cut short: that group's membership becomes unknown rather than
 * trusted. A server that caps lists and sends no `groups` on users cannot be caught this way.
 */
export function markCutShortGroups(
  users: TenantUser[],
  groups: TenantGroup[],
  warnings: string[],
): void {
  const listed = new Map<string, Set<string>>();
  for (const group of groups) if (group.members) listed.set(group.id, new Set(group.members));
  if (listed.size === 0) return;

  const missing = new Map<string, number>();
  for (const user of users) {
    for (const groupId of directGroupIds(user.raw.groups)) {
      const members = listed.get(groupId);
      if (members && !members.has(user.id)) missing.set(groupId, (missing.get(groupId) ?? 0) + 1);
    }
  }
  if (missing.size === 0) return;

  const names: string[] = [];
  for (const group of groups) {
    const count = missing.get(group.id);
    if (count === undefined) continue;
    names.push(`${group.displayName} (${group.members?.length} listed, ${count} more)`);
    group.members = null;
  }
  warnings.push(
    `The server left members out of ${names.length} group list(s) that its users say they ` +
      `belong to: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}. The server ` +
      'probably caps member lists; the membership of these groups is unknown.',
  );
}

/** Group ids from a User's `groups` attribute, direct memberships only. */
function directGroupIds(groups: unknown): string[] {
  if (!Array.isArray(groups)) return [];
  const ids: string[] = [];
  for (const entry of groups) {
    if (!isRecord(entry)) continue;
    if (typeof entry.type === 'string' && entry.type.toLowerCase() !== 'direct') continue;
    if (typeof entry.value === 'string' || typeof entry.value === 'number') {
      ids.push(String(entry.value));
    }
  }
  return ids;
}

async function readGroupMembers(
  transport: ScimTransport,
  id: string,
  opts: FillOptions,
): Promise<{ members: string[] | null; raw: Record<string, unknown> } | 'unreadable'> {
  try {
    const res = await transport.get(resourcePath('Groups', id), {
      signal: opts.signal,
      onRetry: opts.onRetry,
    });
    const raw = isRecord(res.json) ? res.json : {};
    return { members: readMembers(raw.members), raw };
  } catch (err) {
    if (err instanceof ScimError && MEMBER_READ_SOFT.has(err.kind)) return 'unreadable';
    throw err;
  }
}
