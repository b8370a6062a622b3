/**
 * The building blocks of the one typed contract between the UI and the backend. Each concern
 * declares its methods (name -> zod input schema + result type) in `methods/*.ts`; the Electron
 * IPC layer and the browser harness both serve exactly these, validating every input.
 */
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType, R> {
  input: I;
  /** Phantom field carrying the result type; never read at run time. */
  result?: R;
}

export function method<I extends z.ZodType, R>(input: I): MethodSpec<I, R> {
  return { input };
}

export type AnyMethods = Record<string, MethodSpec<z.ZodType, unknown>>;

export type InputOf<M> = M extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type ResultOf<M> = M extends MethodSpec<z.ZodType, infer R> ? R : never;

/** What the renderer calls: one async function per method. */
export type Client<T extends AnyMethods> = {
  [K in keyof T]: (input: InputOf<T[K]>) => Promise<ResultOf<T[K]>>;
};

/** What the backend implements: one async function per method, given a parsed input. */
export type Handlers<T extends AnyMethods> = {
  [K in keyof T]: (input: ParsedInputOf<T[K]>) => Promise<ResultOf<T[K]>>;
};
