import { execFileSync } from 'node:child_process';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { curlFor, previewPlan, previewText } from '../../../src-main/core/actions/preview';
import { buildPlan } from '../../../src-main/core/actions/plan';
import { parseJournal } from '../../../src-main/core/actions/journal';
import { escapeHtml, renderFindings, renderRun } from '../../../src-main/core/actions/report';
import { createScimClient } from '../../../src-main/core/scim';
import type { AuditReport } from '../../../src-main/core/model';
import * as f from './fixtures';

/** How a POSIX shell splits the command into words (what curl would receive). */
function shellWords(command: string): string[] {
  const script = `set -- ${command.replace(/^curl /, '')}; for a in "$@"; do printf '%s\\0' "$a"; done`;
  const out = execFileSync('sh', ['-c', script], {
    env: { SCIM_TOKEN: 'tok-from-env' },
  }).toString();
  return out.split('\0').slice(0, -1);
}

describe('preview', () => {
  it('gives a curl command a shell runs as the same request, the token from the environment', () => {
    const body = { Operations: [{ op: 'remove', path: `members[value eq "it's-me"]` }] };
    const url = "https://acme.example.com/scim/v2/Groups/g%201'x";
    const words = shellWords(curlFor('PATCH', url, body));
    expect(words.slice(0, 3)).toEqual(['-X', 'PATCH', url]);
    expect(words).toContain('Authorization: Bearer tok-from-env');
    expect(JSON.parse(words[words.indexOf('--data') + 1] ?? '')).toEqual(body);
    expect(curlFor('DELETE', url, null)).not.toContain('--data');
  });

  it('lists every write of the plan in order, with the tenant base URL and no token', () => {
    const alice = f.user('u-alice', 'alice');
    const eng = f.group('g-eng', 'Engineering', ['u-alice']);
    const plan = buildPlan({
      tenant: f.TENANT,
      snapshot: f.snapshot([alice], [eng]),
      findings: [f.orphan(eng), f.deprovision(alice)],
      policy: 'deactivate',
    });
    // The real SCIM client describes its writes; it is never asked to send anything here.
    const client = createScimClient({ baseUrl: f.TENANT.baseUrl, token: 'secret-token-value' });
    const preview = previewPlan(plan, client);
    const requests = preview.items.flatMap((i) => i.requests.map((r) => `${r.method} ${r.url}`));
    expect(requests).toEqual([
      'DELETE https://acme.example.com/scim/v2/Groups/g-eng',
      'PATCH https://acme.example.com/scim/v2/Users/u-alice',
    ]);
    const text = previewText(preview);
    expect(text).not.toContain('secret-token-value');
    expect(text).toContain('$SCIM_TOKEN');
    void client.close();
  });
});

const hostile = '<script>alert("x")</script> & =HYPERLINK("http://evil")';

function audit(): AuditReport {
  return {
    generatedAt: '2026-12-03T10:00:00.000Z',
    tenant: { baseUrl: 'https://acme.example.com/scim/v2', users: 2, groups: 1 },
    export: { format: 'test', users: 1, groups: 1, boundGroups: ['Eng'] },
    summary: {} as AuditReport['summary'],
    findings: [
      {
        kind: 'orphan-group',
        target: { type: 'group', id: 'g1', name: hostile },
        reason: 'unbound, "old"',
        action: 'delete-group',
        detail: {},
      },
      {
        kind: 'unmanaged-user',
        target: { type: 'user', id: 'u9', name: 'breakglass' },
        reason: 'local',
        action: null,
        detail: {},
      },
    ],
  };
}

describe('reports', () => {
  it('writes findings as CSV that parses back to the same cells, formulas neutralised', () => {
    const csv = renderFindings(audit(), 'csv');
    const rows = Papa.parse<string[]>(csv.trim()).data;
    expect(rows[0]).toEqual([
      'kind',
      'target type',
      'target id',
      'target name',
      'reason',
      'action',
    ]);
    expect(rows[1]).toEqual([
      'orphan-group',
      'group',
      'g1',
      hostile,
      'unbound, "old"',
      'delete-group',
    ]);
    expect(rows[2]?.[5]).toBe('');
    const formula = renderFindings(
      {
        ...audit(),
        findings: [{ ...audit().findings[0]!, target: { type: 'group', id: 'g', name: '=1+1' } }],
      },
      'csv',
    );
    expect(Papa.parse<string[]>(formula.trim()).data[1]?.[3]).toBe("'=1+1");
  });

  it('writes a self-contained HTML page with every value escaped', () => {
    const html = renderFindings(audit(), 'html');
    expect(html).not.toContain('<script>');
    expect(html).toContain(escapeHtml(hostile));
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html).toContain("default-src 'none'");
    expect(JSON.parse(renderFindings(audit(), 'json'))).toEqual(audit());
  });

  it('reports a run from its journal, including items never started', () => {
    const alice = f.user('u-alice', 'alice');
    const bob = f.user('u-bob', 'bob');
    const plan = buildPlan({
      tenant: f.TENANT,
      snapshot: f.snapshot([alice, bob], []),
      findings: [f.deprovision(alice), f.deprovision(bob)],
      policy: 'deactivate',
    });
    const lines = [
      { t: 'run', v: 1, runId: 'r1', kind: 'apply', startedAt: '2026-12-03T10:00:00Z', plan },
      { t: 'intent', itemId: 'op-001', at: 'a', attempt: 1, before: null, beforeState: null },
      {
        t: 'outcome',
        itemId: 'op-001',
        at: '2026-12-03T10:00:01Z',
        status: 'verified',
        message: 'Done <b>',
      },
    ];
    const state = parseJournal(lines.map((l) => JSON.stringify(l)).join('\n'), 'r1.jsonl');
    const rows = Papa.parse<string[]>(renderRun(state, 'csv').trim()).data;
    expect(rows.slice(1).map((r) => [r[0], r[4], r[5], r[6]])).toEqual([
      ['op-001', 'verified', 'Done <b>', '1'],
      ['op-002', 'pending', '', '0'],
    ]);
    expect(renderRun(state, 'html')).toContain('Done &lt;b&gt;');
    const json = JSON.parse(renderRun(state, 'json'));
    expect(json.summary.status).toBe('interrupted');
    expect(json.items).toHaveLength(2);
  });
});
