/** What the SCIM server says it supports, and what the app assumed where it said nothing. */
import { useState } from 'react';
import type { DiscoveryView } from '../../../src-main/api/contract';
import { api } from '../bridge/companion';
import { useApp } from '../store';

export function DiscoveryPage({ tenantId }: { tenantId: string }) {
  const showError = useApp((s) => s.showError);
  const [view, setView] = useState<DiscoveryView | null>(null);
  const [loading, setLoading] = useState(false);

  async function load() {
    setLoading(true);
    try {
      setView(await api().discover({ tenantId }));
    } catch (error) {
      showError(error);
    } finally {
      setLoading(false);
    }
  }

  return (
    <section className="page" aria-labelledby="discovery-title">
      <header className="page-head">
        <h1 id="discovery-title">Discovery</h1>
        <button
          type="button"
          className="primary"
          onClick={() => void load()}
          disabled={loading}
          data-testid="discover"
        >
          {loading ? 'Asking the server…' : view ? 'Ask again' : 'Ask the server'}
        </button>
      </header>
      {!view ? (
        <div className="empty">
          Reads ServiceProviderConfig, ResourceTypes and Schemas from the tenant. Nothing is
          changed.
        </div>
      ) : (
        <div className="stack" data-testid="discovery">
          {view.assumptions.length > 0 && (
            <div className="card">
              <h2>Assumed defaults</h2>
              <ul className="warnings">
                {view.assumptions.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="card">
            <h2>Capabilities</h2>
            <table className="findings-table capabilities">
              <tbody>
                {view.features.map((f) => (
                  <tr key={f.name}>
                    <th scope="row">{f.name}</th>
                    <td>
                      <span className={f.supported ? 'pill ok' : 'pill off'}>
                        {f.supported ? 'yes' : 'no'}
                      </span>
                    </td>
                    <td>{f.detail ?? ''}</td>
                    <td className="muted">{f.assumed ? 'assumed' : 'reported'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card">
            <h2>Resource types</h2>
            <ul>
              {view.resourceTypes.map((r) => (
                <li key={r.name}>
                  <strong>{r.name}</strong> at <code>{r.endpoint}</code>{' '}
                  <span className="muted">{r.schema}</span>
                </li>
              ))}
            </ul>
          </div>
          {view.schemas.map((schema) => (
            <details className="card kind" key={schema.id}>
              <summary>
                <strong>{schema.name}</strong> <span className="muted">{schema.id}</span>{' '}
                <span className="badge">{schema.attributes.length}</span>
              </summary>
              <table className="findings-table">
                <thead>
                  <tr>
                    <th>Attribute</th>
                    <th>Type</th>
                    <th>Multi-valued</th>
                    <th>Required</th>
                    <th>Mutability</th>
                  </tr>
                </thead>
                <tbody>
                  {schema.attributes.map((a) => (
                    <tr key={a.name}>
                      <td>
                        <code>{a.name}</code>
                      </td>
                      <td>{a.type}</td>
                      <td>{a.multiValued ? 'yes' : 'no'}</td>
                      <td>{a.required ? 'yes' : 'no'}</td>
                      <td>{a.mutability ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ))}
        </div>
      )}
    </section>
  );
}
