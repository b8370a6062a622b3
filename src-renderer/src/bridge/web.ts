/**
 * `window.companion` for a plain browser (the `npm run web` harness): the same `Companion` type
 * as the Electron preload, over `POST /api/<method>` and a server-sent event stream. The session
 * secret travels in an HttpOnly cookie, so this code never holds it.
 */
import type { Companion, CompanionEvent, WireResult } from '../../../src-main/api/contract';
import { encodeWireError } from '../../../src-main/api/errors';

async function call(name: string, input: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new Error(
      encodeWireError({
        code: 'backend-unreachable',
        message: 'The app backend does not answer. Is `npm run web` still running?',
        details: error instanceof Error ? error.message : String(error),
      }),
      { cause: error },
    );
  }

  const outcome = (await response.json().catch(() => null)) as WireResult<unknown> | null;
  if (outcome?.ok) return outcome.result;
  throw new Error(
    encodeWireError(
      outcome?.error ?? {
        code: 'http',
        message: `The app backend answered ${response.status}.`,
        details: null,
      },
    ),
  );
}

function subscribe(listener: (event: CompanionEvent) => void): () => void {
  const source = new EventSource('/api/events', { withCredentials: true });
  source.onmessage = (message: MessageEvent<string>) => {
    listener(JSON.parse(message.data) as CompanionEvent);
  };
  return () => source.close();
}

/** Builds the browser bridge. Method names are resolved at call time, like the preload's. */
export function createWebCompanion(): Companion {
  return new Proxy({} as Companion, {
    get(_target, name) {
      if (name === 'onEvent') return subscribe;
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (input: unknown) => call(name, input);
    },
  });
}
