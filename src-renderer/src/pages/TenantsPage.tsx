/**
 * The tenant list: open a tenant, open the demo tenant, add, edit, test, replace a token,
 * remove. Each card's buttons carry the tenant's name for screen readers ("Open Acme").
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ConnectionTestView, TenantSummary } from '../../../src-main/api/contract';
import { api } from '../bridge/companion';
import { ErrorBox } from '../components/ErrorBox';
import {
  AddTenantDialog,
  EditTenantDialog,
  RemoveTenantDialog,
  ReplaceTokenDialog,
} from './TenantDialogs';
import { useApp } from '../store';

export function TenantsPage() {
  const tenants = useApp((s) => s.tenants);
  const loadTenants = useApp((s) => s.loadTenants);
  const openDemo = useApp((s) => s.openDemo);
  const [adding, setAdding] = useState(false);
  const [opening, setOpening] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);

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

      {/* Focus lands here when a removed tenant's card, and the button that removed it, goes. */}
      <div
        ref={listRef}
        tabIndex={-1}
        className="tenant-list-region"
        aria-label="Tenant list"
        data-testid="tenant-list-region"
      >
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
              <TenantItem key={tenant.id} tenant={tenant} focusList={() => listRef.current} />
            ))}
          </ul>
        )}
      </div>
      {adding && <AddTenantDialog onClose={() => setAdding(false)} />}
    </section>
  );
}

type OpenDialog = 'edit' | 'replace' | 'remove' | null;

function TenantItem({
  tenant,
  focusList,
}: {
  tenant: TenantSummary;
  focusList: () => HTMLElement | null;
}) {
  const openTenant = useApp((s) => s.openTenant);
  const showError = useApp((s) => s.showError);
  const [test, setTest] = useState<ConnectionTestView | 'running' | null>(null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const close = () => setDialog(null);

  async function runTest() {
    setTest('running');
    setNotice(null);
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
          {tenant.tokenExpiresAt && ` · expires ${tenant.tokenExpiresAt}`}
        </span>
        {tenant.caFile && <span className="muted">CA file: {tenant.caFile}</span>}
        {tenant.protectedGroups && tenant.protectedGroups.length > 0 && (
          <span className="muted">Protected groups: {tenant.protectedGroups.join(', ')}</span>
        )}
        {tenant.expiryWarning && <span className="warning">{tenant.expiryWarning}</span>}
        <span role="status" className="ok" data-testid="tenant-notice">
          {notice}
        </span>
        {test && test !== 'running' && <ConnectionResult test={test} />}
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void openTenant(tenant.id)}>
          Open<Hidden> {tenant.name}</Hidden>
        </button>
        <button type="button" onClick={() => void runTest()} disabled={test === 'running'}>
          {test === 'running' ? 'Testing…' : 'Test connection'}
          <Hidden> to {tenant.name}</Hidden>
        </button>
        {!tenant.demo && (
          <>
            <button type="button" onClick={() => setDialog('edit')}>
              Edit<Hidden> {tenant.name}</Hidden>
            </button>
            <button type="button" onClick={() => setDialog('replace')}>
              Replace token<Hidden> of {tenant.name}</Hidden>
            </button>
            <button type="button" className="danger" onClick={() => setDialog('remove')}>
              Remove<Hidden> {tenant.name}</Hidden>
            </button>
          </>
        )}
      </div>
      {dialog === 'edit' && (
        <EditTenantDialog
          tenant={tenant}
          onClose={close}
          onSaved={() => {
            setTest(null);
            setNotice('Changes saved.');
          }}
        />
      )}
      {dialog === 'replace' && (
        <ReplaceTokenDialog
          tenant={tenant}
          onClose={close}
          onReplaced={() => {
            setTest(null);
            setNotice('Token replaced; stored in the keychain.');
          }}
        />
      )}
      {dialog === 'remove' && (
        <RemoveTenantDialog tenant={tenant} onClose={close} focusAfterRemoval={focusList} />
      )}
    </li>
  );
}

/** A passed test in one line; a failed one as an error, with each step's result behind a toggle. */
function ConnectionResult({ test }: { test: ConnectionTestView }) {
  if (test.ok) {
    return (
      <span className="ok" data-testid="connection-result">
        Connection works. {test.message}
      </span>
    );
  }
  return (
    <div data-testid="connection-result">
      <ErrorBox
        error={{
          code: `connection-test-${test.step}`,
          message: `Failed at ${test.step}: ${test.message}`,
          details: test.details,
        }}
      />
    </div>
  );
}

/** Words for screen readers only, such as the tenant a card's button acts on. */
function Hidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}
