// A maintenance window: the hours, local to a time zone, when automated maintenance may run.
import { z } from 'zod';
import { parseDate, parseLocalTime } from '../engine/civil-dates.js';
import { isValidTimeZone } from '../engine/zone-offsets.js';
import { Id, IsoTime, Name } from './common.js';
import { Frequency } from './settings.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

export const LocalTime = z.string().refine((t) => parseLocalTime(t) !== null, 'must be a time HH:mm between 00:00 and 23:59');
export const CalendarDate = z.string().refine((d) => parseDate(d) !== null, 'must be a date YYYY-MM-DD');
export const TimeZone = z
  .string()
  .max(100, 'is too long')
  .refine(isValidTimeZone, 'is not a time zone this system knows (an IANA name such as Europe/Berlin, or UTC)');

/** Days off: one date, or a range of dates (both included), with an optional label. */
export const Exclusion = z
  .strictObject({ from: CalendarDate, to: CalendarDate.optional(), label: z.string().trim().max(200, 'is too long').optional() })
  .refine((e) => e.to === undefined || e.to >= e.from, { message: 'must not be before from', path: ['to'] });
export type Exclusion = z.infer<typeof Exclusion>;

/** Selected days in the order of the week, each once. */
export const Weekdays = z
  .array(Weekday)
  .min(1, 'needs at least one day')
  .transform((days) => WEEKDAYS.filter((d) => days.includes(d)));

export const MaintenanceWindow = z.object({
  id: Id,
  name: Name,
  days: z.array(Weekday).min(1),
  start: LocalTime,
  end: LocalTime,
  timeZone: TimeZone,
  exclusions: z.array(Exclusion).max(1000),
  /** Overrides the global automated-maintenance frequency for computers in this window. */
  frequency: Frequency.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

/** The fields a technician sets (windows.create; windows.update takes any subset). */
export const WindowFields = z.strictObject({
  name: Name,
  days: Weekdays,
  start: LocalTime,
  end: LocalTime,
  timeZone: TimeZone,
  exclusions: z.array(Exclusion).max(1000, 'at most 1000 exclusions').default([]),
  frequency: Frequency.nullable().default(null),
});
