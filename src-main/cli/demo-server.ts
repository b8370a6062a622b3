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
    return reportCliError('demo-server', error);
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
