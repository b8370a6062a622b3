/**
 * The tenant service wired to the real SCIM client, and "Test connection" for a stored tenant:
 * the client's read-only checks (discovery and a one-user listing), plus what the tenant's
 * entered token expiry date adds to a refused token.
 */
import { createScimClient, type ConnectionTest, type ScimClient } from '../scim';
import { expiryWarning, replaceTokenCommand } from './expiry';
import type { TenantProfile } from './profile';
import { TenantService, type TenantServiceOptions } from './service';

/** A TenantService whose `openClient` returns the real SCIM client. */
export function createTenantService(
  options: Omit<TenantServiceOptions<ScimClient>, 'connect'>,
): TenantService<ScimClient> {
  return new TenantService<ScimClient>({
    ...options,
    connect: ({ baseUrl, token, caFile }) => createScimClient({ baseUrl, token, caFile }),
  });
}

export interface TenantConnectionTest extends ConnectionTest {
  tenantName: string;
  baseUrl: string;
  /** Sentences about the token's entered expiry date, when it is near, past, or likely why. */
  expiryAdvice: string[];
}

/** Runs the connection test for a stored tenant; the token is read and used inside only. */
export async function testTenantConnection(
  service: TenantService<ScimClient>,
  nameOrId: string,
  now: Date = new Date(),
): Promise<TenantConnectionTest> {
  const { profile, client } = await service.openClient(nameOrId);
  try {
    const result = await client.testConnection();
    return {
      ...result,
      tenantName: profile.name,
      baseUrl: profile.baseUrl,
      expiryAdvice: expiryAdviceFor(profile, result, now),
    };
  } finally {
    await client.close();
  }
}

function expiryAdviceFor(profile: TenantProfile, result: ConnectionTest, now: Date): string[] {
  const warning = expiryWarning(profile, now);
  const refused = result.steps.some((step) => step.step === 'auth' && !step.ok);
  const store = `Store the new token with: ${replaceTokenCommand(profile.name)}`;
  if (refused && warning?.level === 'expired') {
    return [`This is likely why the token was refused: ${warning.message} ${store}`];
  }
  if (refused) {
    return [
      'A refused token has usually expired or been revoked. Create a new integration token in ' +
        `VaultOne (Administration > Integration Tokens). ${store}`,
    ];
  }
  return warning ? [warning.message] : [];
}
