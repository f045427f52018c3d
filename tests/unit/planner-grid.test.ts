// The planner's data, shared by the renderer and bench:scheduler: which window applies to which
// computer, how many computers start per hour against the limit, and overlapping windows that
// apply to the same computers.
import { describe, expect, it } from 'vitest';
import { plannerGrid } from '../../shared/engine/planner-grid.js';
import { resolveAssignments } from '../../shared/engine/window-assignment.js';

const ALL = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const ms = (iso: string) => Date.parse(iso);

describe('planner grid', () => {
  const tenants = [{ id: 't1', windowId: 'nights' }, { id: 't2', windowId: null }];
  const computers = [
    { id: 'a', tenantId: 't1' },
    { id: 'b', tenantId: 't1' },
    { id: 'c', tenantId: 't1' },
    { id: 'd', tenantId: 't2' },
    { id: 'e', tenantId: 't2' },
  ];
  const groups = [
    { id: 'g0', tenantId: 't1', computerIds: ['a', 'b'], windowId: null, order: 0 },
    { id: 'g1', tenantId: 't1', computerIds: ['a'], windowId: 'servers', order: 1 },
    { id: 'g2', tenantId: 't1', computerIds: ['a', 'b', 'd'], windowId: 'late', order: 2 },
  ];

  it('assigns the first group in order that has a window, else the tenant window, else none; ignores members of other tenants', () => {
    const a = resolveAssignments({ tenants, groups, computers });
    expect(Object.fromEntries([...a.byComputer].map(([id, c]) => [id, c.windowId]))).toEqual({ a: 'servers', b: 'late', c: 'nights', d: null, e: null });
    expect(a.counts).toEqual(new Map([['servers', 1], ['late', 1], ['nights', 1]]));
    expect(a.shared.sort((x, y) => (x.a + x.b).localeCompare(y.a + y.b))).toEqual([
      { a: 'late', b: 'nights', computers: 2 },
      { a: 'late', b: 'servers', computers: 1 },
      { a: 'nights', b: 'servers', computers: 1 },
    ]);
  });

  it('counts computers starting per hour of the technician’s zone, marks hours over the limit, and warns about overlaps', () => {
    const windows = [
      { id: 'nights', name: 'Nights', days: ALL, start: '22:00', end: '02:00', timeZone: 'Europe/Berlin' },
      { id: 'late', name: 'Late', days: ALL, start: '23:30', end: '01:00', timeZone: 'Europe/Berlin' },
      { id: 'servers', name: 'Servers', days: ['sun'] as const, start: '06:00', end: '07:00', timeZone: 'Europe/Berlin' },
    ];
    const grid = plannerGrid({
      windows,
      computers: new Map([['nights', 25], ['late', 3], ['servers', 1]]),
      shared: [{ a: 'late', b: 'nights', computers: 2 }],
      from: ms('2026-06-01T00:00:00Z'),
      to: ms('2026-06-02T00:00:00Z'),
      timeZone: 'Europe/London',
      limit: 20,
    });
    expect(grid.occurrences.map((o) => [o.windowId, new Date(o.start).toISOString()])).toEqual([
      ['nights', '2026-06-01T20:00:00.000Z'],
      ['late', '2026-06-01T21:30:00.000Z'],
    ]);
    // London hours 21:00 (25 computers, over 20) and 22:00 (3).
    expect(grid.load).toEqual([
      { start: ms('2026-06-01T20:00:00Z'), starting: 25, overloaded: true },
      { start: ms('2026-06-01T21:00:00Z'), starting: 3, overloaded: false },
    ]);
    expect(grid.overlaps).toEqual([{ a: 'late', b: 'nights', start: ms('2026-06-01T21:30:00Z'), end: ms('2026-06-01T23:00:00Z'), computers: 2 }]);
  });
});
