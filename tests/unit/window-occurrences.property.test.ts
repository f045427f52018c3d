// Property tests of window occurrences on and around the DST transitions of six zones (60-, 30- and
// 45-minute shifts, midnight transitions, and a zone without DST), against an Intl-only oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { occurrencesBetween, type WeekdayName, type WindowRule } from '../../shared/engine/window-occurrences.js';
import { instantFor, localDay, transitionsBetween, wallMs } from '../support/zone-oracle.js';

const DAY = 86_400_000;
const ZONES = ['America/New_York', 'Europe/Berlin', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
const DAYS: WeekdayName[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

// Transition instants 2016–2028 per zone (São Paulo's end in 2019; Kolkata has none: plain dates instead).
const transitions = new Map(
  ZONES.map((zone) => {
    const found = transitionsBetween(zone, Date.UTC(2016, 0, 1), Date.UTC(2028, 0, 1), 6 * 3_600_000);
    return [zone, found.length > 0 ? found : [Date.UTC(2020, 1, 29, 12), Date.UTC(2024, 11, 31, 20), Date.UTC(2026, 5, 1)]];
  }),
);

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

// Times near the transitions (00:00–04:00, 22:00–24:00 local) far more often than elsewhere.
const time = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 4 * 4 }).map((q) => q * 15) },
  { weight: 1, arbitrary: fc.integer({ min: 22 * 4, max: 24 * 4 - 1 }).map((q) => q * 15) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 24 * 60 - 1 }) },
);

const scenario = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    pick: fc.nat(),
    shiftHours: fc.integer({ min: -60, max: 24 }),
    spanHours: fc.integer({ min: 1, max: 6 * 24 }),
    // Half the time, start and end near the wall-clock time where the transition happens.
    nearStart: fc.option(fc.integer({ min: -12, max: 15 }), { freq: 1 }),
    nearEnd: fc.option(fc.integer({ min: -12, max: 15 }), { freq: 2 }),
    start: time,
    end: time,
    days: fc.oneof(fc.subarray(DAYS, { minLength: 1 }), fc.constant(DAYS)),
    exclusions: fc.array(fc.record({ offset: fc.integer({ min: -4, max: 8 }), length: fc.integer({ min: 0, max: 2 }) }), { maxLength: 3 }),
  })
  .map((s) => {
    const list = transitions.get(s.zone)!;
    const anchor = list[s.pick % list.length]!;
    const from = anchor + s.shiftHours * 3_600_000;
    const anchorDay = localDay(s.zone, anchor);
    // Minutes after midnight that the clock showed just before the transition.
    const before = Math.round((wallMs(s.zone, anchor - 60_000) + 60_000 - anchorDay * DAY) / 60_000);
    const near = (steps: number | null, fallback: number) => (steps === null ? fallback : (((before + steps * 5) % 1440) + 1440) % 1440);
    const start = near(s.nearStart, s.start);
    const end = near(s.nearEnd, s.end);
    const rule: WindowRule = {
      timeZone: s.zone,
      days: s.days,
      start: hhmm(start),
      end: hhmm(end),
      exclusions: s.exclusions.map((e) => ({ from: dateOf(anchorDay + e.offset), ...(e.length > 0 ? { to: dateOf(anchorDay + e.offset + e.length) } : {}) })),
    };
    return { rule, from, to: from + s.spanHours * 3_600_000, startMinutes: start, endMinutes: end };
  });

/** What the rules say, asked of Intl date by date. */
function expected(rule: WindowRule, from: number, to: number, startMinutes: number, endMinutes: number) {
  const out: { start: number; end: number }[] = [];
  const excluded = (day: number) => (rule.exclusions ?? []).some((e) => dateOf(day) >= e.from && dateOf(day) <= (e.to ?? e.from));
  for (let day = localDay(rule.timeZone, from) - 1; day <= localDay(rule.timeZone, to) + 1; day++) {
    if (!rule.days.includes(DAYS[new Date(day * DAY).getUTCDay()]!) || excluded(day)) continue;
    const start = instantFor(rule.timeZone, day * DAY + startMinutes * 60_000);
    const end = instantFor(rule.timeZone, (endMinutes <= startMinutes ? day + 1 : day) * DAY + endMinutes * 60_000);
    if (end > start && localDay(rule.timeZone, start) === day && start >= from && start < to) out.push({ start, end });
  }
  return out;
}

describe('window occurrences around DST transitions (property)', () => {
  it('match the rules as Intl states them, date by date', () => {
    fc.assert(
      fc.property(scenario, ({ rule, from, to, startMinutes, endMinutes }) => {
        expect(occurrencesBetween(rule, from, to)).toEqual(expected(rule, from, to, startMinutes, endMinutes));
      }),
      { numRuns: 150 },
    );
  });

  it('are ordered, never overlap, start before they end, and never twice on one local date', () => {
    fc.assert(
      fc.property(scenario, ({ rule, from, to }) => {
        const list = occurrencesBetween(rule, from, to);
        const dates = list.map((o) => localDay(rule.timeZone, o.start));
        expect(new Set(dates).size).toBe(dates.length);
        list.forEach((o, i) => {
          expect(o.start).toBeLessThan(o.end);
          expect(o.start).toBeGreaterThanOrEqual(from);
          expect(o.start).toBeLessThan(to);
          if (i > 0) expect(list[i - 1]!.end).toBeLessThanOrEqual(o.start);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('start on a selected, non-excluded day, at the start time or right after the gap that swallowed it', () => {
    fc.assert(
      fc.property(scenario, ({ rule, from, to, startMinutes }) => {
        for (const o of occurrencesBetween(rule, from, to)) {
          const day = localDay(rule.timeZone, o.start);
          const date = dateOf(day);
          expect(rule.days).toContain(DAYS[new Date(day * DAY).getUTCDay()]);
          for (const e of rule.exclusions ?? []) expect(date >= e.from && date <= (e.to ?? e.from)).toBe(false);
          const shown = wallMs(rule.timeZone, o.start) - day * DAY;
          if (shown === startMinutes * 60_000) {
            // The first instant showing the start time: a moment earlier, the clock showed something else.
            for (const back of [30, 60, 120]) expect(wallMs(rule.timeZone, o.start - back * 60_000)).not.toBe(day * DAY + startMinutes * 60_000);
          } else {
            // The start time did not exist: the clock jumped over it at exactly this instant.
            expect(shown).toBeGreaterThan(startMinutes * 60_000);
            expect(wallMs(rule.timeZone, o.start - 60_000) - day * DAY).toBeLessThan(startMinutes * 60_000);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('end on the start date, or the next date when the end time is at or before the start time', () => {
    fc.assert(
      fc.property(scenario, ({ rule, from, to, startMinutes, endMinutes }) => {
        for (const o of occurrencesBetween(rule, from, to)) {
          const startDay = localDay(rule.timeZone, o.start);
          const endWall = wallMs(rule.timeZone, o.end);
          const target = (endMinutes <= startMinutes ? startDay + 1 : startDay) * DAY + endMinutes * 60_000;
          // At the first instant showing the end time, or (in a gap) at the first instant after it.
          if (endWall === target) {
            for (const back of [30, 60, 120]) expect(wallMs(rule.timeZone, o.end - back * 60_000)).not.toBe(target);
          } else {
            expect(endWall).toBeGreaterThan(target);
            expect(wallMs(rule.timeZone, o.end - 60_000)).toBeLessThan(target);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
