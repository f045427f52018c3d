// The planner's calendar layout in the technician's zone: the days of a week or a month, each
// occurrence cut into per-day blocks placed by wall-clock time (lanes side by side where they
// overlap), and the hourly load as a day × hour grid. Pure.
import { DAY_MS, HOUR_MS, civilFromDays, weekdayOf } from '../../../shared/engine/civil-dates.js';
import type { LoadHour, PlannerOccurrence } from '../../../shared/engine/planner-grid.js';
import { zoneOffsets } from '../../../shared/engine/zone-offsets.js';

export type PlannerMode = 'week' | 'month';

export interface PlannerRange {
  from: number;
  to: number;
  /** Local day numbers shown, in order (7 for a week; whole weeks for a month). */
  days: number[];
  /** For a month: the month's own days (others are shown dimmed). */
  month: { year: number; month: number } | null;
}

/** The Monday-to-Sunday week (or the weeks covering the month) around `anchor`, in `zone`. */
export function plannerRange(mode: PlannerMode, anchor: number, zone: string): PlannerRange {
  const z = zoneOffsets(zone);
  const today = z.dayAt(anchor);
  const monday = (day: number) => day - ((weekdayOf(day) + 6) % 7);
  let first: number;
  let count: number;
  let month: PlannerRange['month'] = null;
  if (mode === 'week') {
    first = monday(today);
    count = 7;
  } else {
    const { year, month: m, day } = civilFromDays(today);
    month = { year, month: m };
    const firstOfMonth = today - (day - 1);
    let last = firstOfMonth;
    while (civilFromDays(last + 1).month === m) last++;
    first = monday(firstOfMonth);
    count = Math.ceil((last - first + 1) / 7) * 7;
  }
  const days = Array.from({ length: count }, (_, i) => first + i);
  return { from: z.wallToInstant(first * DAY_MS), to: z.wallToInstant((first + count) * DAY_MS), days, month };
}

/** Moves the anchor a week or a month. */
export function shiftAnchor(mode: PlannerMode, anchor: number, zone: string, steps: number): number {
  if (mode === 'week') return anchor + steps * 7 * DAY_MS;
  const z = zoneOffsets(zone);
  const { year, month } = civilFromDays(z.dayAt(anchor));
  const target = new Date(Date.UTC(year, month - 1 + steps, 15));
  return z.wallToInstant(target.getTime() + 12 * HOUR_MS);
}

export interface DayBlock {
  occurrence: PlannerOccurrence;
  /** Fractions of the day (0 = midnight, 1 = the next midnight), by wall-clock time. */
  top: number;
  height: number;
  lane: number;
  lanes: number;
  /** The occurrence started the day before / goes on the next day. */
  continued: boolean;
  continues: boolean;
}

/** Each day's blocks, occurrences cut at local midnight, overlapping ones in side-by-side lanes. */
export function layoutDays(occurrences: readonly PlannerOccurrence[], days: readonly number[], zone: string): Map<number, DayBlock[]> {
  const z = zoneOffsets(zone);
  const out = new Map<number, DayBlock[]>(days.map((d) => [d, []]));
  for (const o of occurrences) {
    const startWall = z.wallAt(o.start);
    const endWall = z.wallAt(o.end);
    for (let day = Math.floor(startWall / DAY_MS); day * DAY_MS < endWall; day++) {
      const list = out.get(day);
      if (!list) continue;
      const from = Math.max(startWall, day * DAY_MS);
      const to = Math.min(endWall, (day + 1) * DAY_MS);
      list.push({ occurrence: o, top: (from - day * DAY_MS) / DAY_MS, height: Math.max(to - from, 0) / DAY_MS, lane: 0, lanes: 1, continued: from > startWall, continues: to < endWall });
    }
  }
  for (const list of out.values()) assignLanes(list);
  return out;
}

function assignLanes(blocks: DayBlock[]): void {
  blocks.sort((a, b) => a.top - b.top || b.height - a.height);
  let cluster: DayBlock[] = [];
  let clusterEnd = -1;
  const close = () => {
    const lanes = Math.max(1, ...cluster.map((b) => b.lane + 1));
    for (const b of cluster) b.lanes = lanes;
    cluster = [];
  };
  for (const block of blocks) {
    if (block.top >= clusterEnd) {
      close();
      clusterEnd = -1;
    }
    const used = new Set(cluster.filter((b) => b.top + b.height > block.top).map((b) => b.lane));
    let lane = 0;
    while (used.has(lane)) lane++;
    block.lane = lane;
    cluster.push(block);
    clusterEnd = Math.max(clusterEnd, block.top + block.height);
  }
  close();
}

export interface LoadCell {
  starting: number;
  overloaded: boolean;
  start: number;
}

/** The load as `${day}:${hour}` → cell, by the technician's wall-clock hour. */
export function loadGrid(load: readonly LoadHour[], zone: string): Map<string, LoadCell> {
  const z = zoneOffsets(zone);
  const out = new Map<string, LoadCell>();
  for (const h of load) {
    const wall = z.wallAt(h.start);
    const key = `${Math.floor(wall / DAY_MS)}:${Math.floor((wall % DAY_MS) / HOUR_MS)}`;
    const cell = out.get(key);
    if (cell) {
      cell.starting += h.starting;
      cell.overloaded ||= h.overloaded;
    } else out.set(key, { starting: h.starting, overloaded: h.overloaded, start: h.start });
  }
  return out;
}

const PALETTE = ['#2f5bd3', '#1b7f3b', '#a15c00', '#8e24aa', '#00838f', '#c62828', '#5d4037', '#3949ab', '#6d8b00', '#d81b60'];

/** A stable colour per window. */
export function windowColour(windowId: string): string {
  let h = 0;
  for (let i = 0; i < windowId.length; i++) h = (h * 31 + windowId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}
