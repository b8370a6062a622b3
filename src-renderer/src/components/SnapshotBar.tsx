/** The state of the open tenant's snapshot: when it was taken, a running read with Cancel. */
import { useState } from 'react';
import type { SnapshotProgressEvent } from '../../../src-main/api/contract';
import { useApp } from '../store';
import { plural } from '../words';

const PHASE_WORDS: Record<string, string | undefined> = {
  users: 'Reading users…',
  groups: 'Reading groups…',
  members: 'Reading members of groups…',
  done: 'Finishing the read…',
};

/** The read's steps in order: the bar gives each a third, so it is full only at the end. */
const STEPS = ['users', 'groups', 'members', 'done'];
const STEP_COUNT = STEPS.length - 1;

/** "Reading users… 120 of 300 · 2 pages"; just "Reading users…" before the phase's first page. */
function readingText(p: SnapshotProgressEvent | null): string {
  const what = p ? (PHASE_WORDS[p.phase] ?? `Reading ${p.phase}…`) : 'Reading tenant…';
  const started = p !== null && (p.done > 0 || p.total !== null);
  if (!p || !started || p.phase === 'done') return what;
  const count = p.total !== null ? `${p.done} of ${p.total}` : String(p.done);
  const pages = plural(p.pages, 'page');
  const retries = p.retries > 0 ? ` · ${plural(p.retries, 'retry', 'retries')}` : '';
  return `${what} ${count} · ${pages}${retries}`;
}

/**
 * How far the whole read is, in steps (users, groups, each group's members), or null while the
 * current step's size is unknown. A finished group list is not a finished read: the member
 * reads follow it.
 */
function readProgress(p: SnapshotProgressEvent | null): number | null {
  const step = p ? STEPS.indexOf(p.phase) : -1;
  if (!p || step < 0) return null;
  if (p.phase === 'done') return STEP_COUNT;
  if (p.total === null) return null;
  return step + (p.total === 0 ? 1 : Math.min(p.done / p.total, 1));
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
    const value = readProgress(p);
    return (
      <div className="snapshot-bar" data-testid="snapshot-progress" aria-live="polite">
        <span>
          {changed && !changed.snapshotFresh ? 'The tenant changed: refreshing. ' : ''}
          {readingText(p)}
        </span>
        <progress
          aria-label="Read of the tenant"
          max={STEP_COUNT}
          value={value ?? undefined}
          data-testid="snapshot-progress-bar"
        />
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
