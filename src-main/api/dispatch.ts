/**
 * The one place a transport turns an untrusted call into a handler call: look the method up,
 * validate the input with the method's zod schema, run the handler, and wrap the outcome. The
 * browser harness uses it, and the Electron IPC layer can use it too, so both refuse the same
 * inputs the same way.
 */
import type { AnyMethods, Handlers } from './define';
import { ApiError, toWireError, type WireResult } from './errors';

/** True when `name` is a method of the contract (and not, say, `__proto__`). */
export function isMethodName<T extends AnyMethods>(
  methods: T,
  name: string,
): name is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** Validates `input` for method `name` and runs its handler. Never throws. */
export async function dispatch<T extends AnyMethods>(
  methods: T,
  handlers: Handlers<T>,
  name: string,
  input: unknown,
): Promise<WireResult<unknown>> {
  if (!isMethodName(methods, name)) {
    return {
      ok: false,
      error: toWireError(new ApiError('unknown-method', `No method "${name}".`)),
    };
  }

  const parsed = methods[name].input.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
    const error = new ApiError(
      'invalid-input',
      `The request to ${name} was refused: its input is not valid.`,
      issues.join('\n'),
    );
    return { ok: false, error: toWireError(error) };
  }

  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toWireError(error) };
  }
}
