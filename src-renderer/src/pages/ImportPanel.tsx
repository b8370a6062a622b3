/** Step 1 of the audit: read a JumpCloud export and show what was read before it is used. */
import { useState } from 'react';
import type { ImportSummary, WireError } from '../../../src-main/api/contract';
import { api, isDesktop, toUiError } from '../bridge/companion';
import { ErrorBox } from '../components/ErrorBox';
import { useApp } from '../store';

interface PickedFile {
  name: string;
  base64: string;
}

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
  const reloadImport = useApp((s) => s.reloadImport);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [picked, setPicked] = useState<PickedFile[] | null>(null);
  const [limitMb, setLimitMb] = useState('200');

  async function run(task: () => Promise<ImportSummary | null>) {
    setReading(true);
    setError(null);
    try {
      const summary = await task();
      if (summary) setImported(summary);
    } catch (failure) {
      // The backend dropped the export these files were to replace (its error says so), unless
      // it refused the call itself: the screen shows what it holds, never a stale export.
      setImported(null);
      setError(toUiError(failure));
      await reloadImport(tenantId);
    } finally {
      setReading(false);
    }
  }

  async function importPicked(list: FileList | null) {
    if (!list || list.length === 0) return;
    const files = await Promise.all(
      [...list].map(async (file) => ({ name: file.name, base64: await toBase64(file) })),
    );
    setPicked(files);
    await run(() => api().importExport({ tenantId, files }));
  }

  const tooLarge = error?.code === 'export-too-large-error' && picked !== null;

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
      {error && (
        <div className="import-error">
          <ErrorBox error={error} onDismiss={() => setError(null)} />
          {tooLarge && (
            <form
              className="actions"
              onSubmit={(e) => {
                e.preventDefault();
                const maxFileMegabytes = Number(limitMb);
                void run(() => api().importExport({ tenantId, files: picked, maxFileMegabytes }));
              }}
            >
              <label>
                Size limit (MiB){' '}
                <input
                  type="number"
                  min={1}
                  max={1024}
                  value={limitMb}
                  onChange={(e) => setLimitMb(e.target.value)}
                />
              </label>
              <button type="submit">Read it with this limit</button>
            </form>
          )}
        </div>
      )}
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
      <table className="findings-table files-table" data-testid="import-files">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Detected as</th>
            <th scope="col">Records</th>
            <th scope="col">Skipped</th>
          </tr>
        </thead>
        <tbody>
          {summary.files.map((file) => (
            <tr key={file.name}>
              <td>{file.name}</td>
              <td>
                <code>{file.format}</code>
              </td>
              <td>{file.rows}</td>
              <td>
                {file.skipped.length === 0
                  ? '—'
                  : file.skipped.map((s) => `${s.count} × ${s.reason}`).join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
