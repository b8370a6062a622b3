/**
 * The preview lists, per operation, the requests the writer may send instead of the primary one
 * or after it, each with when: exactly what the writer in src-main/core/scim can send.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src-main/core/actions/plan';
import { previewPlan, previewText } from '../../../src-main/core/actions/preview';
import type { Plan } from '../../../src-main/core/actions/types';
import { createScimClient } from '../../../src-main/core/scim';
import { describeWrite } from '../../../src-main/core/scim/write-requests';
import * as f from './fixtures';

const BASE = f.TENANT.baseUrl;
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });

// The real client describes its writes; nothing is sent (the address does not resolve).
const client = createScimClient({ baseUrl: BASE, token: 'secret-token-value' });
afterAll(() => client.close());

/** A plan with one operation of each kind that has fallbacks, and a delete that has none. */
function plan(): Plan {
  const alice = f.user('u-alice', 'alice');
  const bob = f.user('u-bob', 'bob');
  const eng = f.group('g-eng', 'Engineering', ['u-alice', 'u-bob']);
  const old = f.group('g-old', 'Old', []);
  const base = buildPlan({
    tenant: f.TENANT,
    snapshot: f.snapshot([alice, bob], [eng, old]),
    findings: [f.deprovision(alice), f.extraMember(eng, bob), f.orphan(old)],
    policy: 'deactivate',
  });
  const recreate = {
    ...base.items[0]!,
    id: 'op-009',
    op: {
      type: 'create-group' as const,
      displayName: 'Old',
      externalId: null,
      members: ['u-alice', 'u-bob'],
    },
  };
  return { ...base, items: [...base.items, recreate] };
}

const shown = (requests: { method: string; url: string; body: unknown }[]) =>
  requests.map(({ method, url, body }) => ({ method, url, body }));

describe('preview fallbacks', () => {
  const preview = previewPlan(plan(), client);
  const byOp = (type: string) => {
    const index = plan().items.findIndex((i) => i.op.type === type);
    return preview.items[index]!;
  };

  it('deactivation: the path-less PATCH, then the full-user PUT', () => {
    const item = byOp('deactivate-user');
    expect(shown(item.requests)).toEqual([
      {
        method: 'PATCH',
        url: `${BASE}/Users/u-alice`,
        body: patch({ op: 'replace', path: 'active', value: false }),
      },
    ]);
    expect(shown(item.fallbacks)).toEqual([
      {
        method: 'PATCH',
        url: `${BASE}/Users/u-alice`,
        body: patch({ op: 'replace', value: { active: false } }),
      },
      {
        method: 'PUT',
        url: `${BASE}/Users/u-alice`,
        body: { '…': 'the user as read just before', active: false },
      },
    ]);
    expect(item.fallbacks[0]!.when).toMatch(/^Instead, if the server refuses the path form/);
    expect(item.fallbacks[0]!.when).toMatch(/reads back still active/);
    expect(item.fallbacks[1]!.when).toMatch(/^Instead, if the path-less form is refused/);
  });

  it('member removal: the members-value PATCH, then putting dropped members back', () => {
    const item = byOp('remove-member');
    expect(shown(item.requests)).toEqual([
      {
        method: 'PATCH',
        url: `${BASE}/Groups/g-eng`,
        body: patch({ op: 'remove', path: 'members[value eq "u-bob"]' }),
      },
    ]);
    expect(shown(item.fallbacks)).toEqual([
      {
        method: 'PATCH',
        url: `${BASE}/Groups/g-eng`,
        body: patch({ op: 'remove', path: 'members', value: [{ value: 'u-bob' }] }),
      },
      {
        method: 'PATCH',
        url: `${BASE}/Groups/g-eng`,
        body: patch({
          op: 'add',
          path: 'members',
          value: [{ value: '…each other member the read-back no longer shows' }],
        }),
      },
    ]);
    expect(item.fallbacks[0]!.when).toMatch(/^Instead, only if the server answers 400/);
    expect(item.fallbacks[1]!.when).toMatch(/^Afterwards, only if the group reads back/);
  });

  it('group create: adding the members the new group came back without', () => {
    const item = byOp('create-group');
    expect(item.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${BASE}/Groups`]);
    expect(shown(item.fallbacks)).toEqual([
      {
        method: 'PATCH',
        url: `${BASE}/Groups/{id the server gives the new group}`,
        body: patch({
          op: 'add',
          path: 'members',
          value: [{ value: 'u-alice' }, { value: 'u-bob' }],
        }),
      },
    ]);
    expect(item.fallbacks[0]!.when).toMatch(/^Afterwards, only if the new group reads back/);
  });

  it('a delete has none, and every fallback has a curl command without the token', () => {
    expect(byOp('delete-group').fallbacks).toEqual([]);
    for (const fallback of preview.items.flatMap((i) => i.fallbacks)) {
      expect(fallback.curl).toContain(`'${fallback.url}'`);
      expect(fallback.curl).toContain('$SCIM_TOKEN');
      expect(fallback.curl).not.toContain('secret-token-value');
    }
  });

  it('a server without PATCH gets only the PUT, with nothing to fall back to', () => {
    const noPatch = previewPlan(plan(), { describeWrite: (op) => describeWrite(op, false) });
    const index = plan().items.findIndex((i) => i.op.type === 'deactivate-user');
    const item = noPatch.items[index]!;
    expect(shown(item.requests)).toEqual([
      {
        method: 'PUT',
        url: `${BASE}/Users/u-alice`,
        body: { '…': 'the user as read just before', active: false },
      },
    ]);
    expect(item.fallbacks).toEqual([]);
  });

  it('prints the fallbacks under the request in the plan text, each after its condition', () => {
    const text = previewText(preview);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('Instead, if the server refuses the path form'));
    expect(lines[at - 1]).toBe('       may instead or also send:');
    expect(lines[at]).toMatch(/^ {9}- Instead/);
    expect(lines[at + 1]).toBe('           PATCH /Users/u-alice');
    expect(lines[at + 2]).toBe(
      `           ${JSON.stringify(patch({ op: 'replace', value: { active: false } }))}`,
    );
    expect(text).toContain('           PUT /Users/u-alice');
    expect(text).toContain('           PATCH /Groups/{id the server gives the new group}');
    expect(text).not.toContain('secret-token-value');
  });
});
