// UTC offsets of an IANA time zone, and wall-clock time ↔ instant conversion with Steward's rules:
// a wall time in a spring-forward gap becomes the first instant after the gap, an ambiguous one
// (fall-back overlap) its first instant. Intl is asked once per day of a year to build a table of
// transitions; after that every conversion is arithmetic, so thousands of windows stay cheap.
import { DAY_MS, civilFromDays, daysFromCivil } from './civil-dates.js';

interface Segment {
  /** First instant (ms) with this offset. */
  start: number;
  /** Offset in ms (wall = instant + offset). */
  offset: number;
}

interface YearTable {
  start: number;
  end: number;
  /** Offsets in force from each start on, in order; the first starts at the year's start. */
  segments: Segment[];
}

const OFFSET_PATTERN = /GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/;
const SECOND_MS = 1000;

const zones = new Map<string, ZoneOffsets>();
/** Answers already given: asking Intl costs about 0.1 ms, and every stored window is validated on read. */
const validity = new Map<string, boolean>();

/** True when Intl knows the zone (`UTC`, `Europe/Berlin`, aliases such as `Asia/Kolkata`). */
export function isValidTimeZone(timeZone: string): boolean {
  const known = validity.get(timeZone);
  if (known !== undefined) return known;
  let valid = timeZone.trim() !== '' && timeZone === timeZone.trim();
  if (valid) {
    try {
      new Intl.DateTimeFormat(undefined, { timeZone });
    } catch {
      valid = false;
    }
  }
  if (validity.size < 10_000) validity.set(timeZone, valid);
  return valid;
}

/** The shared, cached offset table of a zone; throws RangeError for a zone Intl does not know. */
export function zoneOffsets(timeZone: string): ZoneOffsets {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new ZoneOffsets(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}

export class ZoneOffsets {
  private readonly format: Intl.DateTimeFormat;
  private readonly years = new Map<number, YearTable>();
  private last: YearTable | null = null;

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  }

  /** The offset (ms) in force at an instant. */
  offsetAt(instant: number): number {
    const table = this.tableAt(instant);
    const segments = table.segments;
    let offset = segments[0]!.offset;
    for (let i = 1; i < segments.length && segments[i]!.start <= instant; i++) offset = segments[i]!.offset;
    return offset;
  }

  /** Wall-clock time at an instant, as ms since 1970-01-01T00:00 local. */
  wallAt(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /** The local day number of an instant. */
  dayAt(instant: number): number {
    return Math.floor(this.wallAt(instant) / DAY_MS);
  }

  /**
   * The instant of a wall-clock time (ms since 1970-01-01T00:00 local): the first instant that
   * shows it, or, when no instant does (a gap), the first instant after the gap.
   */
  wallToInstant(wall: number): number {
    // Offsets lie within ±14 h, so every instant that can show this wall time is in this range.
    const segments = this.segmentsBetween(wall - DAY_MS, wall + DAY_MS);
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const end = i + 1 < segments.length ? segments[i + 1]!.start : Infinity;
      const candidate = wall - segment.offset;
      // Segments are in time order, so the first one that contains its candidate has the earliest.
      if (candidate >= segment.start && candidate < end) return candidate;
    }
    for (let i = 1; i < segments.length; i++) {
      const { start, offset } = segments[i]!;
      const before = segments[i - 1]!.offset;
      if (start + before <= wall && wall < start + offset) return start;
    }
    return wall - this.offsetAt(wall);
  }

  /** Offsets in force from `from` to `to`, the first segment starting at or before `from`. */
  private segmentsBetween(from: number, to: number): Segment[] {
    const first = this.tableAt(from);
    if (to < first.end) return first.segments;
    const out = [...first.segments];
    for (let table = this.tableAt(first.end); ; table = this.tableAt(table.end)) {
      for (const segment of table.segments) if (segment.offset !== out[out.length - 1]!.offset) out.push(segment);
      if (to < table.end) return out;
    }
  }

  private tableAt(instant: number): YearTable {
    const last = this.last;
    if (last && instant >= last.start && instant < last.end) return last;
    const year = civilFromDays(Math.floor(instant / DAY_MS)).year;
    let table = this.years.get(year);
    if (!table) {
      table = this.buildYear(year);
      this.years.set(year, table);
    }
    this.last = table;
    return table;
  }

  private buildYear(year: number): YearTable {
    const start = daysFromCivil(year, 1, 1) * DAY_MS;
    const end = daysFromCivil(year + 1, 1, 1) * DAY_MS;
    const segments: Segment[] = [{ start, offset: this.ask(start) }];
    // Sampled once a day (and at the year's last second): no zone changes its offset twice
    // within a day and back again.
    let previous = start;
    let previousOffset = segments[0]!.offset;
    for (let t = start + DAY_MS; t <= end; t += DAY_MS) {
      const sample = Math.min(t, end - SECOND_MS);
      const offset = this.ask(sample);
      if (offset !== previousOffset) this.findTransitions(previous, previousOffset, sample, offset, segments);
      previous = sample;
      previousOffset = offset;
    }
    return { start, end, segments };
  }

  /** Adds every change of offset in (a, b] to `out`, by bisecting on whole seconds. */
  private findTransitions(a: number, offsetA: number, b: number, offsetB: number, out: Segment[]): void {
    let lo = a;
    let hi = b;
    while (hi - lo > SECOND_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / SECOND_MS) * SECOND_MS;
      if (this.ask(mid) === offsetA) lo = mid;
      else hi = mid;
    }
    const offset = this.ask(hi);
    out.push({ start: hi, offset });
    if (offset !== offsetB) this.findTransitions(hi, offset, b, offsetB, out);
  }

  /** One question to Intl: the offset at an instant. */
  private ask(instant: number): number {
    const match = OFFSET_PATTERN.exec(this.format.format(instant));
    if (!match || match[1] === undefined) return 0;
    const sign = match[1] === '-' ? -1 : 1;
    const seconds = Number(match[2]) * 3600 + Number(match[3] ?? 0) * 60 + Number(match[4] ?? 0);
    return sign * seconds * SECOND_MS;
  }
}
