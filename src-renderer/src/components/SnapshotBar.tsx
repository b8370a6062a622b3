/** The state of the open tenant's snapshot: when it was taken, a running read with Cancel. */
import { useState } from 'react';
import { useApp } from '../store';

export function SnapshotBar() {
  const run = useApp((s) => s.run);
  const snapshot = useApp((s) => s.snapshot);
  const notice = useApp((s) => s.runNotice);
  const start = useApp((s) => s.startSnapshot);
  const cancel = useApp((s) => s.cancelSnapshot);
  const [showNotes, setShowNotes] = useState(false);

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

  const notes = snapshot?.warnings ?? [];
  return (
    <div className="snapshot-box">
      <div className="snapshot-bar" data-testid="snapshot-state">
        <span>
          {snapshot
            ? `Snapshot of ${new Date(snapshot.takenAt).toLocaleString()}: ${snapshot.users.length} users, ${snapshot.groups.length} groups`
            : 'No snapshot yet.'}
        </span>
        {notice && <span className="notice">{notice}</span>}
        {notes.length > 0 && (
          <button
            type="button"
            className="link"
            aria-expanded={showNotes}
            onClick={() => setShowNotes(!showNotes)}
            data-testid="snapshot-notes-toggle"
          >
            {notes.length} {notes.length === 1 ? 'note' : 'notes'} on this read
          </button>
        )}
        <button type="button" onClick={() => void start()} data-testid="snapshot-refresh">
          {snapshot ? 'Refresh' : 'Read tenant'}
        </button>
      </div>
      {showNotes && (
        <ul className="warnings snapshot-notes" data-testid="snapshot-notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
