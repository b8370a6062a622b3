/** The state of the open tenant's snapshot: when it was taken, a running read with Cancel. */
import { useApp } from '../store';

export function SnapshotBar() {
  const run = useApp((s) => s.run);
  const snapshot = useApp((s) => s.snapshot);
  const notice = useApp((s) => s.runNotice);
  const start = useApp((s) => s.startSnapshot);
  const cancel = useApp((s) => s.cancelSnapshot);

  if (run) {
    const p = run.progress;
    const total = p?.total ?? null;
    return (
      <div className="snapshot-bar" data-testid="snapshot-progress" aria-live="polite">
        <span>
          Reading {p?.phase ?? 'tenant'}… {p ? p.done : 0}
          {total !== null ? ` of ${total}` : ''} · {p?.pages ?? 0} pages
          {p && p.retries > 0 ? ` · ${p.retries} retries` : ''}
        </span>
        <progress max={total ?? undefined} value={total !== null ? (p?.done ?? 0) : undefined} />
        <button
          type="button"
          onClick={() => void cancel()}
          disabled={run.cancelling}
          data-testid="snapshot-cancel"
        >
          {run.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
    );
  }

  return (
    <div className="snapshot-bar" data-testid="snapshot-state">
      <span>
        {snapshot
          ? `Snapshot of ${new Date(snapshot.takenAt).toLocaleString()}: ${snapshot.users.length} users, ${snapshot.groups.length} groups`
          : 'No snapshot yet.'}
      </span>
      {notice && <span className="notice">{notice}</span>}
      <button type="button" onClick={() => void start()} data-testid="snapshot-refresh">
        {snapshot ? 'Refresh' : 'Read tenant'}
      </button>
    </div>
  );
}
