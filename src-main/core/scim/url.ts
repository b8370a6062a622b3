/**
 * Base URL handling. Tenants paste base URLs in many forms (`/v2`, `/scim/v2/`,
 * `/api/.../scim/v2/{id}`); the client normalises them once and joins every path itself, so it
 * never follows a server-sent `meta.location` (which can be relative or name an internal host).
 */
import { ScimError } from './errors';

/** Resource endpoints an admin sometimes pastes by mistake at the end of the base URL. */
const ENDPOINT_SUFFIX = /\/(Users|Groups|ServiceProviderConfigs?|ResourceTypes|Schemas)$/i;

/**
 * Trims whitespace and trailing slashes, refuses anything but http(s) and URLs carrying
 * credentials, and drops a query or fragment. Throws ScimError `invalid-url`.
 */
export function normaliseBaseUrl(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ScimError(
      'invalid-url',
      `"${text}" is not a URL. Paste the SCIM base URL, for example https://tenant.example.com/scim/v2.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ScimError(
      'invalid-url',
      `The base URL must start with https:// (got ${url.protocol}//).`,
    );
  }
  if (url.username || url.password) {
    throw new ScimError(
      'invalid-url',
      'The base URL must not carry a user name or password; the token is entered separately.',
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** When the pasted base URL ends with a resource endpoint, the URL it probably should have been. */
export function suggestedBaseUrl(baseUrl: string): string | null {
  const url = new URL(baseUrl);
  if (!ENDPOINT_SUFFIX.test(url.pathname)) return null;
  return `${url.protocol}//${url.host}${url.pathname.replace(ENDPOINT_SUFFIX, '')}`;
}

/** A query string from defined values, each encoded. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** `/Users/{id}` or `/Groups/{id}` with the opaque id encoded as one path segment. */
export function resourcePath(type: 'Users' | 'Groups', id: string): string {
  return `/${type}/${encodeURIComponent(id)}`;
}

/** Joins the normalised base URL and a path that starts with `/`. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl + (path.startsWith('/') ? path : `/${path}`);
}
