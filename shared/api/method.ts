// The shape of one Console API method: an input schema and an output schema.
import type { z } from 'zod';

export interface ApiMethod<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** True when the method changes state (refused while offline, and for viewers). */
  readonly writes: boolean;
}

export function query<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ApiMethod<I, O> {
  return { input, output, writes: false };
}

export function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ApiMethod<I, O> {
  return { input, output, writes: true };
}
