// The window editor's form model, its conversion to the API's input, and one-line descriptions
// of windows for lists and the planner. Pure.
import type { ApiInput } from '../../../shared/api/contract.js';
import { parseLocalTime } from '../../../shared/engine/civil-dates.js';
import { compileWindow } from '../../../shared/engine/window-occurrences.js';
import type { Frequency } from '../../../shared/model/settings.js';
import { WEEKDAYS, type MaintenanceWindow, type Weekday } from '../../../shared/model/window.js';

export interface ExclusionDraft {
  from: string;
  to: string;
  label: string;
}

export interface WindowDraft {
  name: string;
  days: Weekday[];
  start: string;
  end: string;
  timeZone: string;
  exclusions: ExclusionDraft[];
  frequency: Frequency | null;
}

export const DAY_LABELS: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

export function emptyDraft(timeZone: string): WindowDraft {
  return { name: '', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '22:00', end: '04:00', timeZone, exclusions: [], frequency: null };
}

export function draftOf(w: MaintenanceWindow): WindowDraft {
  return {
    name: w.name,
    days: [...w.days],
    start: w.start,
    end: w.end,
    timeZone: w.timeZone,
    exclusions: w.exclusions.map((e) => ({ from: e.from, to: e.to ?? '', label: e.label ?? '' })),
    frequency: w.frequency,
  };
}

export function toInput(d: WindowDraft): ApiInput<'windows.create'> {
  return {
    name: d.name,
    days: WEEKDAYS.filter((day) => d.days.includes(day)),
    start: d.start.trim(),
    end: d.end.trim(),
    timeZone: d.timeZone.trim(),
    exclusions: d.exclusions.map((e) => ({ from: e.from.trim(), ...(e.to.trim() ? { to: e.to.trim() } : {}), ...(e.label.trim() ? { label: e.label.trim() } : {}) })),
    frequency: d.frequency,
  };
}

export function crossesMidnight(start: string, end: string): boolean {
  const s = parseLocalTime(start);
  const e = parseLocalTime(end);
  return s !== null && e !== null && e <= s;
}

/** "Mon–Fri", "Every day", "Sat, Sun", "Mon, Wed, Fri". */
export function daysSummary(days: readonly Weekday[]): string {
  if (days.length === 7) return 'Every day';
  const indexes = WEEKDAYS.map((d, i) => (days.includes(d) ? i : -1)).filter((i) => i >= 0);
  const consecutive = indexes.length >= 3 && indexes.every((v, i) => i === 0 || v === indexes[i - 1]! + 1);
  if (consecutive) return `${DAY_LABELS[WEEKDAYS[indexes[0]!]!]}–${DAY_LABELS[WEEKDAYS[indexes.at(-1)!]!]}`;
  return indexes.map((i) => DAY_LABELS[WEEKDAYS[i]!]).join(', ');
}

/** "Mon–Fri · 22:00–04:00 next day · Europe/Berlin". */
export function describeWindow(w: Pick<MaintenanceWindow, 'days' | 'start' | 'end' | 'timeZone'>): string {
  return `${daysSummary(w.days)} · ${w.start}–${w.end}${crossesMidnight(w.start, w.end) ? ' next day' : ''} · ${w.timeZone}`;
}

/** The next occurrences of a draft (or null while it is not valid enough to compute). */
export function draftPreview(d: WindowDraft, from: number, count: number): { start: number; end: number }[] | null {
  try {
    const input = toInput(d);
    if (input.days.length === 0) return null;
    const compiled = compileWindow({ ...input, exclusions: (input.exclusions ?? []).filter((e) => /^\d{4}-\d{2}-\d{2}$/.test(e.from) && (!e.to || /^\d{4}-\d{2}-\d{2}$/.test(e.to))) });
    const out: { start: number; end: number }[] = [];
    for (let o = compiled.next(from); o && out.length < count; o = compiled.next(o.start + 1)) out.push(o);
    return out;
  } catch {
    return null;
  }
}
