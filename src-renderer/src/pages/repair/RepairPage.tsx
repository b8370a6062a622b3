/**
 * The Repair page: select findings of the last audit (by kind, all, none, filter), preview
 * every request, confirm by typing the tenant name, run with progress and cancel.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Finding, FindingKind, PlanView, WireError } from '../../../../src-main/api/contract';
import { api, toUiError } from '../../bridge/companion';
import { download } from '../../bridge/save';
import { ErrorBox } from '../../components/ErrorBox';
import { useApp } from '../../store';
import { ConfirmRun, PreviewList, RunProgressView } from './shared';
import { plural, statusText } from './words';
import './repair.css';

/** The kinds a repair acts on, with the action each gets. */
const REPAIRABLE: { kind: FindingKind; label: string }[] = [
  { kind: 'deprovision-user', label: 'Deprovision users' },
  { kind: 'orphan-group', label: 'Delete orphan groups' },
  { kind: 'membership-extra', label: 'Remove extra members' },
  { kind: 'inactive-user', label: 'Reactivate inactive users' },
];

export function RepairPage({ tenantId }: { tenantId: string }) {
  const audit = useApp((s) => s.audit);
  const setPage = useApp((s) => s.setPage);
  const openHistory = useApp((s) => s.openHistory);
  const showError = useApp((s) => s.showError);
  const auditStale = useApp((s) => s.tenantChanged?.auditStale ?? false);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [filter, setFilter] = useState('');
  const [protectedText, setProtectedText] = useState('');
  const [protectedError, setProtectedError] = useState<WireError | null>(null);
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [unfinished, setUnfinished] = useState<string[]>([]);

  useEffect(() => {
    api()
      .listRuns({ tenantId })
      .then((r) => setUnfinished(r.unfinished))
      .catch(() => setUnfinished([]));
  }, [tenantId, runId]);

  const candidates = useMemo(() => {
    const rows: { index: number; finding: Finding }[] = [];
    audit?.report.findings.forEach((finding, index) => {
      if (REPAIRABLE.some((r) => r.kind === finding.kind)) rows.push({ index, finding });
    });
    return rows;
  }, [audit]);
  const allIndexes = candidates.map((c) => c.index);
  const needle = filter.trim().toLowerCase();
  const visible = candidates.filter(
    ({ finding }) =>
      !needle ||
      finding.target.name.toLowerCase().includes(needle) ||
      finding.reason.toLowerCase().includes(needle),
  );

  const change = (indexes: number[], on: boolean) => {
    const next = new Set(selected);
    for (const i of indexes) {
      if (on) next.add(i);
      else next.delete(i);
    }
    setSelected(next);
    setPlan(null);
  };

  const makePlan = async () => {
    setPlan(null);
    setProtectedError(null);
    try {
      const protectedGroups = protectedText
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      setPlan(
        await api().makePlan({
          tenantId,
          findings: [...selected].sort((a, b) => a - b),
          protectedGroups,
        }),
      );
    } catch (error) {
      // A misspelt protected group is the admin's to fix in the field itself.
      const wire = toUiError(error);
      if (wire.code === 'unknown-protected-group') setProtectedError(wire);
      else showError(error);
    }
  };

  const apply = async (typedName: string, confirmPrivileged: boolean) => {
    if (!plan) return;
    try {
      const started = await api().applyPlan({ planId: plan.planId, typedName, confirmPrivileged });
      setRunId(started.runId);
    } catch (error) {
      showError(error);
    }
  };

  if (!audit) {
    return (
      <div className="page" data-testid="repair-page">
        <h1>Repair</h1>
        <div className="empty">
          Run the audit on the Reconcile page first: a repair is planned from its findings.
        </div>
      </div>
    );
  }

  return (
    <div className="page" data-testid="repair-page">
      <div className="page-head">
        <h1>Repair</h1>
      </div>
      {auditStale && (
        <div className="card warning" data-testid="repair-stale">
          <strong>The tenant changed: refresh.</strong> A repair or undo ran after the last audit,
          so its findings no longer describe the tenant. The snapshot is read again; then run the
          audit again on Reconcile to plan another repair.{' '}
          <button type="button" className="link" onClick={() => setPage('reconcile')}>
            Go to Reconcile
          </button>
        </div>
      )}
      {unfinished.length > 0 && (
        <div className="card warning" data-testid="unfinished-runs">
          {plural(unfinished.length, 'run')} did not finish (the app was closed or the run was
          cancelled).{' '}
          <button type="button" className="link" onClick={() => setPage('history')}>
            Open History to resume
          </button>
        </div>
      )}

      {!auditStale && (
        <div className="card" data-testid="select-findings">
          <h2>1. Select findings</h2>
          <div className="toolbar">
            <button type="button" onClick={() => change(allIndexes, true)} data-testid="select-all">
              All
            </button>
            <button
              type="button"
              onClick={() => change(allIndexes, false)}
              data-testid="select-none"
            >
              None
            </button>
            {REPAIRABLE.map(({ kind, label }) => {
              const ofKind = candidates.filter((c) => c.finding.kind === kind).map((c) => c.index);
              return (
                <button
                  key={kind}
                  type="button"
                  disabled={ofKind.length === 0}
                  onClick={() => change(ofKind, true)}
                  data-testid={`select-kind-${kind}`}
                >
                  {label} ({ofKind.length})
                </button>
              );
            })}
            <input
              type="search"
              placeholder="Filter by name or reason"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              aria-label="Filter findings"
              data-testid="filter-findings"
            />
          </div>
          <p className="muted" data-testid="selected-count">
            {selected.size} of {candidates.length} selected. Unmanaged users are never repaired.
          </p>
          <div className="repair-select">
            {visible.map(({ index, finding }) => (
              <label key={index} className="repair-row">
                <input
                  type="checkbox"
                  checked={selected.has(index)}
                  onChange={(e) => change([index], e.target.checked)}
                  data-testid={`finding-${index}`}
                />
                <span className="badge">{statusText(finding.kind)}</span>{' '}
                <strong>{finding.target.name}</strong>{' '}
                <span className="muted">{finding.reason}</span>
              </label>
            ))}
          </div>
          <label className="form">
            Protected groups for this plan (comma separated; the tenant's own are always included):
            <input
              value={protectedText}
              onChange={(e) => {
                setProtectedText(e.target.value);
                setProtectedError(null);
                setPlan(null);
              }}
              aria-invalid={protectedError !== null}
              aria-describedby={protectedError ? 'protected-error' : undefined}
              data-testid="protected-groups"
            />
          </label>
          {protectedError && (
            <div id="protected-error" className="field-error" data-testid="protected-error">
              <ErrorBox error={protectedError} />
            </div>
          )}
          <button
            type="button"
            disabled={selected.size === 0}
            onClick={() => void makePlan()}
            data-testid="make-plan"
          >
            Preview plan
          </button>
        </div>
      )}

      {plan && !auditStale && (
        <div className="card">
          <h2>2. Preview</h2>
          <PreviewList plan={plan} />
          {plan.skipped.length > 0 && (
            <details>
              <summary>
                {plural(plan.skipped.length, 'selected finding')} without an operation
              </summary>
              <ul>
                {plan.skipped.map((s, i) => (
                  <li key={i}>
                    {s.kind} {s.name}: {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <button
            type="button"
            className="link"
            onClick={() =>
              download({
                fileName: `plan-${plan.planId}.json`,
                mimeType: 'application/json',
                content: plan.planFile,
              })
            }
          >
            Save the plan as a file (for scim-companion apply)
          </button>
        </div>
      )}

      {plan && !runId && !auditStale && plan.operations > 0 && (
        <div className="card">
          <h2>3. Confirm</h2>
          <ConfirmRun
            tenantName={plan.tenantName}
            operations={plan.operations}
            needsConfirmation={plan.needsConfirmation}
            label="Apply"
            onConfirm={(name, privileged) => void apply(name, privileged)}
          />
        </div>
      )}

      {runId && (
        <>
          <h2>4. Run</h2>
          <RunProgressView
            tenantId={tenantId}
            runId={runId}
            onOpenHistory={() => openHistory(runId)}
          />
          <button type="button" onClick={() => openHistory(runId)} data-testid="open-history">
            Open in History (results, reports, undo)
          </button>
        </>
      )}
    </div>
  );
}
