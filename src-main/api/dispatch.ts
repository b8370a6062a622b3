/**
 * The one place a transport turns an untrusted call into a handler call: look the method up,
 * validate the input with the method's zod schema, run the handler, and wrap the outcome. The
 * browser harness uses it, and the Electron IPC layer can use it too, so both refuse the same
 * inputs the same way.
 */
import type { AnyMethods, Handlers } from './define';
import { ApiError, toWireError, type WireResult } from './errors';
import { fieldProblem } from './field-labels';

/** Ends with a full stop, so several problems read as sentences. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

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
    const issues = parsed.error.issues;
    // The message names fields as the forms do; the details keep the contract's keys.
    const error = new ApiError(
      'invalid-input',
      issues.map((i) => sentence(fieldProblem(i.path.join('.'), i.message))).join(' '),
      [
        `The request to ${name} was refused: its input is not valid.`,
        ...issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`),
      ].join('\n'),
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
