/**
 * A deliberately plain SCIM caller for the interop tests (global fetch, no retries, no
 * normalising), so what the tests expect is computed without the client under test.
 */
export interface RawScim {
  get(path: string): Promise<{ status: number; body: Record<string, unknown> | null }>;
  post(path: string, body: unknown): Promise<Record<string, unknown>>;
  /** Every id at `/Users` or `/Groups`, read page by page with the server's own totals. */
  listIds(type: 'Users' | 'Groups'): Promise<string[]>;
}

export function rawScim(baseUrl: string, token: string): RawScim {
  const headers = {
    authorization: `Bearer ${token}`,
    accept: 'application/scim+json, application/json',
    'content-type': 'application/scim+json',
  };
  const get: RawScim['get'] = async (path) => {
    const res = await fetch(baseUrl + path, { headers });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
  };
  return {
    get,
    async post(path, body) {
      const res = await fetch(baseUrl + path, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status !== 201 && res.status !== 200) {
        throw new Error(`POST ${path} answered ${res.status}: ${text}`);
      }
      return JSON.parse(text) as Record<string, unknown>;
    },
    async listIds(type) {
      const ids: string[] = [];
      for (let start = 1; ; start += 50) {
        const { body } = await get(
          `/${type}?startIndex=${start}&count=50&excludedAttributes=members`,
        );
        const resources = (body?.Resources ?? []) as { id: string }[];
        ids.push(...resources.map((r) => r.id));
        if (resources.length === 0 || ids.length >= Number(body?.totalResults ?? 0)) return ids;
      }
    },
  };
}
