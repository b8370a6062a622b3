/** Adapts the core SCIM client to the backend's ScimSession, and its results to the contract. */
import { createScimClient, RequestLog, type ConnectionTest, type Discovery } from '../../core/scim';
import type { DiscoveredAttribute } from '../../core/scim';
import type { DiscoveryAttributeView, DiscoveryView } from '../methods/discovery';
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

function discoveryView(baseUrl: string, found: Discovery): DiscoveryView {
  const assumed = found.rawServiceProviderConfig === null;
  const limit = (value: number | null, unit: string) =>
    value === null ? null : `${value} ${unit}`;
  return {
    baseUrl,
    features: [
      { name: 'PATCH', supported: found.patch.supported, detail: null, assumed },
      {
        name: 'Filtering',
        supported: found.filter.supported,
        detail: limit(found.filter.maxResults, 'results per page at most'),
        assumed,
      },
      {
        name: 'Bulk',
        supported: found.bulk.supported,
        detail: limit(found.bulk.maxOperations, 'operations at most'),
        assumed,
      },
      { name: 'Sorting', supported: found.sort.supported, detail: null, assumed },
      { name: 'ETags', supported: found.etag.supported, detail: null, assumed },
      { name: 'Change password', supported: found.changePassword.supported, detail: null, assumed },
      {
        name: 'Authentication',
        supported: found.authenticationSchemes.length > 0,
        detail: found.authenticationSchemes.map((a) => a.name ?? a.type ?? '?').join(', ') || null,
        assumed,
      },
    ],
    resourceTypes: found.resourceTypes.map((r) => ({
      name: r.name,
      endpoint: r.endpoint,
      schema: r.schema ?? '',
    })),
    schemas: found.schemas.map((s) => ({
      id: s.id,
      name: s.name ?? s.id,
      attributes: flatten(s.attributes, ''),
    })),
    assumptions: found.assumptions,
  };
}

/** Sub-attributes become `parent.child` rows, as admins read them in mappings. */
function flatten(attributes: DiscoveredAttribute[], prefix: string): DiscoveryAttributeView[] {
  return attributes.flatMap((a) => [
    {
      name: prefix + a.name,
      type: a.type ?? 'unknown',
      multiValued: a.multiValued,
      required: a.required,
      mutability: a.mutability,
    },
    ...flatten(a.subAttributes, `${prefix}${a.name}.`),
  ]);
}
