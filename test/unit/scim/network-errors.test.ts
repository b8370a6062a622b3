/**
 * Network failures as the SCIM client meets them for real: each test makes the failure happen
 * on 127.0.0.1 and checks what the admin is told.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScimClient, ScimError } from '../../../src-main/core/scim';

describe('https:// to a port that speaks plain HTTP', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_request, response) => response.end('{"Resources":[]}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('says the server did not answer TLS there, not that a CA file is missing', async () => {
    const client = createScimClient({
      baseUrl: `https://127.0.0.1:${port}/scim/v2`,
      token: 'plain-http-test-token-0123456789',
    });
    const error = (await client.snapshot().catch((e: unknown) => e)) as ScimError;
    await client.close();

    expect(error).toBeInstanceOf(ScimError);
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(
      new RegExp(`^127\\.0\\.0\\.1 did not answer with TLS on port ${port} \\(ERR_SSL_`),
    );
    expect(error.message).toMatch(/use http:\/\/ .*allowed only for localhost/);
    expect(error.message).toMatch(/Check the port in the base URL/);
    expect(error.message).not.toMatch(/certificate|CA file/);
  });
});
