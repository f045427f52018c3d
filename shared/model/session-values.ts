// The sessions' enumerations as plain lists, without the schema library: the renderer reads its
// address with them while the first screen loads (zod and the schemas load after it painted).
// shared/model/session.ts builds its schemas from these same lists.

export const SESSION_STATUSES = ['queued', 'waiting-for-agent', 'in-progress', 'completed', 'failed', 'cancelled', 'skipped', 'incomplete'] as const;

export const SESSION_TRIGGERS = ['manual', 'scheduled', 'retry'] as const;

/** Sort orders of the sessions list; a leading "-" means descending. */
export const SESSION_SORTS = ['createdAt', '-createdAt', 'startedAt', '-startedAt', 'endedAt', '-endedAt', 'status', '-status', 'computer', '-computer'] as const;

/** True when `value` is one of `values` (a narrowing check for the lists above). */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
