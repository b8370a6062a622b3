/** Errors of tenant management, each with a message an admin can act on. */

/** No profile has that name or id. */
export class TenantNotFoundError extends Error {
  override name = 'TenantNotFoundError';

  constructor(
    readonly nameOrId: string,
    known: string[],
  ) {
    const hint = known.length
      ? `Known tenants: ${known.map((name) => `"${name}"`).join(', ')}.`
      : 'No tenant has been added yet (scim-companion tenants add NAME --url URL).';
    super(`There is no tenant called "${nameOrId}". ${hint}`);
  }
}

/** Another profile already uses that name (names are compared case-insensitively). */
export class TenantExistsError extends Error {
  override name = 'TenantExistsError';

  constructor(readonly tenantName: string) {
    super(`A tenant called "${tenantName}" already exists. Pick another name or remove it first.`);
  }
}

/** The profile exists but the keychain holds no token for it. */
export class TokenMissingError extends Error {
  override name = 'TokenMissingError';

  constructor(readonly tenantName: string) {
    super(
      `The OS keychain holds no token for tenant "${tenantName}". Paste the integration token ` +
        `again (scim-companion tenants replace-token "${tenantName}", or "Replace token" in the app).`,
    );
  }
}

/**
 * Input that fails the profile schema, with each problem in plain words. `details` holds one
 * `field: problem` line per problem, for a details view and for forms to mark the fields.
 */
export class TenantInputError extends Error {
  constructor(
    message: string,
    readonly details: string | null = null,
  ) {
    super(message);
  }
}
// On the prototype, not as a field, so the details view lists no `name: TenantInputError` line
// that a form would read as a problem of its Name field.
TenantInputError.prototype.name = 'TenantInputError';

/**
 * A new base URL on another host than the stored one, without the admin's consent: the tenant's
 * token would go to that host at the next connection.
 */
export class TenantHostChangeError extends TenantInputError {
  constructor(
    readonly tenantName: string,
    readonly fromHost: string,
    readonly toHost: string,
  ) {
    super(
      `The new base URL is on another host: the stored token of tenant "${tenantName}" would be ` +
        `sent to ${toHost} (it was for ${fromHost}) at the next connection. Confirm the new ` +
        'host to save it; to give that host a token of its own, replace the token after saving, ' +
        'before testing or opening the tenant.',
    );
  }
}
TenantHostChangeError.prototype.name = 'TenantHostChangeError';
