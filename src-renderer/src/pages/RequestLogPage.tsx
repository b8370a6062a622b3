/** Every SCIM request sent to the open tenant this session: method, path, status, time, retries. */
import { useCallback, useEffect, useState } from 'react';
import type { RequestLogEntryView } from '../../../src-main/api/contract';
import { api } from '../bridge/companion';
import { offerFile } from '../bridge/save';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useApp } from '../store';

const columns: Column<RequestLogEntryView>[] = [
  { key: 'at', header: 'Time', width: '170px', render: (e) => new Date(e.at).toLocaleTimeString() },
  { key: 'method', header: 'Method', width: '80px', render: (e) => e.method },
  { key: 'path', header: 'Path', width: '4fr', render: (e) => <code>{e.path}</code> },
  {
    key: 'status',
    header: 'Status',
    width: '80px',
    render: (e) => (
      <span className={e.status !== null && e.status < 400 ? 'ok' : 'warning'}>
        {e.status ?? e.error ?? '—'}
      </span>
    ),
  },
  { key: 'duration', header: 'ms', width: '80px', render: (e) => Math.round(e.durationMs) },
  { key: 'retries', header: 'Retries', width: '80px', render: (e) => e.retries },
];

export function RequestLogPage({ tenantId }: { tenantId: string }) {
  const showError = useApp((s) => s.showError);
  const run = useApp((s) => s.run);
  const [entries, setEntries] = useState<RequestLogEntryView[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setEntries(await api().getRequestLog({ tenantId }));
    } catch (error) {
      showError(error);
    }
  }, [tenantId, showError]);

  useEffect(() => {
    void load();
  }, [load, run]);

  async function download(format: 'csv' | 'json') {
    try {
      setNotice(offerFile(await api().exportRequestLog({ tenantId, format })));
    } catch (error) {
      showError(error);
    }
  }

  return (
    <section className="page" aria-labelledby="log-title">
      <header className="page-head">
        <h1 id="log-title">Request log</h1>
        <div className="actions">
          <button type="button" onClick={() => void load()}>
            Reload
          </button>
          <button type="button" onClick={() => void download('csv')} data-testid="export-log-csv">
            Export CSV
          </button>
          <button type="button" onClick={() => void download('json')}>
            Export JSON
          </button>
        </div>
      </header>
      <p className="muted">
        Method, path, status, duration and retries. Header values and tokens are never recorded.
      </p>
      {notice && (
        <p className="ok" role="status" data-testid="export-notice">
          {notice}
        </p>
      )}
      <VirtualTable
        rows={entries ?? []}
        columns={columns}
        rowKey={(_e, i) => String(i)}
        label="Request log"
        testId="request-log"
        empty="No request sent to this tenant yet in this session."
      />
    </section>
  );
}
