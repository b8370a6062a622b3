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

/** Input that fails the profile schema, with each problem in plain words. */
export class TenantInputError extends Error {
  override name = 'TenantInputError';
}
