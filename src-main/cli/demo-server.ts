/**
 * `scim-companion demo-server [--port N] [--host H]`: runs the demo tenant alone until Ctrl-C and
 * prints its SCIM base URL and this run's bearer token (a throwaway, valid for this run only).
 */
import { parseArgs } from 'node:util';
import { startDemoServer } from '../core/demo';
import { UsageError, reportCliError } from './tenant-options';

const USAGE = `Usage: scim-companion demo-server [--port N] [--host ADDRESS]

Runs the demo VaultOne tenant (SCIM 2.0) on 127.0.0.1 until Ctrl-C, with fresh demo data and a
new bearer token at every start.

  --port N          Port to listen on (default: a free one)
  --host ADDRESS    Address to listen on (default 127.0.0.1)
  -h, --help        This help`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: string[]): Promise<number> {
  let port: number;
  let host: string | undefined;
  try {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true });
    if (values.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    port = parsePort(values.port);
    host = values.host;
  } catch (error) {
    return reportCliError('demo-server', error);
  }

  let server;
  try {
    server = await startDemoServer({ port, host });
  } catch (error) {
    return reportCliError('demo-server', listenError(error, host ?? '127.0.0.1', port));
  }
  process.stdout.write(
    `Demo tenant running. Press Ctrl-C to stop.\nBase URL: ${server.baseUrl}\nToken:    ${server.token}\n`,
  );

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  process.stdout.write('Demo tenant stopped.\n');
  return 0;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${value}".`);
  }
  return port;
}

/** A listen failure in words an admin can act on; other errors unchanged. */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return new Error(
      `Port ${port} on ${host} is already in use: stop what uses it, or pick another with --port (or leave --port out for a free one).`,
    );
  }
  if (code === 'EACCES') {
    return new Error(`Not allowed to listen on port ${port}: pick a port above 1023 with --port.`);
  }
  if (code === 'EADDRNOTAVAIL') {
    return new Error(`${host} is not an address of this machine: check --host.`);
  }
  return error;
}
