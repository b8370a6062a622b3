/** Step 1 of the audit: read a JumpCloud export and show what was read before it is used. */
import { useState } from 'react';
import type { ImportSummary } from '../../../src-main/api/contract';
import { api, isDesktop } from '../bridge/companion';
import { useApp } from '../store';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // Chunked: String.fromCharCode with a huge spread overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function ImportPanel({ tenantId }: { tenantId: string }) {
  const imported = useApp((s) => s.imported);
  const setImported = useApp((s) => s.setImported);
  const showError = useApp((s) => s.showError);
  const [reading, setReading] = useState(false);

  async function run(task: () => Promise<ImportSummary | null>) {
    setReading(true);
    try {
      const summary = await task();
      if (summary) setImported(summary);
    } catch (error) {
      showError(error);
    } finally {
      setReading(false);
    }
  }

  async function importPicked(list: FileList | null) {
    if (!list || list.length === 0) return;
    const files = await Promise.all(
      [...list].map(async (file) => ({ name: file.name, base64: await toBase64(file) })),
    );
    await run(() => api().importExport({ tenantId, files }));
  }

  return (
    <div className="card" data-testid="import-panel">
      <h2>1. JumpCloud export</h2>
      <p className="muted">
        A “Users to User Groups” report, a PowerShell CSV, a backup zip or API JSON. Several files
        that belong together (users, groups, bindings) can be chosen at once.
      </p>
      <div className="actions">
        <label className="file-button">
          <input
            type="file"
            multiple
            accept=".csv,.json,.zip,.txt"
            data-testid="export-input"
            disabled={reading}
            onChange={(e) => {
              void importPicked(e.target.files);
              e.target.value = '';
            }}
          />
          <span>
            {reading ? 'Reading…' : imported ? 'Choose other files…' : 'Choose export files…'}
          </span>
        </label>
        {isDesktop() && (
          <button
            type="button"
            disabled={reading}
            onClick={() => void run(() => api().importExportFromDialog({ tenantId }))}
          >
            Open with dialog…
          </button>
        )}
      </div>
      {imported && <ImportSummaryView summary={imported} />}
    </div>
  );
}

function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const skippedTotal = summary.skipped.reduce((n, s) => n + s.count, 0);
  return (
    <div className="import-summary" data-testid="import-summary">
      <dl className="facts">
        <dt>Detected format</dt>
        <dd data-testid="import-format">{summary.format}</dd>
        <dt>Files</dt>
        <dd>{summary.sources.join(', ')}</dd>
        <dt>Users</dt>
        <dd data-testid="import-users">{summary.users}</dd>
        <dt>Groups</dt>
        <dd data-testid="import-groups">{summary.groups}</dd>
        <dt>Membership</dt>
        <dd>{summary.hasMembership ? 'included' : 'not in this export'}</dd>
        <dt>Skipped rows</dt>
        <dd data-testid="import-skipped">
          {skippedTotal === 0
            ? 'none'
            : summary.skipped.map((s) => `${s.count} × ${s.reason}`).join('; ')}
        </dd>
      </dl>
      {summary.warnings.length > 0 && (
        <ul className="warnings">
          {summary.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
