/** Pieces the Repair and History pages share: preview, typed confirmation, run progress. */
import { useEffect, useState } from 'react';
import type {
  PlanView,
  RepairFinishedEvent,
  RepairProgressEvent,
} from '../../../../src-main/api/contract';
import { api } from '../../bridge/companion';
import { plural, statusText } from './words';

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

/** Follows one run through its events; `finished` is set when it ends. */
export function useRunEvents(runId: string | null) {
  const [progress, setProgress] = useState<RepairProgressEvent | null>(null);
  const [finished, setFinished] = useState<RepairFinishedEvent | null>(null);
  useEffect(() => {
    setProgress(null);
    setFinished(null);
    if (!runId) return;
    return api().onEvent((event) => {
      if (event.runId !== runId) return;
      if (event.type === 'repair-progress') setProgress(event as unknown as RepairProgressEvent);
      if (event.type === 'repair-finished') setFinished(event as unknown as RepairFinishedEvent);
    });
  }, [runId]);
  return { progress, finished };
}

/** A progress bar with counts and a Cancel button while the run goes. */
export function RunProgressView(props: { tenantId: string; runId: string; onDone?: () => void }) {
  const { progress, finished } = useRunEvents(props.runId);
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
        <div data-testid="run-finished" className={finished.ok ? 'ok' : 'warning'}>
          Run {statusText(finished.status)}
          {finished.ok
            ? ': every operation verified.'
            : finished.message
              ? `: ${finished.message}`
              : '.'}
        </div>
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
