/**
 * The contract's view of a SCIM server's discovery: capabilities, resource types, schemas, and
 * every default the client took where the server said nothing, each as a sentence.
 */
import type { DiscoveredAttribute, Discovery } from '../../core/scim';
import type {
  DiscoveryAttributeView,
  DiscoveryFeatureView,
  DiscoveryView,
} from '../methods/discovery';

/** ServiceProviderConfig blocks the client reads, with the name the admin sees. */
const FEATURES: { key: string; name: string }[] = [
  { key: 'patch', name: 'PATCH' },
  { key: 'filter', name: 'Filtering' },
  { key: 'bulk', name: 'Bulk' },
  { key: 'sort', name: 'Sorting' },
  { key: 'etag', name: 'ETags' },
  { key: 'changePassword', name: 'Change password' },
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the server's config states this feature's `supported` itself. */
function reported(config: Record<string, unknown> | null, key: string): boolean {
  const block = config?.[key];
  if (!isRecord(block)) return false;
  return typeof block.supported === 'boolean' || typeof block.supported === 'string';
}

export function discoveryView(baseUrl: string, found: Discovery): DiscoveryView {
  const config = found.rawServiceProviderConfig;
  const supported: Record<string, boolean> = {
    patch: found.patch.supported,
    filter: found.filter.supported,
    bulk: found.bulk.supported,
    sort: found.sort.supported,
    etag: found.etag.supported,
    changePassword: found.changePassword.supported,
  };
  const detail: Record<string, string | null> = {
    filter: limit(found.filter.maxResults, 'results per page at most'),
    bulk: limit(found.bulk.maxOperations, 'operations at most'),
  };

  const assumptions = [...found.assumptions];
  const features: DiscoveryFeatureView[] = FEATURES.map(({ key, name }) => {
    const assumed = !reported(config, key);
    // Without a config at all, the client's own sentence already lists these defaults.
    if (assumed && config !== null) {
      assumptions.push(
        `The server did not say whether it supports ${name}: assuming ${supported[key] ? 'it does' : 'it does not'}.`,
      );
    }
    return { name, supported: supported[key] ?? false, detail: detail[key] ?? null, assumed };
  });
  const schemes = found.authenticationSchemes.map((a) => a.name ?? a.type ?? '?');
  features.push({
    name: 'Authentication',
    supported: schemes.length > 0,
    detail: schemes.join(', ') || null,
    assumed: schemes.length === 0,
  });
  if (config !== null && schemes.length === 0) {
    assumptions.push(
      'The server listed no authentication schemes: the token is sent as a bearer token.',
    );
  }

  return {
    baseUrl,
    features,
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
    assumptions,
  };
}

function limit(value: number | null, unit: string): string | null {
  return value === null ? null : `${value} ${unit}`;
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
