/**
 * `npm run web`: the app in a browser, with the real backend on 127.0.0.1. Prints the one-time
 * launch URL and opens it unless `--no-open`. Flags: `--port N`, `--no-open`, `--demo` (land on
 * the demo tenant). The data dir is
 * SCIM_COMPANION_HOME, else a fresh temp dir; tokens go to the OS keychain, as in the app.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../../src-main/api/backend';
import { startHarness } from './server';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'no-open': { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a port number, not "${values.port}".\n`);
    return 2;
  }

  const rendererDir = resolve(import.meta.dirname, '../../out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write('The renderer is not built: run `npm run web` (it builds first).\n');
    return 1;
  }

  const dataDir =
    process.env.SCIM_COMPANION_HOME?.trim() || mkdtempSync(join(tmpdir(), 'scim-companion-web-'));
  const backend = createBackend({ dataDir });
  const harness = await startHarness({ backend, rendererDir, port, openDemo: values.demo });

  process.stdout.write(`SCIM Companion is running at ${harness.origin}\n`);
  process.stdout.write(`Open this link once to start (it carries this run's secret):\n`);
  process.stdout.write(`  ${harness.launchUrl}\n`);
  process.stdout.write(`Data dir: ${dataDir}\nPress Ctrl+C to stop.\n`);
  if (!values['no-open']) openBrowser(harness.launchUrl);

  await new Promise<void>((stop) => {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await harness.close();
  await backend.close();
  return 0;
}

function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  // A machine without a desktop has no opener; the printed URL is enough there.
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
