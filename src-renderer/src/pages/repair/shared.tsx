/** Pieces the Repair and History pages share: preview, typed confirmation, run progress. */
import { useEffect, useState } from 'react';
import type {
  PlanView,
  RepairFinishedEvent,
  RepairProgressEvent,
  RunItemView,
  RunView,
} from '../../../../src-main/api/contract';
import { api, toUiError } from '../../bridge/companion';
import { plural, runOutcomeText, statusText } from './words';

/**
 * Every request of a plan, in order, with its curl equivalent (the token stays out), and per
 * operation the fallbacks that may be sent instead or after, with when.
 */
export function PreviewList({ plan }: { plan: PlanView }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (text: string, key: string) => {
    void navigator.clipboard?.writeText(text).then(() => setCopied(key));
  };
  return (
    <div data-testid="preview">
      <p className="muted">
        {plural(plan.operations, 'operation')} on <strong>{plan.tenantName}</strong>
        {plan.undoOf ? ` undoing run ${plan.undoOf}` : ''}. {plan.preview.notes.join(' ')}
      </p>
      <ol className="repair-preview">
        {plan.preview.items.map((item) => (
          <li key={item.itemId} data-testid={`preview-item-${item.itemId}`}>
            <div>
              <strong>{item.summary}</strong> <span className="muted">({item.itemId})</span>
              {item.confirmReasons.length > 0 && (
                <span className="pill off" title={item.confirmReasons.join('; ')}>
                  needs second confirmation
                </span>
              )}
              {!item.undoable && <span className="pill off">cannot be undone</span>}
            </div>
            <div className="muted">{item.reason}</div>
            {item.confirmReasons.length > 0 && (
              <div className="warning">{item.confirmReasons.join('; ')}</div>
            )}
            {item.requests.map((req, i) => (
              <RequestView
                key={i}
                request={req}
                testId="preview-request"
                copied={copied === `${item.itemId}-${i}`}
                onCopy={() => copy(req.curl, `${item.itemId}-${i}`)}
              />
            ))}
            {item.fallbacks.length > 0 && (
              // Collapsed: they go out only when the server's answer calls for them.
              <details data-testid="preview-fallbacks">
                <summary className="muted">
                  May instead or also send {plural(item.fallbacks.length, 'request')}
                </summary>
                {item.fallbacks.map((req, i) => (
                  <div key={i}>
                    <div className="muted">{req.when}</div>
                    <RequestView
                      request={req}
                      testId="preview-fallback"
                      copied={copied === `${item.itemId}-fallback-${i}`}
                      onCopy={() => copy(req.curl, `${item.itemId}-fallback-${i}`)}
                    />
                  </div>
                ))}
              </details>
            )}
          </li>
        ))}
      </ol>
      {plan.notUndoable.length > 0 && (
        <div className="warning" data-testid="not-undoable">
          Not undone: {plan.notUndoable.map((n) => `${n.summary} (${n.reason})`).join('; ')}
        </div>
      )}
    </div>
  );
}

type PreviewRequest = PlanView['preview']['items'][number]['requests'][number];

/** One request: method and path, its JSON body, and its curl command with a copy button. */
function RequestView(props: {
  request: PreviewRequest;
  testId: string;
  copied: boolean;
  onCopy: () => void;
}) {
  const req = props.request;
  return (
    <div className="repair-request">
      <code data-testid={props.testId}>
        {req.method} {req.path}
      </code>
      {req.body !== null && <pre className="detail">{JSON.stringify(req.body, null, 2)}</pre>}
      <div className="repair-curl">
        <code>{req.curl}</code>
        <button type="button" className="link" onClick={props.onCopy}>
          {props.copied ? 'Copied' : 'Copy curl'}
        </button>
      </div>
    </div>
  );
}

/** The typed confirmation: the Run button stays off until the tenant name is typed exactly. */
export function ConfirmRun(props: {
  tenantName: string;
  operations: number;
  needsConfirmation: number;
  label: string;
  onConfirm: (typedName: string, confirmPrivileged: boolean) => void;
}) {
  const [typed, setTyped] = useState('');
  const [privileged, setPrivileged] = useState(false);
  const matches = typed.trim() !== '' && typed.trim() === props.tenantName.trim();
  return (
    // A form, so Enter in the name field applies once the name matches.
    <form
      className="form repair-confirm"
      data-testid="confirm"
      onSubmit={(e) => {
        e.preventDefault();
        if (matches) props.onConfirm(typed, privileged);
      }}
    >
      <label>
        Type the tenant name <strong>{props.tenantName}</strong> to send{' '}
        {plural(props.operations, 'write')}:
        <input
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-label="Tenant name"
          data-testid="confirm-name"
          autoComplete="off"
        />
      </label>
      {props.needsConfirmation > 0 && (
        <label className="radio-row">
          <input
            type="checkbox"
            checked={privileged}
            onChange={(e) => setPrivileged(e.target.checked)}
            data-testid="confirm-privileged"
          />
          Also apply the {plural(props.needsConfirmation, 'operation')} on privileged users or
          protected groups (otherwise they are refused)
        </label>
      )}
      <button type="submit" disabled={!matches} data-testid="confirm-run">
        {props.label}
      </button>
    </form>
  );
}

/** How often the journal is read while a run is followed, in case its events were missed. */
const JOURNAL_CHECK_MS = 1000;

/**
 * Follows one run through its events; `finished` is set when it ends. A short run can end before
 * this page listens (the call that started it answers first), so the journal is read too, until
 * the run is seen ending one way or the other.
 */
export function useRunEvents(tenantId: string, runId: string | null) {
  const [progress, setProgress] = useState<RepairProgressEvent | null>(null);
  const [finished, setFinished] = useState<RepairFinishedEvent | null>(null);
  useEffect(() => {
    setProgress(null);
    setFinished(null);
    if (!runId) return;
    let ended = false;
    const stop = api().onEvent((event) => {
      if (event.runId !== runId || ended) return;
      if (event.type === 'repair-progress') setProgress(event as unknown as RepairProgressEvent);
      if (event.type === 'repair-finished') {
        ended = true;
        setFinished(event as unknown as RepairFinishedEvent);
      }
    });
    const check = () => {
      api()
        .getRun({ tenantId, runId })
        .then((run) => {
          if (ended || run.running) return;
          ended = true;
          setProgress(progressOf(tenantId, run.summary));
          setFinished(finishedOf(tenantId, run.summary));
        })
        .catch(() => undefined);
    };
    check();
    const timer = setInterval(() => {
      if (ended) clearInterval(timer);
      else check();
    }, JOURNAL_CHECK_MS);
    return () => {
      ended = true;
      stop();
      clearInterval(timer);
    };
  }, [tenantId, runId]);
  return { progress, finished };
}

type RunSummary = RunView['summary'];

function progressOf(tenantId: string, summary: RunSummary): RepairProgressEvent {
  const c = summary.counts;
  return {
    type: 'repair-progress',
    tenantId,
    runId: summary.runId,
    total: Object.values(c).reduce((sum, n) => sum + n, 0),
    finished: c.verified + c['already-done'] + c.refused + c.failed,
    verified: c.verified,
    alreadyDone: c['already-done'],
    refused: c.refused,
    failed: c.failed,
    cancelled: c.cancelled,
    running: 0,
  };
}

function finishedOf(tenantId: string, summary: RunSummary): RepairFinishedEvent {
  return {
    type: 'repair-finished',
    tenantId,
    runId: summary.runId,
    status: summary.status,
    counts: summary.counts,
    ok: summary.status === 'completed',
    message: null,
  };
}

/**
 * A progress bar with counts and a Cancel button while the run goes; when it ends, what happened
 * and every refused or failed item with its message. `onOpenHistory` adds a link to History.
 */
export function RunProgressView(props: {
  tenantId: string;
  runId: string;
  onDone?: () => void;
  onOpenHistory?: () => void;
}) {
  const { progress, finished } = useRunEvents(props.tenantId, props.runId);
  const [cancelling, setCancelling] = useState(false);
  const onDone = props.onDone;
  useEffect(() => {
    if (finished) onDone?.();
  }, [finished, onDone]);

  const total = progress?.total ?? 0;
  const done = progress?.finished ?? 0;
  return (
    <div className="card" data-testid="run-progress">
      <progress max={Math.max(total, 1)} value={done} aria-label="Run progress" />
      <div data-testid="run-counts">
        {done}/{total} · {progress?.verified ?? 0} verified · {progress?.alreadyDone ?? 0} already
        done · {progress?.refused ?? 0} refused · {progress?.failed ?? 0} failed
      </div>
      {finished ? (
        <>
          <div data-testid="run-finished" className={finished.ok ? 'ok' : 'warning'}>
            {runOutcomeText(finished)}
          </div>
          <RunProblems
            tenantId={props.tenantId}
            runId={props.runId}
            finished={finished}
            onOpenHistory={props.onOpenHistory}
          />
        </>
      ) : (
        <button
          type="button"
          disabled={cancelling}
          data-testid="run-cancel"
          onClick={() => {
            setCancelling(true);
            void api().cancelRun({ tenantId: props.tenantId, runId: props.runId });
          }}
        >
          {cancelling ? 'Cancelling: writes in flight finish…' : 'Cancel'}
        </button>
      )}
    </div>
  );
}

const PROBLEMS: RunItemView['status'][] = ['refused', 'failed'];

/** The refused and failed items of a run that ended, read from its journal. */
function RunProblems(props: {
  tenantId: string;
  runId: string;
  finished: RepairFinishedEvent;
  onOpenHistory?: () => void;
}) {
  const { tenantId, runId, finished } = props;
  const [items, setItems] = useState<RunItemView[] | null>(null);
  const [unread, setUnread] = useState<string | null>(null);
  const hasProblems = (finished.counts?.refused ?? 0) + (finished.counts?.failed ?? 0) > 0;
  useEffect(() => {
    if (!hasProblems) return;
    api()
      .getRun({ tenantId, runId })
      .then((run) => setItems(run.items.filter((i) => PROBLEMS.includes(i.status))))
      .catch((error: unknown) => setUnread(toUiError(error).message));
  }, [tenantId, runId, hasProblems]);

  if (!hasProblems) return null;
  return (
    <div className="run-problems" data-testid="run-problems">
      {unread && <div className="warning">Could not read the run's items: {unread}</div>}
      {items && items.length > 0 && (
        <>
          <p>Not applied:</p>
          <ul>
            {items.map((item) => (
              <li key={item.itemId} data-testid="run-problem">
                <strong>{item.summary}</strong>{' '}
                <span className="muted">
                  ({item.itemId}, {statusText(item.status)})
                </span>
                {item.message && <div className="warning">{item.message}</div>}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.onOpenHistory && (
        <button
          type="button"
          className="link"
          onClick={props.onOpenHistory}
          data-testid="problems-history"
        >
          See this run in History (every item, reports, undo)
        </button>
      )}
    </div>
  );
}
