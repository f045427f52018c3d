// When a maintenance window is open: its occurrences in a range, the one open at an instant, the
// next one, and the frequency period an instant belongs to — all in the window's own time zone.
// Rules (DESIGN §3): an occurrence starts on a selected day at the start time and ends at the end
// time, the next day when the end is at or before the start; a start or end in a spring-forward gap
// moves to the first instant after the gap, an ambiguous one takes its first instant; an occurrence
// whose start date is excluded does not occur. An occurrence with no time left (start and end in
// the same gap) and one on a date the zone skipped altogether do not occur either.
import { DAY_MS, MINUTE_MS, isoWeekIndex, monthIndex, parseDate, parseLocalTime, weekdayOf } from './civil-dates.js';
import { zoneOffsets, type ZoneOffsets } from './zone-offsets.js';

export type WeekdayName = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type FrequencyName = 'daily' | 'weekly' | 'monthly';

export interface WindowRule {
  days: readonly WeekdayName[];
  start: string;
  end: string;
  timeZone: string;
  exclusions?: readonly { from: string; to?: string | undefined; label?: string | undefined }[];
}

/** One occurrence: instants in ms since the epoch, `start` included, `end` excluded. */
export interface Occurrence {
  start: number;
  end: number;
}

const WEEKDAY_BIT: Record<WeekdayName, number> = { sun: 1, mon: 2, tue: 4, wed: 8, thu: 16, fri: 32, sat: 64 };

/** How far `next` looks ahead: long enough for a window excluded for months. */
const NEXT_HORIZON_DAYS = 800;

/** A window rule prepared for fast, repeated questions. */
export class CompiledWindow {
  private readonly zone: ZoneOffsets;
  private readonly dayMask: number;
  private readonly startMinute: number;
  private readonly endMinute: number;
  /** Excluded day numbers as sorted, inclusive [from, to] pairs. */
  private readonly excluded: [number, number][];

  constructor(rule: WindowRule) {
    this.zone = zoneOffsets(rule.timeZone);
    this.dayMask = rule.days.reduce((mask, d) => mask | WEEKDAY_BIT[d], 0);
    const start = parseLocalTime(rule.start);
    const end = parseLocalTime(rule.end);
    if (start === null || end === null) throw new RangeError(`window times must be HH:mm, got ${rule.start}–${rule.end}`);
    this.startMinute = start;
    this.endMinute = end;
    this.excluded = (rule.exclusions ?? [])
      .map((e): [number, number] => {
        const from = parseDate(e.from);
        const to = e.to === undefined ? from : parseDate(e.to);
        if (from === null || to === null) throw new RangeError(`exclusion dates must be YYYY-MM-DD, got ${e.from}–${e.to ?? ''}`);
        return [from, to];
      })
      .sort((a, b) => a[0] - b[0]);
  }

  get timeZone(): string {
    return this.zone.timeZone;
  }

  /** Every occurrence that starts in [from, to), in order. */
  between(from: number, to: number): Occurrence[] {
    const out: Occurrence[] = [];
    if (!(from < to)) return out;
    const last = this.zone.dayAt(to) + 1;
    for (let day = this.zone.dayAt(from) - 1; day <= last; day++) {
      const occurrence = this.onDay(day);
      if (occurrence && occurrence.start >= from && occurrence.start < to) out.push(occurrence);
    }
    return out;
  }

  /** The occurrence open at `instant` (start ≤ instant < end), or null. */
  at(instant: number): Occurrence | null {
    const today = this.zone.dayAt(instant);
    for (let day = today; day >= today - 2; day--) {
      const occurrence = this.onDay(day);
      if (occurrence && occurrence.start <= instant) return instant < occurrence.end ? occurrence : null;
    }
    return null;
  }

  /** The first occurrence that starts at or after `instant`, or null when none does for years. */
  next(instant: number): Occurrence | null {
    const first = this.zone.dayAt(instant) - 1;
    for (let day = first; day <= first + NEXT_HORIZON_DAYS; day++) {
      const occurrence = this.onDay(day);
      if (occurrence && occurrence.start >= instant) return occurrence;
    }
    return null;
  }

  /** The last occurrence that starts before `instant`, looking back at most `days` days. */
  previous(instant: number, days = 40): Occurrence | null {
    const today = this.zone.dayAt(instant) + 1;
    for (let day = today; day >= today - days; day--) {
      const occurrence = this.onDay(day);
      if (occurrence && occurrence.start < instant) return occurrence;
    }
    return null;
  }

  /**
   * The frequency period of an instant, counted in the window's zone: its local day, ISO week or
   * calendar month, as a number that differs between periods.
   */
  period(frequency: FrequencyName, instant: number): number {
    const day = this.zone.dayAt(instant);
    if (frequency === 'daily') return day;
    if (frequency === 'weekly') return isoWeekIndex(day);
    return monthIndex(day);
  }

  /** The occurrence that starts on local day number `day`, if the window has one. */
  onDay(day: number): Occurrence | null {
    if ((this.dayMask & (1 << weekdayOf(day))) === 0 || this.isExcluded(day)) return null;
    const start = this.zone.wallToInstant(day * DAY_MS + this.startMinute * MINUTE_MS);
    // A date the zone skipped (Pacific/Apia, 2011-12-30) has no occurrence.
    if (this.zone.dayAt(start) !== day) return null;
    const endDay = this.endMinute <= this.startMinute ? day + 1 : day;
    const end = this.zone.wallToInstant(endDay * DAY_MS + this.endMinute * MINUTE_MS);
    return end > start ? { start, end } : null;
  }

  private isExcluded(day: number): boolean {
    for (const [from, to] of this.excluded) {
      if (from > day) return false;
      if (day <= to) return true;
    }
    return false;
  }
}

const compiled = new WeakMap<WindowRule, CompiledWindow>();

/** The compiled form of a rule object, made once per object. */
export function compileWindow(rule: WindowRule): CompiledWindow {
  let c = compiled.get(rule);
  if (!c) {
    c = new CompiledWindow(rule);
    compiled.set(rule, c);
  }
  return c;
}

/** Every occurrence of the window that starts in [from, to), in order. */
export function occurrencesBetween(rule: WindowRule, from: number, to: number): Occurrence[] {
  return compileWindow(rule).between(from, to);
}

/** The occurrence open at `instant`, or null. */
export function occurrenceAt(rule: WindowRule, instant: number): Occurrence | null {
  return compileWindow(rule).at(instant);
}

/** The first occurrence that starts at or after `instant`, or null. */
export function nextOccurrence(rule: WindowRule, instant: number): Occurrence | null {
  return compileWindow(rule).next(instant);
}
