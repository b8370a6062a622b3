/**
 * The Discovery page's data: every default the client took is a sentence, and a capability the
 * server did not state is marked assumed. Against a real HTTP server whose ServiceProviderConfig
 * states PATCH and filtering only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoveryView } from '../../src-main/api/wiring/discovery-view';
import { createScimClient } from '../../src-main/core/scim';

const STATED = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  patch: { supported: true },
  filter: { supported: true, maxResults: 50 },
};

describe('discovery view of a server that states little', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = req.url?.endsWith('/ServiceProviderConfig') ? STATED : null;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/scim+json' });
      res.end(JSON.stringify(body ?? { detail: 'not here', status: '404' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('marks unstated capabilities assumed and lists a sentence for each default', async () => {
    const client = createScimClient({ baseUrl, token: 'test-token' });
    try {
      const view = discoveryView(baseUrl, await client.discover());
      const assumedNames = view.features.filter((f) => f.assumed).map((f) => f.name);
      // Stated: PATCH and Filtering. Everything else is the client's default.
      expect(assumedNames.sort()).toEqual(
        ['Bulk', 'Sorting', 'ETags', 'Change password', 'Authentication'].sort(),
      );
      for (const name of ['Bulk', 'Sorting', 'ETags', 'Change password']) {
        expect(view.assumptions.some((a) => a.includes(name))).toBe(true);
      }
      expect(view.assumptions.some((a) => a.includes('ResourceTypes'))).toBe(true);
      expect(view.assumptions.some((a) => a.includes('Schemas'))).toBe(true);
      expect(view.assumptions.some((a) => a.includes('authentication schemes'))).toBe(true);
      expect(view.features.find((f) => f.name === 'Filtering')?.detail).toBe(
        '50 results per page at most',
      );
    } finally {
      await client.close();
    }
  });
});
