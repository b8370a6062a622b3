/**
 * History: the runs of this tenant with their journals; per run its items and results, reports,
 * resume of an unfinished run, and undo of the whole run or of selected items.
 */
import { useCallback, useEffect, useState } from 'react';
import type { PlanView, RunListView, RunView } from '../../../../src-main/api/contract';
import { api } from '../../bridge/companion';
import { download } from '../../bridge/save';
import { useApp } from '../../store';
import { ConfirmRun, PreviewList, RunProgressView } from './shared';
import './repair.css';
import { statusText } from './words';

export function HistoryPage({ tenantId }: { tenantId: string }) {
  const showError = useApp((s) => s.showError);
  const tenantName = useApp((s) => s.tenants.find((t) => t.id === tenantId)?.name ?? tenantId);
  const historyRunId = useApp((s) => s.historyRunId);
  const [list, setList] = useState<RunListView | null>(null);
  const [runId, setRunId] = useState<string | null>(historyRunId);

  const reload = useCallback(() => {
    api()
      .listRuns({ tenantId })
      .then(setList)
      .catch((e: unknown) => showError(e));
  }, [tenantId, showError]);
  useEffect(reload, [reload]);

  return (
    <div className="page" data-testid="history-page">
      <div className="page-head">
        <h1>History</h1>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      {list && list.runs.length === 0 && (
        <div className="empty">No repair has run on this tenant yet.</div>
      )}
      {list && list.runs.length > 0 && (
        <table className="repair-runs" data-testid="runs">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Kind</th>
              <th scope="col">Started</th>
              <th scope="col">Status</th>
              <th scope="col">Verified / already / refused / failed</th>
              <th scope="col">Journal</th>
            </tr>
          </thead>
          <tbody>
            {list.runs.map((r) => (
              <tr
                key={r.runId}
                data-testid={`run-${r.runId}`}
                className={r.runId === runId ? 'current' : ''}
              >
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => setRunId(r.runId)}
                    data-testid="open-run"
                  >
                    {r.runId}
                  </button>
                </td>
                <td>{r.kind === 'undo' ? `undo of ${r.undoOf}` : 'repair'}</td>
                <td>{new Date(r.startedAt).toLocaleString()}</td>
                <td
                  className={r.status === 'completed' ? 'ok' : 'warning'}
                  data-testid="run-status"
                >
                  {r.running ? 'running' : statusText(r.status)}
                </td>
                <td>
                  {r.counts.verified} / {r.counts['already-done']} / {r.counts.refused} /{' '}
                  {r.counts.failed}
                </td>
                <td>
                  <code className="muted">{r.file}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {runId && (
        <RunDetail
          key={runId}
          tenantId={tenantId}
          tenantName={tenantName}
          runId={runId}
          onChanged={reload}
          onOpen={setRunId}
        />
      )}
    </div>
  );
}

function RunDetail(props: {
  tenantId: string;
  tenantName: string;
  runId: string;
  onChanged: () => void;
  onOpen: (runId: string) => void;
}) {
  const { tenantId, runId, onChanged } = props;
  const showError = useApp((s) => s.showError);
  const [run, setRun] = useState<RunView | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [undo, setUndo] = useState<UndoState | null>(null);
  const [following, setFollowing] = useState<string | null>(null);
  const [resuming, setResuming] = useState(false);

  const load = useCallback(() => {
    api()
      .getRun({ tenantId, runId })
      .then(setRun)
      .catch((e: unknown) => showError(e));
  }, [tenantId, runId, showError]);
  useEffect(load, [load]);
  const onDone = useCallback(() => {
    load();
    onChanged();
  }, [load, onChanged]);
  // The undone items are no longer offered: the selection that named them goes with them.
  const onUndoDone = useCallback(() => {
    setPicked(new Set());
    setUndo((current) => current && { ...current, finished: true });
    onDone();
  }, [onDone]);

  if (!run) return null;
  const unfinished =
    !run.running && (run.summary.status === 'interrupted' || run.summary.status === 'cancelled');
  const undoGoing = undo !== null && undo.runId !== null && !undo.finished;

  const planUndo = async (itemIds: string[] | null) => {
    try {
      const plan = await api().planUndo({ tenantId, runId, itemIds });
      setUndo({ plan, runId: null, finished: false });
    } catch (error) {
      showError(error);
    }
  };
  const report = async (format: 'csv' | 'json' | 'html') => {
    try {
      download(await api().runReport({ tenantId, runId, format }));
    } catch (error) {
      showError(error);
    }
  };

  return (
    <div className="card" data-testid="run-detail">
      <h2>
        Run {runId} <span className="muted">({statusText(run.summary.status)})</span>
      </h2>
      <p className="muted">Journal: {run.summary.file}</p>
      <div className="actions">
        <button type="button" onClick={() => void report('csv')}>
          Report CSV
        </button>
        <button type="button" onClick={() => void report('json')}>
          Report JSON
        </button>
        <button type="button" onClick={() => void report('html')} data-testid="report-html">
          Report HTML
        </button>
        {run.summary.kind === 'apply' && (
          <>
            <button
              type="button"
              disabled={undoGoing}
              onClick={() => void planUndo(null)}
              data-testid="undo-run"
            >
              Undo run
            </button>
            <button
              type="button"
              disabled={picked.size === 0 || undoGoing}
              onClick={() => void planUndo([...picked])}
              data-testid="undo-selected"
            >
              Undo selected ({picked.size})
            </button>
          </>
        )}
        {unfinished && (
          <button type="button" onClick={() => setResuming(true)} data-testid="resume-run">
            Resume
          </button>
        )}
      </div>
      <RunItems
        run={run}
        picked={picked}
        onPick={(itemId, on) => {
          const next = new Set(picked);
          if (on) next.add(itemId);
          else next.delete(itemId);
          setPicked(next);
        }}
      />

      {resuming && !following && (
        <ConfirmRun
          tenantName={props.tenantName}
          operations={
            run.items.filter((i) => i.status === 'pending' || i.status === 'cancelled').length
          }
          needsConfirmation={0}
          label="Resume"
          onConfirm={(typedName) => {
            api()
              .resumeRun({ tenantId, runId, typedName })
              .then((r) => setFollowing(r.runId))
              .catch((e: unknown) => showError(e));
          }}
        />
      )}
      {following && <RunProgressView tenantId={tenantId} runId={following} onDone={onDone} />}

      {undo && (
        <UndoPanel
          key={undo.plan.planId}
          tenantId={tenantId}
          undo={undo}
          onStarted={(undoRunId) =>
            setUndo((current) => current && { ...current, runId: undoRunId })
          }
          onDone={onUndoDone}
          onOpen={props.onOpen}
        />
      )}
    </div>
  );
}

/** An undo plan on screen: previewed, then confirmed, then followed as the run it started. */
interface UndoState {
  plan: PlanView;
  /** The undo run the plan started, once confirmed. */
  runId: string | null;
  finished: boolean;
}

/** The items of a run, each with its result; undoable ones can be ticked for "Undo selected". */
function RunItems(props: {
  run: RunView;
  picked: Set<string>;
  onPick: (itemId: string, on: boolean) => void;
}) {
  const { run, picked } = props;
  return (
    <table className="findings-table" data-testid="run-items">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">Item</th>
          <th scope="col">Operation</th>
          <th scope="col">Result</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {run.items.map((item) => (
          <tr key={item.itemId} data-testid={`item-${item.itemId}`}>
            <td>
              {item.undoable && run.summary.kind === 'apply' && (
                <input
                  type="checkbox"
                  aria-label={`Select ${item.itemId} for undo`}
                  checked={picked.has(item.itemId)}
                  onChange={(e) => props.onPick(item.itemId, e.target.checked)}
                  data-testid="pick-undo"
                />
              )}
            </td>
            <td>{item.itemId}</td>
            <td>{item.summary}</td>
            <td className={item.status === 'verified' ? 'ok' : 'warning'} data-testid="item-status">
              {statusText(item.status)}
              {item.undoneBy && (
                <div className="muted" data-testid="item-undone">
                  undone by run {item.undoneBy}
                </div>
              )}
            </td>
            <td>{item.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The undo preview always comes with its own confirmation, and the run it starts is shown under
 * it; a new undo plan replaces the whole panel.
 */
function UndoPanel(props: {
  tenantId: string;
  undo: UndoState;
  onStarted: (runId: string) => void;
  onDone: () => void;
  onOpen: (runId: string) => void;
}) {
  const { plan, runId } = props.undo;
  const showError = useApp((s) => s.showError);
  return (
    <div className="card" data-testid="undo-plan">
      <h3>{runId ? `Undo, started as run ${runId}` : 'Undo preview'}</h3>
      <PreviewList plan={plan} />
      {plan.operations === 0 && (
        <p className="warning" data-testid="undo-nothing">
          Nothing to undo: every item asked for is listed above with the reason.
        </p>
      )}
      {!runId && plan.operations > 0 && (
        <ConfirmRun
          tenantName={plan.tenantName}
          operations={plan.operations}
          needsConfirmation={plan.needsConfirmation}
          label="Undo"
          onConfirm={(typedName, confirmPrivileged) => {
            api()
              .applyPlan({ planId: plan.planId, typedName, confirmPrivileged })
              .then((r) => props.onStarted(r.runId))
              .catch((e: unknown) => showError(e));
          }}
        />
      )}
      {runId && (
        <>
          <RunProgressView tenantId={props.tenantId} runId={runId} onDone={props.onDone} />
          <button type="button" className="link" onClick={() => props.onOpen(runId)}>
            Open the undo run
          </button>
        </>
      )}
    </div>
  );
}
