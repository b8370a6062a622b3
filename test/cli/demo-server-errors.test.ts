/** `demo-server` failures an admin can hit, as one readable line and exit 1. */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'scim-companion.js');

describe('scim-companion demo-server on a busy port', () => {
  let busy: Server;
  let port: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
  });

  it('exits 1 with one line naming the port and what to do, no stack', async () => {
    const failed = await promisify(execFile)(process.execPath, [
      BIN,
      'demo-server',
      '--port',
      String(port),
    ]).catch((error: unknown) => error as { code: number; stdout: string; stderr: string });
    expect('code' in failed ? failed.code : 0).toBe(1);
    expect(failed.stderr).toBe(
      `scim-companion demo-server: Port ${port} on 127.0.0.1 is already in use: stop what uses it, ` +
        'or pick another with --port (or leave --port out for a free one).\n',
    );
  });
});
