/** The tenant list: open a tenant, open the demo tenant, add, test, replace a token, remove. */
import { useEffect, useState } from 'react';
import type { ConnectionTestView, TenantSummary } from '../../../src-main/api/contract';
import { api } from '../bridge/companion';
import { AddTenantDialog, RemoveTenantDialog, ReplaceTokenDialog } from './TenantDialogs';
import { useApp } from '../store';

export function TenantsPage() {
  const tenants = useApp((s) => s.tenants);
  const loadTenants = useApp((s) => s.loadTenants);
  const openDemo = useApp((s) => s.openDemo);
  const [adding, setAdding] = useState(false);
  const [opening, setOpening] = useState(false);

  useEffect(() => {
    void loadTenants();
  }, [loadTenants]);

  return (
    <section className="page" aria-labelledby="tenants-title">
      <header className="page-head">
        <h1 id="tenants-title">Tenants</h1>
        <div className="actions">
          <button
            type="button"
            className="primary"
            data-testid="open-demo"
            disabled={opening}
            onClick={() => {
              setOpening(true);
              void openDemo().finally(() => setOpening(false));
            }}
          >
            {opening ? 'Starting demo…' : 'Open demo tenant'}
          </button>
          <button type="button" data-testid="add-tenant" onClick={() => setAdding(true)}>
            Add tenant
          </button>
        </div>
      </header>

      {tenants.length === 0 ? (
        <div className="empty" data-testid="tenants-empty">
          <p>No tenant yet.</p>
          <p>
            Add a VaultOne tenant with its SCIM base URL and an integration token (Administration
            &gt; Integration Tokens), or open the demo tenant to look around.
          </p>
        </div>
      ) : (
        <ul className="tenant-list" data-testid="tenant-list">
          {tenants.map((tenant) => (
            <TenantItem key={tenant.id} tenant={tenant} />
          ))}
        </ul>
      )}
      {adding && <AddTenantDialog onClose={() => setAdding(false)} />}
    </section>
  );
}

function TenantItem({ tenant }: { tenant: TenantSummary }) {
  const openTenant = useApp((s) => s.openTenant);
  const showError = useApp((s) => s.showError);
  const [test, setTest] = useState<ConnectionTestView | 'running' | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [removing, setRemoving] = useState(false);

  async function runTest() {
    setTest('running');
    try {
      setTest(await api().testConnection({ tenantId: tenant.id }));
    } catch (error) {
      setTest(null);
      showError(error);
    }
  }

  return (
    <li className="tenant-item" data-testid={`tenant-${tenant.id}`}>
      <div className="tenant-info">
        <div>
          <strong>{tenant.name}</strong>
          {tenant.demo && <span className="badge">demo</span>}
        </div>
        <span className="muted">{tenant.baseUrl}</span>
        <span className="muted">
          Policy: {tenant.policy} · Token:{' '}
          {tenant.demo ? 'in memory (demo)' : tenant.hasToken ? 'in the OS keychain' : 'missing'}
        </span>
        {tenant.expiryWarning && <span className="warning">{tenant.expiryWarning}</span>}
        {test && test !== 'running' && (
          <span className={test.ok ? 'ok' : 'warning'} data-testid="connection-result">
            {test.ok ? 'Connection works.' : `Failed at ${test.step}:`} {test.message}
          </span>
        )}
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void openTenant(tenant.id)}>
          Open
        </button>
        <button type="button" onClick={() => void runTest()} disabled={test === 'running'}>
          {test === 'running' ? 'Testing…' : 'Test connection'}
        </button>
        {!tenant.demo && (
          <>
            <button type="button" onClick={() => setReplacing(true)}>
              Replace token
            </button>
            <button type="button" className="danger" onClick={() => setRemoving(true)}>
              Remove
            </button>
          </>
        )}
      </div>
      {replacing && <ReplaceTokenDialog tenant={tenant} onClose={() => setReplacing(false)} />}
      {removing && <RemoveTenantDialog tenant={tenant} onClose={() => setRemoving(false)} />}
    </li>
  );
}
