// Building blocks shared by every schema: ids, times, names, scripts.
import { z } from 'zod';

export const Id = z.string().min(1, 'must not be empty').max(64, 'is too long');
export const IsoTime = z.iso.datetime({ offset: true });
export const Name = z.string().trim().min(1, 'must not be empty').max(200, 'is too long');

export const ScriptShell = z.enum(['sh', 'powershell']);
export type ScriptShell = z.infer<typeof ScriptShell>;

export const MAX_SCRIPT_BYTES = 256 * 1024;

export const Script = z.strictObject({
  shell: ScriptShell,
  body: z.string().max(MAX_SCRIPT_BYTES, `must be at most ${MAX_SCRIPT_BYTES} characters`),
});
export type Script = z.infer<typeof Script>;

/** A page of a long list; `nextCursor` is null on the last page. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
