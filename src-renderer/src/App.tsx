/** The window: navigation on the left (tenants, then the tenant pages), the page on the right. */
import { useEffect } from 'react';
import { ErrorBox } from './components/ErrorBox';
import { SnapshotBar } from './components/SnapshotBar';
import { UnfinishedRunsNotice } from './pages/repair/UnfinishedRunsNotice';
import { TenantsPage } from './pages/TenantsPage';
import { routes } from './routes';
import { useApp, useOpenTenant } from './store';

export function App() {
  const page = useApp((s) => s.page);
  const tenantId = useApp((s) => s.tenantId);
  const error = useApp((s) => s.error);
  const clearError = useApp((s) => s.clearError);
  const setPage = useApp((s) => s.setPage);
  const closeTenant = useApp((s) => s.closeTenant);
  const tenant = useOpenTenant();
  const route = tenantId ? routes.find((r) => r.id === page) : undefined;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && useApp.getState().error) clearError();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clearError]);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">SCIM Companion</div>
        <button
          type="button"
          className={!route ? 'nav-item current' : 'nav-item'}
          aria-current={!route ? 'page' : undefined}
          onClick={closeTenant}
          data-testid="nav-tenants"
        >
          Tenants
        </button>
        {tenantId && (
          <>
            <div className="nav-tenant" data-testid="open-tenant-name">
              {tenant?.name ?? tenantId}
            </div>
            {routes.map((r) => (
              <button
                key={r.id}
                type="button"
                className={route?.id === r.id ? 'nav-item current' : 'nav-item'}
                aria-current={route?.id === r.id ? 'page' : undefined}
                onClick={() => setPage(r.id)}
                data-testid={`nav-${r.id}`}
              >
                {r.label}
              </button>
            ))}
          </>
        )}
      </nav>
      <main className="content">
        {error && <ErrorBox error={error} onDismiss={clearError} />}
        {route && tenantId ? (
          <>
            <SnapshotBar />
            <UnfinishedRunsNotice tenantId={tenantId} />
            {route.render(tenantId)}
          </>
        ) : (
          <TenantsPage />
        )}
      </main>
    </div>
  );
}
