/**
 * Starts a quirk server with chosen misbehaviours and a client for it, and closes both after
 * the test. Retries wait milliseconds here so storms do not slow the suite.
 */
import {
  createScimClient,
  type ScimClient,
  type ScimClientOptions,
} from '../../src-main/core/scim';
import { startQuirkServer, type QuirkServer, type Quirks } from '../servers/quirk-server';

export interface QuirkSetup {
  server: QuirkServer;
  client: ScimClient;
}

const open: (() => Promise<void>)[] = [];

export async function withQuirks(
  quirks: Partial<Quirks>,
  seed = { users: 57, groups: 5, membersPerGroup: 6 },
  clientOptions: Partial<ScimClientOptions> = {},
): Promise<QuirkSetup> {
  const server = await startQuirkServer({ quirks, seed });
  const client = createScimClient({
    baseUrl: server.baseUrl,
    token: server.token,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...clientOptions,
  });
  open.push(async () => {
    await client.close();
    await server.close();
  });
  return { server, client };
}

/** For `afterEach`: closes every client and server started since the last call. */
export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((close) => close()));
}

/** The seeded ids in server order, computed from the server's own state. */
export function seededUserIds(server: QuirkServer): string[] {
  return [...server.state.users.keys()];
}
