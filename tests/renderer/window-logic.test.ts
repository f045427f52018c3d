// The Windows screens' pure logic: the editor's form model, window descriptions, the planner's
// week and month ranges in the technician's zone, blocks cut at midnight and laid in lanes, load cells.
import { describe, expect, it } from 'vitest';
import { layoutDays, loadGrid, plannerRange, shiftAnchor } from '../../renderer/src/logic/planner.js';
import { crossesMidnight, daysSummary, describeWindow, draftPreview, emptyDraft, toInput } from '../../renderer/src/logic/window-draft.js';

const ms = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

describe('window editor logic', () => {
  it('turns the form into API input, dropping empty optional exclusion fields and ordering days', () => {
    const draft = { ...emptyDraft('Europe/Berlin'), name: 'Nights', days: ['fri', 'mon'] as ('mon' | 'fri')[], exclusions: [{ from: '2026-12-24', to: '', label: ' ' }, { from: '2026-12-31', to: '2027-01-01', label: 'New Year' }] };
    expect(toInput(draft)).toEqual({
      name: 'Nights',
      days: ['mon', 'fri'],
      start: '22:00',
      end: '04:00',
      timeZone: 'Europe/Berlin',
      exclusions: [{ from: '2026-12-24' }, { from: '2026-12-31', to: '2027-01-01', label: 'New Year' }],
      frequency: null,
    });
  });

  it('describes windows in a line and knows when they cross midnight', () => {
    expect(daysSummary(['mon', 'tue', 'wed', 'thu', 'fri'])).toBe('Mon–Fri');
    expect(daysSummary(['sat', 'sun'])).toBe('Sat, Sun');
    expect(describeWindow({ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '22:00', end: '04:00', timeZone: 'UTC' })).toBe('Every day · 22:00–04:00 next day · UTC');
    expect(crossesMidnight('01:00', '05:00')).toBe(false);
    expect(crossesMidnight('00:00', '00:00')).toBe(true);
  });

  it('previews the next occurrences as the technician types, and nothing while the zone is not valid', () => {
    const draft = { ...emptyDraft('America/New_York'), days: ['sun'] as 'sun'[], start: '02:30', end: '04:00' };
    expect(draftPreview(draft, ms('2026-03-07T00:00:00Z'), 2)).toEqual([
      { start: ms('2026-03-08T07:00:00Z'), end: ms('2026-03-08T08:00:00Z') },
      { start: ms('2026-03-15T06:30:00Z'), end: ms('2026-03-15T08:00:00Z') },
    ]);
    expect(draftPreview({ ...draft, timeZone: 'Nowhere/Land' }, 0, 2)).toBeNull();
  });
});

describe('planner layout', () => {
  it('shows the Monday-to-Sunday week, and whole weeks covering a month, in the technician’s zone', () => {
    const week = plannerRange('week', ms('2026-03-11T12:00:00Z'), 'Europe/Berlin');
    expect(week.days).toHaveLength(7);
    expect(new Date(week.from).toISOString()).toBe('2026-03-08T23:00:00.000Z'); // Monday 9 March, 00:00 CET
    const month = plannerRange('month', ms('2026-03-11T12:00:00Z'), 'Europe/Berlin');
    expect(month.month).toEqual({ year: 2026, month: 3 });
    expect(month.days.length % 7).toBe(0);
    expect(new Date(month.from).toISOString()).toBe('2026-02-22T23:00:00.000Z'); // Monday 23 Feb
    // 29 March is in the last row; the month ends on a Tuesday, so the grid runs to Sunday 5 April.
    expect(new Date(month.to).toISOString()).toBe('2026-04-05T22:00:00.000Z');
    expect(new Date(shiftAnchor('month', ms('2026-01-31T12:00:00Z'), 'UTC', 1)).toISOString().slice(0, 7)).toBe('2026-02');
  });

  it('cuts an occurrence at local midnight and puts overlapping ones side by side', () => {
    const zone = 'UTC';
    const day = Math.floor(ms('2026-06-01T00:00:00Z') / DAY);
    const blocks = layoutDays(
      [
        { windowId: 'a', start: ms('2026-06-01T22:00:00Z'), end: ms('2026-06-02T04:00:00Z'), computers: 1 },
        { windowId: 'b', start: ms('2026-06-01T23:00:00Z'), end: ms('2026-06-02T01:00:00Z'), computers: 1 },
        { windowId: 'c', start: ms('2026-06-01T02:00:00Z'), end: ms('2026-06-01T03:00:00Z'), computers: 1 },
      ],
      [day, day + 1],
      zone,
    );
    const first = blocks.get(day)!;
    expect(first.map((b) => [b.occurrence.windowId, b.top, b.lane, b.lanes, b.continues])).toEqual([
      ['c', 2 / 24, 0, 1, false],
      ['a', 22 / 24, 0, 2, true],
      ['b', 23 / 24, 1, 2, true],
    ]);
    const second = blocks.get(day + 1)!;
    expect(second.map((b) => [b.occurrence.windowId, b.top, b.height, b.continued])).toEqual([
      ['a', 0, 4 / 24, true],
      ['b', 0, 1 / 24, true],
    ]);
  });

  it('puts load into the technician’s local hours (Kolkata: half-hour offset)', () => {
    const cells = loadGrid([{ start: ms('2026-06-01T20:30:00Z'), starting: 30, overloaded: true }], 'Asia/Kolkata');
    const day = Math.floor(ms('2026-06-02T00:00:00Z') / DAY);
    expect(cells.get(`${day}:2`)).toMatchObject({ starting: 30, overloaded: true });
  });
});
