/** The state of the open tenant's snapshot: when it was taken, a running read with Cancel. */
import { useState } from 'react';
import type { SnapshotProgressEvent } from '../../../src-main/api/contract';
import { useApp } from '../store';
import { plural } from '../words';

/** "Reading users… 120 of 300 · 2 pages"; just "Reading users…" before the first page. */
function readingText(p: SnapshotProgressEvent | null): string {
  const what = `Reading ${p?.phase ?? 'tenant'}…`;
  if (!p || p.pages === 0) return what;
  const count = p.total !== null ? `${p.done} of ${p.total}` : String(p.done);
  const pages = plural(p.pages, 'page');
  const retries = p.retries > 0 ? ` · ${plural(p.retries, 'retry', 'retries')}` : '';
  return `${what} ${count} · ${pages}${retries}`;
}

export function SnapshotBar() {
  const run = useApp((s) => s.run);
  const snapshot = useApp((s) => s.snapshot);
  const notice = useApp((s) => s.runNotice);
  const start = useApp((s) => s.startSnapshot);
  const cancel = useApp((s) => s.cancelSnapshot);
  const changed = useApp((s) => s.tenantChanged);
  const audit = useApp((s) => s.audit);
  const setPage = useApp((s) => s.setPage);
  const [showNotes, setShowNotes] = useState(false);

  if (run) {
    const p = run.progress;
    const total = p?.total ?? null;
    return (
      <div className="snapshot-bar" data-testid="snapshot-progress" aria-live="polite">
        <span>
          {changed && !changed.snapshotFresh ? 'The tenant changed: refreshing. ' : ''}
          {readingText(p)}
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
            ? `Snapshot of ${new Date(snapshot.takenAt).toLocaleString()}: ${plural(snapshot.users.length, 'user')}, ${plural(snapshot.groups.length, 'group')}`
            : 'No snapshot yet.'}
        </span>
        {notice && <span className="notice">{notice}</span>}
        {changed && !changed.snapshotFresh && (
          <span className="notice" data-testid="tenant-changed">
            The tenant changed (a repair or undo ran): refresh to see it as it is now.
          </span>
        )}
        {changed?.snapshotFresh && changed.auditStale && audit && (
          <span className="notice" data-testid="tenant-changed">
            The tenant changed: the audit is from before the last run.{' '}
            <button type="button" className="link" onClick={() => setPage('reconcile')}>
              Run it again
            </button>
          </span>
        )}
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
