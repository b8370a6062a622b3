/**
 * Token expiry. VaultOne does not tell a client when its token expires, so the admin enters the
 * date when adding the tenant, and the app warns ahead of it; a 401 is explained as a likely
 * expiry too.
 */
import type { TenantProfile } from './profile';

/** How many days ahead of the entered expiry date the app starts warning. */
export const EXPIRY_WARNING_DAYS = 14;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ExpiryWarning {
  level: 'expired' | 'soon';
  /** Whole days left; 0 on the expiry day itself, negative once past it. */
  daysLeft: number;
  message: string;
}

/**
 * A warning when the profile's token expires within `warnDays` days of `now` (or already has);
 * `null` when no date was entered or it is further off. The token counts as valid through the
 * whole of the entered day, in UTC.
 */
export function expiryWarning(
  profile: Pick<TenantProfile, 'name' | 'tokenExpiresAt'>,
  now: Date,
  warnDays: number = EXPIRY_WARNING_DAYS,
): ExpiryWarning | null {
  if (!profile.tokenExpiresAt) return null;

  const expiresDay = Date.parse(`${profile.tokenExpiresAt}T00:00:00Z`);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysLeft = Math.round((expiresDay - today) / DAY_MS);

  if (daysLeft < 0) {
    return {
      level: 'expired',
      daysLeft,
      message:
        `The token of tenant "${profile.name}" expired on ${profile.tokenExpiresAt}. ` +
        'Create a new integration token in VaultOne and replace it here.',
    };
  }
  if (daysLeft > warnDays) return null;

  const when = daysLeft === 0 ? 'today' : daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days`;
  return {
    level: 'soon',
    daysLeft,
    message:
      `The token of tenant "${profile.name}" expires ${when} (${profile.tokenExpiresAt}). ` +
      'Create a new integration token in VaultOne before then and replace it here.',
  };
}

/**
 * Advice for an error from the tenant: when it is an HTTP 401, the likely cause is an expired
 * or revoked token. Returns `null` for any other error.
 */
export function unauthorizedAdvice(
  error: unknown,
  profile?: Pick<TenantProfile, 'name' | 'tokenExpiresAt'>,
  now: Date = new Date(),
): string | null {
  if (httpStatusOf(error) !== 401) return null;

  const tenant = profile ? `tenant "${profile.name}"` : 'the tenant';
  const expired = profile ? expiryWarning(profile, now, 0) : null;
  const dated =
    expired?.level === 'expired' ? ` (it was entered as expiring ${profile?.tokenExpiresAt})` : '';
  const command = replaceTokenCommand(profile?.name ?? 'NAME');
  return (
    `VaultOne refused the token of ${tenant} (401): the token may have expired or been ` +
    `revoked${dated}. Create a new integration token under Administration > Integration Tokens ` +
    `and replace the stored one (${command}, or "Replace token" in the app).`
  );
}

/** The command that stores a new token for the tenant, its name quoted for a POSIX shell. */
export function replaceTokenCommand(tenantName: string): string {
  const quoted = /^[\w.@%+=:,/-]+$/.test(tenantName)
    ? tenantName
    : `'${tenantName.replaceAll("'", `'\\''`)}'`;
  return `scim-companion tenants replace-token ${quoted}`;
}

/** The HTTP status an error carries (`status` or `statusCode`), if any. */
export function httpStatusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const record = error as Record<string, unknown>;
  const status = record.status ?? record.statusCode;
  return typeof status === 'number' ? status : null;
}
