/** Adapts the core SCIM client to the backend's ScimSession, and its results to the contract. */
import { createScimClient, RequestLog, type ConnectionTest } from '../../core/scim';
import { discoveryView } from './discovery-view';
import type { ConnectionTestView } from '../methods/tenants';
import type { ScimSession, TenantConnection } from '../ports';

/** One client per tenant and session; its request log lives as long as the session does. */
export function scimSession(connection: TenantConnection): ScimSession {
  const requestLog = new RequestLog();
  const client = createScimClient({
    baseUrl: connection.baseUrl,
    token: connection.token,
    caFile: connection.caFile ?? undefined,
    requestLog,
  });

  return {
    client,
    snapshot: ({ signal, onProgress }) => client.snapshot({ signal, onProgress }),
    discover: async () => discoveryView(client.baseUrl, await client.discover()),
    testConnection: async () => connectionView(await client.testConnection()),
    requestLog: () => requestLog,
  };
}

function connectionView(test: ConnectionTest): ConnectionTestView {
  const failed = test.steps.find((step) => !step.ok);
  if (!failed) {
    const users = test.userCount === null ? '' : ` The tenant reports ${test.userCount} users.`;
    return { ok: true, step: 'done', message: `All checks passed.${users}`, details: null };
  }
  return {
    ok: false,
    step: failed.step,
    message: failed.fix ? `${failed.message} ${failed.fix}` : failed.message,
    details: test.steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} ${s.step}: ${s.message}`).join('\n'),
  };
}
