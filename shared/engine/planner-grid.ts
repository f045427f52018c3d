// The Windows planner's data: every occurrence in a range, the load (computers whose windows open)
// per hour of the technician's zone with the hours the concurrency limit cannot serve at once, and
// where two windows that apply to the same computers overlap in time. Pure and fast enough for
// thousands of windows, so the renderer computes it from its replica.
import { HOUR_MS } from './civil-dates.js';
import { compileWindow, type WindowRule } from './window-occurrences.js';
import { zoneOffsets } from './zone-offsets.js';

export interface PlannerWindow extends WindowRule {
  id: string;
  name: string;
}

export interface PlannerInput {
  windows: readonly PlannerWindow[];
  /** Computers whose effective window each window is. */
  computers: ReadonlyMap<string, number>;
  /** Pairs of windows that apply to the same computers. */
  shared: readonly { a: string; b: string; computers: number }[];
  from: number;
  to: number;
  /** The technician's time zone: load is counted per hour of it. */
  timeZone: string;
  /** Maximum concurrent sessions. */
  limit: number;
}

export interface PlannerOccurrence {
  windowId: string;
  start: number;
  end: number;
  computers: number;
}

export interface LoadHour {
  /** The instant the technician's local hour starts. */
  start: number;
  /** Computers whose windows open in this hour. */
  starting: number;
  /** More computers start than may run at once. */
  overloaded: boolean;
}

export interface OverlapWarning {
  a: string;
  b: string;
  start: number;
  end: number;
  /** Computers both windows apply to. */
  computers: number;
}

export interface PlannerGrid {
  occurrences: PlannerOccurrence[];
  /** Hours in which at least one window opens, in order. */
  load: LoadHour[];
  overlaps: OverlapWarning[];
}

const MAX_OVERLAPS_PER_PAIR = 50;

export function plannerGrid(input: PlannerInput): PlannerGrid {
  const zone = zoneOffsets(input.timeZone);
  const byWindow = new Map<string, PlannerOccurrence[]>();
  const occurrences: PlannerOccurrence[] = [];
  const loadByHour = new Map<number, number>();
  for (const w of input.windows) {
    const computers = input.computers.get(w.id) ?? 0;
    const list = compileWindow(w)
      .between(input.from, input.to)
      .map((o) => ({ windowId: w.id, start: o.start, end: o.end, computers }));
    byWindow.set(w.id, list);
    for (const o of list) {
      occurrences.push(o);
      if (computers === 0) continue;
      const wall = zone.wallAt(o.start);
      const hourStart = zone.wallToInstant(wall - (wall % HOUR_MS + HOUR_MS) % HOUR_MS);
      loadByHour.set(hourStart, (loadByHour.get(hourStart) ?? 0) + computers);
    }
  }
  occurrences.sort((a, b) => a.start - b.start || (a.windowId < b.windowId ? -1 : 1));
  const load = [...loadByHour]
    .sort((a, b) => a[0] - b[0])
    .map(([start, starting]) => ({ start, starting, overloaded: starting > input.limit }));
  const overlaps: OverlapWarning[] = [];
  for (const pair of input.shared) {
    const a = byWindow.get(pair.a) ?? [];
    const b = byWindow.get(pair.b) ?? [];
    let found = 0;
    for (let i = 0, j = 0; i < a.length && j < b.length && found < MAX_OVERLAPS_PER_PAIR; ) {
      const start = Math.max(a[i]!.start, b[j]!.start);
      const end = Math.min(a[i]!.end, b[j]!.end);
      if (start < end) {
        overlaps.push({ a: pair.a, b: pair.b, start, end, computers: pair.computers });
        found++;
      }
      if (a[i]!.end < b[j]!.end) i++;
      else j++;
    }
  }
  overlaps.sort((x, y) => x.start - y.start);
  return { occurrences, load, overlaps };
}
