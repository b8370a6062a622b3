/**
 * Reports for an access review: the findings of an audit and the results of a run, as CSV, JSON
 * and a self-contained HTML page (inline style, no scripts, no external assets, all content
 * escaped). Tokens never appear: nothing here has access to one.
 */
import Papa from 'papaparse';
import type { AuditReport } from '../model';
import type { JournalState } from './journal';
import { summarizeRun } from './journal';

export type ReportFormat = 'csv' | 'json' | 'html';

export const REPORT_FORMATS: readonly ReportFormat[] = ['csv', 'json', 'html'];

interface Table {
  title: string;
  /** Facts shown above the table (tenant, dates, counts). */
  facts: [string, string][];
  columns: string[];
  rows: string[][];
}

/** One row per finding: kind, target, reason, action. */
export function findingsTable(report: AuditReport): Table {
  return {
    title: 'SCIM Companion: audit findings',
    facts: [
      ['Tenant', report.tenant.baseUrl],
      ['Generated', report.generatedAt],
      ['Tenant users / groups', `${report.tenant.users} / ${report.tenant.groups}`],
      [
        'Export',
        `${report.export.format} (${report.export.users} users, ${report.export.groups} groups)`,
      ],
      ['Bound groups', report.export.boundGroups.join(', ') || '(none)'],
      ['Findings', String(report.findings.length)],
    ],
    columns: ['kind', 'target type', 'target id', 'target name', 'reason', 'action'],
    rows: report.findings.map((f) => [
      f.kind,
      f.target.type,
      f.target.id ?? '',
      f.target.name,
      f.reason,
      f.action ?? '',
    ]),
  };
}

/** One row per planned item of a run: what was meant, what happened, how it was checked. */
export function runTable(state: JournalState): Table {
  const summary = summarizeRun(state);
  const plan = state.run.plan;
  return {
    title: `SCIM Companion: ${summary.kind === 'undo' ? 'undo' : 'repair'} run ${summary.runId}`,
    facts: [
      ['Tenant', `${plan.tenant.name} (${plan.tenant.baseUrl})`],
      ['Started', summary.startedAt],
      ['Ended', summary.endedAt ?? '(not finished)'],
      ['Status', summary.status],
      ...(summary.undoOf ? ([['Undoes run', summary.undoOf]] as [string, string][]) : []),
      [
        'Counts',
        Object.entries(summary.counts)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', '),
      ],
    ],
    columns: ['item', 'finding', 'operation', 'summary', 'status', 'message', 'attempts', 'at'],
    rows: plan.items.map((item) => {
      const journal = state.items.get(item.id);
      return [
        item.id,
        item.kind,
        item.op.type,
        item.summary,
        journal?.outcome?.status ?? (summary.status === 'cancelled' ? 'cancelled' : 'pending'),
        journal?.outcome?.message ?? '',
        String(journal?.attempts ?? 0),
        journal?.outcome?.at ?? '',
      ];
    }),
  };
}

/** The findings report in one format. */
export function renderFindings(report: AuditReport, format: ReportFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  return render(findingsTable(report), format);
}

/** A run's report in one format; JSON carries the plan and every result. */
export function renderRun(state: JournalState, format: ReportFormat): string {
  if (format === 'json') {
    const summary = summarizeRun(state);
    const items = state.run.plan.items.map((item) => {
      const journal = state.items.get(item.id);
      return { ...item, attempts: journal?.attempts ?? 0, outcome: journal?.outcome ?? null };
    });
    return (
      JSON.stringify({ summary, plan: { ...state.run.plan, items: undefined }, items }, null, 2) +
      '\n'
    );
  }
  return render(runTable(state), format);
}

function render(table: Table, format: 'csv' | 'html'): string {
  if (format === 'csv') {
    // Cells an office suite would run as a formula are prefixed with a quote.
    const safe = table.rows.map((row) => row.map(neutraliseFormula));
    return Papa.unparse({ fields: table.columns, data: safe }, { newline: '\r\n' }) + '\r\n';
  }
  return html(table);
}

function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}
h1{font-size:1.4em}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}
dt{font-weight:600}table{border-collapse:collapse;width:100%;margin-top:1em}
th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#eee}tr:nth-child(even) td{background:#fafafa}
.sign{margin-top:3em;display:grid;grid-template-columns:max-content 20em;gap:1.5em 1em}
.line{border-bottom:1px solid #111}@media print{body{margin:1cm}}`;

function html(table: Table): string {
  const facts = table.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`);
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const rows = table.rows.map(
    (row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(table.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(table.title)}</h1>
<dl>${facts.join('')}</dl>
<table><thead><tr>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<div class="sign"><span>Reviewed by</span><span class="line"></span><span>Date</span><span class="line"></span></div>
</body></html>
`;
}
