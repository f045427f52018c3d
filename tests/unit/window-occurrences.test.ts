// Occurrences of maintenance windows with fixed expectations: DST gaps and overlaps in several
// zones (30-minute and 45-minute offsets included), midnight crossing, exclusions, frequency periods.
import { describe, expect, it } from 'vitest';
import { CompiledWindow, occurrenceAt, occurrencesBetween, nextOccurrence, type WindowRule } from '../../shared/engine/window-occurrences.js';
import { isValidTimeZone } from '../../shared/engine/zone-offsets.js';

const ms = (iso: string) => Date.parse(iso);
const iso = (o: { start: number; end: number }) => ({ start: new Date(o.start).toISOString(), end: new Date(o.end).toISOString() });
const ALL = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function on(rule: Partial<WindowRule> & Pick<WindowRule, 'timeZone' | 'start' | 'end'>, from: string, to: string) {
  return occurrencesBetween({ days: ALL, ...rule }, ms(from), ms(to)).map(iso);
}

describe('window occurrences', () => {
  it('starts a window inside the spring-forward gap at the first instant after the gap (New York, 02:30 → 03:00 EDT)', () => {
    expect(on({ timeZone: 'America/New_York', start: '02:30', end: '04:00' }, '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z')).toEqual([
      { start: '2026-03-08T07:00:00.000Z', end: '2026-03-08T08:00:00.000Z' },
    ]);
    // The day before and after keep their wall times.
    expect(on({ timeZone: 'America/New_York', start: '02:30', end: '04:00' }, '2026-03-07T00:00:00Z', '2026-03-08T00:00:00Z')).toEqual([
      { start: '2026-03-07T07:30:00.000Z', end: '2026-03-07T09:00:00.000Z' },
    ]);
    expect(on({ timeZone: 'America/New_York', start: '02:30', end: '04:00' }, '2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z')).toEqual([
      { start: '2026-03-09T06:30:00.000Z', end: '2026-03-09T08:00:00.000Z' },
    ]);
  });

  it('takes the first instant of an ambiguous fall-back time (New York, 01:30 EDT not EST)', () => {
    expect(on({ timeZone: 'America/New_York', start: '01:30', end: '03:00' }, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toEqual([
      { start: '2026-11-01T05:30:00.000Z', end: '2026-11-01T08:00:00.000Z' },
    ]);
    // An end in the repeated hour also takes its first instant.
    expect(on({ timeZone: 'America/New_York', start: '00:30', end: '01:45' }, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toEqual([
      { start: '2026-11-01T04:30:00.000Z', end: '2026-11-01T05:45:00.000Z' },
    ]);
  });

  it('moves an end in the gap after the gap, across midnight (Berlin, 22:00 → 02:30 becomes 03:00 CEST)', () => {
    expect(on({ timeZone: 'Europe/Berlin', start: '22:00', end: '02:30', days: ['sat'] }, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toEqual([
      { start: '2026-03-28T21:00:00.000Z', end: '2026-03-29T01:00:00.000Z' },
    ]);
  });

  it('has no occurrence when start and end both fall in the same gap (Berlin 02:15–02:45 on 29 March 2026)', () => {
    const rule = { timeZone: 'Europe/Berlin', start: '02:15', end: '02:45' };
    expect(on(rule, '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      { start: '2026-03-28T01:15:00.000Z', end: '2026-03-28T01:45:00.000Z' },
      { start: '2026-03-30T00:15:00.000Z', end: '2026-03-30T00:45:00.000Z' },
    ]);
  });

  it('handles Berlin fall-back: 02:30 on 25 October 2026 is 00:30Z (CEST), the first of the two', () => {
    expect(on({ timeZone: 'Europe/Berlin', start: '02:30', end: '05:00' }, '2026-10-25T00:00:00Z', '2026-10-26T00:00:00Z')).toEqual([
      { start: '2026-10-25T00:30:00.000Z', end: '2026-10-25T04:00:00.000Z' },
    ]);
  });

  it('handles Lord Howe’s 30-minute shift: 02:10 in the gap starts at 02:30 (+11), 01:45 in the overlap at +11', () => {
    expect(on({ timeZone: 'Australia/Lord_Howe', start: '02:10', end: '04:00' }, '2026-10-03T00:00:00Z', '2026-10-04T00:00:00Z')).toEqual([
      { start: '2026-10-03T15:30:00.000Z', end: '2026-10-03T17:00:00.000Z' },
    ]);
    expect(on({ timeZone: 'Australia/Lord_Howe', start: '01:45', end: '03:00' }, '2026-04-04T00:00:00Z', '2026-04-05T00:00:00Z')).toEqual([
      { start: '2026-04-04T14:45:00.000Z', end: '2026-04-04T16:30:00.000Z' },
    ]);
  });

  it('handles Chatham’s +12:45/+13:45: 03:00 in the gap starts at 03:45, 03:00 in the overlap takes +13:45', () => {
    expect(on({ timeZone: 'Pacific/Chatham', start: '03:00', end: '05:00' }, '2026-09-26T00:00:00Z', '2026-09-27T00:00:00Z')).toEqual([
      { start: '2026-09-26T14:00:00.000Z', end: '2026-09-26T15:15:00.000Z' },
    ]);
    expect(on({ timeZone: 'Pacific/Chatham', start: '03:00', end: '05:00' }, '2026-04-04T00:00:00Z', '2026-04-05T00:00:00Z')).toEqual([
      { start: '2026-04-04T13:15:00.000Z', end: '2026-04-04T16:15:00.000Z' },
    ]);
  });

  it('handles São Paulo’s historic midnight transitions (00:00 → 01:00, and 00:00 back to 23:00)', () => {
    expect(on({ timeZone: 'America/Sao_Paulo', start: '00:30', end: '02:00' }, '2018-11-04T00:00:00Z', '2018-11-05T00:00:00Z')).toEqual([
      { start: '2018-11-04T03:00:00.000Z', end: '2018-11-04T04:00:00.000Z' },
    ]);
    expect(on({ timeZone: 'America/Sao_Paulo', start: '23:30', end: '01:00', days: ['sat'] }, '2019-02-16T00:00:00Z', '2019-02-18T00:00:00Z')).toEqual([
      { start: '2019-02-17T01:30:00.000Z', end: '2019-02-17T04:00:00.000Z' },
    ]);
    // No daylight saving time since 2019: always -03:00.
    expect(on({ timeZone: 'America/Sao_Paulo', start: '00:30', end: '02:00' }, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toEqual([
      { start: '2026-11-01T03:30:00.000Z', end: '2026-11-01T05:00:00.000Z' },
    ]);
  });

  it('crosses midnight when the end is at or before the start (Kolkata 22:00–06:00, UTC 00:00–00:00)', () => {
    expect(on({ timeZone: 'Asia/Kolkata', start: '22:00', end: '06:00', days: ['mon'] }, '2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z')).toEqual([
      { start: '2026-06-01T16:30:00.000Z', end: '2026-06-02T00:30:00.000Z' },
    ]);
    expect(on({ timeZone: 'UTC', start: '00:00', end: '00:00', days: ['tue'] }, '2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z')).toEqual([
      { start: '2026-06-02T00:00:00.000Z', end: '2026-06-03T00:00:00.000Z' },
    ]);
  });

  it('uses the start day for the days of the week, and excludes single dates and ranges by their start date', () => {
    const rule: WindowRule = {
      timeZone: 'Europe/Berlin',
      days: ['mon', 'wed', 'fri'],
      start: '23:00',
      end: '01:00',
      exclusions: [{ from: '2026-06-03' }, { from: '2026-06-08', to: '2026-06-12' }],
    };
    expect(occurrencesBetween(rule, ms('2026-06-01T00:00:00Z'), ms('2026-06-16T00:00:00Z')).map(iso)).toEqual([
      { start: '2026-06-01T21:00:00.000Z', end: '2026-06-01T23:00:00.000Z' },
      { start: '2026-06-05T21:00:00.000Z', end: '2026-06-05T23:00:00.000Z' },
      { start: '2026-06-15T21:00:00.000Z', end: '2026-06-15T23:00:00.000Z' },
    ]);
  });

  it('lists occurrences that start in [from, to) only, so an open one that started before from is left out', () => {
    const rule: WindowRule = { timeZone: 'UTC', days: ALL, start: '22:00', end: '02:00' };
    expect(occurrencesBetween(rule, ms('2026-06-02T01:00:00Z'), ms('2026-06-02T22:00:00Z'))).toEqual([]);
    expect(occurrencesBetween(rule, ms('2026-06-02T01:00:00Z'), ms('2026-06-02T22:00:01Z'))).toHaveLength(1);
  });

  it('finds the occurrence open at an instant, and the next one', () => {
    const rule: WindowRule = { timeZone: 'America/New_York', days: ['sat', 'sun'], start: '22:00', end: '04:00' };
    expect(iso(occurrenceAt(rule, ms('2026-06-07T05:00:00Z'))!)).toEqual({ start: '2026-06-07T02:00:00.000Z', end: '2026-06-07T08:00:00.000Z' });
    expect(occurrenceAt(rule, ms('2026-06-07T08:00:00Z'))).toBeNull();
    expect(iso(nextOccurrence(rule, ms('2026-06-07T08:00:00Z'))!)).toEqual({ start: '2026-06-08T02:00:00.000Z', end: '2026-06-08T08:00:00.000Z' });
    expect(iso(nextOccurrence(rule, ms('2026-06-08T02:00:00Z'))!).start).toBe('2026-06-08T02:00:00.000Z');
  });

  it('finds the next occurrence past long exclusions', () => {
    const rule: WindowRule = { timeZone: 'UTC', days: ['mon'], start: '01:00', end: '02:00', exclusions: [{ from: '2026-01-01', to: '2026-12-31', label: 'sabbatical' }] };
    expect(iso(nextOccurrence(rule, ms('2026-03-01T00:00:00Z'))!).start).toBe('2027-01-04T01:00:00.000Z');
  });

  it('counts frequency periods in the window’s zone: day, ISO week (Monday first), calendar month', () => {
    const w = new CompiledWindow({ timeZone: 'Pacific/Chatham', days: ALL, start: '01:00', end: '02:00' });
    // 2026-06-07T12:00Z is Monday 00:45 in Chatham (+12:45), but still Sunday in UTC.
    const mondayInChatham = ms('2026-06-07T12:00:00Z');
    const sundayInChatham = ms('2026-06-07T11:00:00Z');
    expect(w.period('daily', mondayInChatham)).not.toBe(w.period('daily', sundayInChatham));
    expect(w.period('weekly', mondayInChatham)).not.toBe(w.period('weekly', sundayInChatham));
    expect(w.period('weekly', mondayInChatham)).toBe(w.period('weekly', ms('2026-06-14T10:00:00Z')));
    expect(w.period('monthly', ms('2026-05-31T11:30:00Z'))).not.toBe(w.period('monthly', ms('2026-05-31T10:00:00Z')));
  });

  it('accepts every zone Intl accepts, aliases and UTC included, and nothing else', () => {
    for (const zone of ['UTC', 'Asia/Kolkata', 'Asia/Calcutta', 'Etc/GMT+5', 'America/Sao_Paulo']) expect(isValidTimeZone(zone)).toBe(true);
    for (const zone of ['Mars/Base', '', ' UTC', 'Europe/Berlin ']) expect(isValidTimeZone(zone)).toBe(false);
  });
});
