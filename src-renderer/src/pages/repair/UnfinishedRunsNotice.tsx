/**
 * A notice shown when a tenant opens with repair runs a crash, kill or cancel left unfinished,
 * with a link to History where they can be resumed. Renders nothing otherwise.
 */
import { useEffect, useState } from 'react';
import { api } from '../../bridge/companion';
import { useApp } from '../../store';

export function UnfinishedRunsNotice({ tenantId }: { tenantId: string }) {
  const setPage = useApp((s) => s.setPage);
  const page = useApp((s) => s.page);
  const [count, setCount] = useState(0);

  useEffect(() => {
    let current = true;
    api()
      .listRuns({ tenantId })
      .then((r) => current && setCount(r.unfinished.length))
      .catch(() => current && setCount(0));
    return () => {
      current = false;
    };
  }, [tenantId, page]);

  // History lists the runs itself, and Repair shows its own banner.
  if (count === 0 || page === 'history' || page === 'repair') return null;
  return (
    <div className="card warning" role="status" data-testid="unfinished-runs-notice">
      {count} repair run(s) on this tenant did not finish.{' '}
      <button type="button" className="link" onClick={() => setPage('history')}>
        Open History to resume
      </button>
    </div>
  );
}
