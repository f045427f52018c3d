// Console API: maintenance windows.
import { z } from 'zod';
import { Id, IsoTime, Name } from '../model/common.js';
import { Frequency } from '../model/settings.js';
import { Exclusion, LocalTime, MaintenanceWindow, TimeZone, WindowFields, Weekdays } from '../model/window.js';
import { command, query } from './method.js';

export const OccurrenceView = z.object({ start: IsoTime, end: IsoTime });
export type OccurrenceView = z.infer<typeof OccurrenceView>;

/** Where a window is assigned: what deleting it would leave without a window. */
export const WindowUsage = z.object({
  tenants: z.array(z.object({ id: Id, name: z.string() })),
  groups: z.array(z.object({ id: Id, name: z.string(), tenantId: Id })),
});
export type WindowUsage = z.infer<typeof WindowUsage>;

export const windowsApi = {
  'windows.create': command(WindowFields, MaintenanceWindow),
  /** Any subset of the fields; `frequency: null` returns to the global frequency. */
  'windows.update': command(
    z.strictObject({
      id: Id,
      name: Name.optional(),
      days: Weekdays.optional(),
      start: LocalTime.optional(),
      end: LocalTime.optional(),
      timeZone: TimeZone.optional(),
      exclusions: z.array(Exclusion).max(1000, 'at most 1000 exclusions').optional(),
      frequency: Frequency.nullable().optional(),
    }),
    MaintenanceWindow,
  ),
  'windows.list': query(z.strictObject({}), z.object({ items: z.array(MaintenanceWindow) })),
  'windows.get': query(z.strictObject({ id: Id }), MaintenanceWindow),
  /** Refused (409, naming the tenants and groups) while the window is assigned anywhere. */
  'windows.delete': command(z.strictObject({ id: Id }), z.object({ id: Id, deleted: z.literal(true) })),
  /** A copy with a new id, named "<name> (copy)" unless a name is given; assignments are not copied. */
  'windows.duplicate': command(z.strictObject({ id: Id, name: Name.optional() }), MaintenanceWindow),
  /** Every occurrence that starts in [from, to), in order, as ISO-8601 instants; at most 400 days. */
  'windows.preview': query(z.strictObject({ id: Id, from: IsoTime, to: IsoTime }), z.object({ occurrences: z.array(OccurrenceView) })),
  'windows.usage': query(z.strictObject({ id: Id }), WindowUsage),
} as const;
