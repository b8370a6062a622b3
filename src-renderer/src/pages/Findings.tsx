/** Step 3: the audit's findings, grouped by kind with counts, each with its reason and details. */
import { useState } from 'react';
import type { AuditView } from '../../../src-main/api/contract';
import type { Finding, FindingKind } from '../../../src-main/api/contract';
import { plural } from '../words';

/** Kinds in the order an admin acts on them, with what each means. */
export const KIND_INFO: { kind: FindingKind; title: string; meaning: string }[] = [
  {
    kind: 'orphan-group',
    title: 'Orphan groups',
    meaning: 'Tenant groups that match no bound JumpCloud group.',
  },
  {
    kind: 'deprovision-user',
    title: 'Users to deprovision',
    meaning: 'Active JumpCloud-managed users in no bound group, or suspended in JumpCloud.',
  },
  {
    kind: 'membership-extra',
    title: 'Extra memberships',
    meaning: 'Members of a bound group in the tenant but not in JumpCloud.',
  },
  {
    kind: 'membership-missing',
    title: 'Missing memberships',
    meaning: 'In the JumpCloud group, missing from the tenant group (JumpCloud’s job).',
  },
  {
    kind: 'missing-user',
    title: 'Missing users',
    meaning: 'Should be provisioned, absent from the tenant.',
  },
  {
    kind: 'inactive-user',
    title: 'Inactive users',
    meaning: 'Should be active, inactive in the tenant.',
  },
  {
    kind: 'missing-group',
    title: 'Missing groups',
    meaning: 'Bound groups with members, absent from the tenant.',
  },
  {
    kind: 'attribute-drift',
    title: 'Attribute drift',
    meaning: 'A mapped attribute differs between the tenant and JumpCloud.',
  },
  {
    kind: 'membership-unknown',
    title: 'Membership unknown',
    meaning: 'The server did not return these groups’ members; nothing is concluded.',
  },
  {
    kind: 'duplicate-user',
    title: 'Duplicate users',
    meaning: 'One JumpCloud user matches several tenant users.',
  },
  {
    kind: 'unmanaged-user',
    title: 'Unmanaged users',
    meaning: 'Local VaultOne accounts JumpCloud does not know. Never acted on.',
  },
];

/** Kinds a repair action can fix; the rest are reported only. */
const ACTIONABLE = new Set<FindingKind>([
  'orphan-group',
  'deprovision-user',
  'membership-extra',
  'inactive-user',
]);

// Rendering tens of thousands of rows at once would freeze the page; the rest stay one click away.
const PAGE = 200;

export function Findings({ audit }: { audit: AuditView }) {
  const byKind = new Map<FindingKind, Finding[]>();
  for (const finding of audit.report.findings) {
    byKind.set(finding.kind, [...(byKind.get(finding.kind) ?? []), finding]);
  }
  const total = audit.report.findings.length;
  const boundText = {
    export: 'from the export’s binding data',
    admin: 'as picked',
    'all-groups': 'all groups in the export (no binding data, none picked)',
  }[audit.boundSource];

  return (
    <div className="card" data-testid="findings">
      <h2>3. Findings</h2>
      <p className="muted">
        {plural(total, 'finding')} · tenant {plural(audit.report.tenant.users, 'user')},{' '}
        {plural(audit.report.tenant.groups, 'group')} · export {audit.report.export.format},{' '}
        {plural(audit.report.export.users, 'user')},{' '}
        {plural(audit.report.export.boundGroups.length, 'bound group')} ({boundText}).
      </p>
      {audit.warnings.length > 0 && (
        <ul className="warnings" data-testid="audit-warnings">
          {audit.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <div className="summary-grid" data-testid="findings-summary">
        {KIND_INFO.map(({ kind, title }) => (
          <a
            key={kind}
            href={`#kind-${kind}`}
            className={[
              'chip',
              audit.report.summary[kind] > 0 ? 'has' : '',
              ACTIONABLE.has(kind) ? 'actionable' : '',
            ].join(' ')}
            title={ACTIONABLE.has(kind) ? 'An action can fix these' : 'Reported only'}
            data-testid={`summary-${kind}`}
          >
            <span className="chip-count" data-testid={`count-${kind}`}>
              {audit.report.summary[kind]}
            </span>
            <span>{title}</span>
          </a>
        ))}
      </div>
      <p className="muted legend">
        Orange: a repair action can fix these. Blue: reported only, for the admin to look into.
      </p>
      {KIND_INFO.filter(({ kind }) => (byKind.get(kind)?.length ?? 0) > 0).map((info) => (
        <KindSection key={info.kind} {...info} findings={byKind.get(info.kind)!} />
      ))}
      {total === 0 && (
        <div className="empty">The tenant matches the export: nothing to report.</div>
      )}
    </div>
  );
}

function KindSection(props: {
  kind: FindingKind;
  title: string;
  meaning: string;
  findings: Finding[];
}) {
  const [limit, setLimit] = useState(PAGE);
  return (
    <details
      className="kind"
      id={`kind-${props.kind}`}
      open={props.kind === 'orphan-group'}
      data-testid={`kind-${props.kind}`}
    >
      <summary>
        <strong>{props.title}</strong> <span className="badge">{props.findings.length}</span>
        <span className="muted"> {props.meaning}</span>
      </summary>
      <table className="findings-table">
        <thead>
          <tr>
            <th scope="col">{props.findings[0]?.target.type === 'group' ? 'Group' : 'User'}</th>
            <th scope="col">Reason</th>
            <th scope="col">Action</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {props.findings.slice(0, limit).map((f, i) => (
            <tr key={`${f.target.id ?? f.target.name}-${i}`}>
              <td>{f.target.name}</td>
              <td>{f.reason}</td>
              <td>{f.action ?? <span className="muted">report only</span>}</td>
              <td>
                <DetailToggle detail={f.detail} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.findings.length > limit && (
        <button type="button" onClick={() => setLimit(limit + PAGE * 5)}>
          Show more ({props.findings.length - limit} left)
        </button>
      )}
    </details>
  );
}

function DetailToggle({ detail }: { detail: Record<string, unknown> }) {
  const [open, setOpen] = useState(false);
  if (Object.keys(detail).length === 0) return <span className="muted">—</span>;
  return (
    <>
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide' : 'Show'}
      </button>
      {open && <pre className="detail">{JSON.stringify(detail, null, 2)}</pre>}
    </>
  );
}
