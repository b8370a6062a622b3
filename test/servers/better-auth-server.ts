/**
 * A real third-party SCIM server for the interop suite: Better Auth with its SCIM plugin, on an
 * in-memory SQLite database (better-sqlite3 through kysely's SqliteDialect, which gives the
 * plugin real transactions), served by node:http on 127.0.0.1. The bearer token is issued by
 * the plugin's own managed-connection API, as an application would issue one to a directory.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { scim } from '@better-auth/scim';
import Database from 'better-sqlite3';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { SqliteDialect } from 'kysely';

export interface BetterAuthServer {
  baseUrl: string;
  token: string;
  close(): Promise<void>;
}

const ALL_SCOPES = [
  'scim.users.read',
  'scim.users.write',
  'scim.groups.read',
  'scim.groups.write',
] as const;

/** Starts Better Auth on 127.0.0.1 (port 0); the SCIM base path is `/api/auth/scim/v2`. */
export async function startBetterAuthServer(): Promise<BetterAuthServer> {
  const sqlite = new Database(':memory:');
  let handler: ((req: never, res: never) => unknown) | null = null;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (!handler) return res.writeHead(503).end();
    void handler(req as never, res as never);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const options = {
    baseURL: origin,
    secret: randomBytes(32).toString('hex'),
    database: {
      dialect: new SqliteDialect({ database: sqlite }),
      type: 'sqlite',
      transaction: true,
    },
    telemetry: { enabled: false },
    plugins: [
      scim({
        connections: [],
        managedConnections: { credentialHashSecret: randomBytes(32).toString('hex') },
      }),
    ],
  } satisfies BetterAuthOptions;
  // Tables first: Better Auth checks its schema when the instance is created.
  const { runMigrations } = await getMigrations(options);
  await runMigrations();
  const auth = betterAuth(options);

  const issued = await auth.api.createSCIMManagedConnection({
    body: {
      scopes: [...ALL_SCOPES],
      expiresAt: new Date(Date.now() + 24 * 3600 * 1000),
      creationRequestId: randomUUID(),
      provisioningDomainId: 'scim-companion-tests',
      actorId: 'interop-suite',
    },
  });
  handler = toNodeHandler(auth) as never;

  return {
    baseUrl: `${origin}/api/auth/scim/v2`,
    token: issued.token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          sqlite.close();
          resolve();
        });
      }),
  };
}
