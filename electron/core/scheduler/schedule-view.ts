// Read-only answers about the schedule: a computer's effective window and next automated run, the
// next openings, and which computers are due right now.
import type { UpcomingOpening } from '../../../shared/api/maintenance.js';
import type { Occurrence } from '../../../shared/engine/window-occurrences.js';
import type { EffectiveWindow } from '../../../shared/model/effective-window.js';
import type { AutomatedMaintenanceSettings } from '../../../shared/model/settings.js';
import type { Clock } from '../ports.js';
import type { EffectiveWindows } from './effective-windows.js';
import type { OpeningHandler } from './opening-handler.js';
import type { WindowBook } from './window-book.js';

const span = (o: Occurrence) => ({ start: new Date(o.start).toISOString(), end: new Date(o.end).toISOString() });
const PERIOD_NAME = { daily: 'day', weekly: 'week', monthly: 'month' } as const;

export interface DueComputer {
  computerId: string;
  windowId: string;
  occurrence: Occurrence;
}

export class ScheduleView {
  constructor(
    private readonly deps: {
      clock: Clock;
      book: WindowBook;
      assignments: EffectiveWindows;
      openings: OpeningHandler;
      settings: () => AutomatedMaintenanceSettings;
      ownsComputer: (computerId: string) => boolean;
    },
  ) {}

  effectiveWindow(computerId: string): EffectiveWindow {
    const settings = this.deps.settings();
    const a = this.deps.assignments.of(computerId);
    const base = { computerId, windowId: a.windowId, source: a.source, overriddenGroups: a.overridden, ...(a.groupId ? { groupId: a.groupId } : {}) };
    const entry = a.windowId ? this.deps.book.get(a.windowId) : undefined;
    if (!entry) {
      return { ...base, windowId: null, source: 'none', automated: { enabled: settings.enabled, frequency: settings.frequency, nextRun: null, note: 'No maintenance window applies to this computer, so it gets no automated maintenance' } };
    }
    const now = this.deps.clock.now();
    const frequency = entry.window.frequency ?? settings.frequency;
    const first = entry.compiled.at(now) ?? entry.compiled.next(now);
    const automated = { enabled: settings.enabled, frequency, nextRun: null as ReturnType<typeof span> | null, note: null as string | null };
    if (!settings.enabled) automated.note = 'Automated maintenance is switched off';
    else if (!this.deps.ownsComputer(computerId)) automated.note = 'Another console holds this computer’s agent and runs its maintenance';
    else if (!first) automated.note = 'The window has no occurrence in the next two years';
    else {
      let o: Occurrence | null = first;
      for (let i = 0; o && i < 400 && !this.deps.openings.isDue(computerId, entry.compiled, frequency, o.start); i++) o = entry.compiled.next(o.start + 1);
      automated.nextRun = o ? span(o) : null;
      if (o !== first) automated.note = `Already maintained this ${PERIOD_NAME[frequency]}: the next run is in a later occurrence`;
    }
    return { ...base, ...(first ? { nextOccurrence: span(first) } : {}), automated };
  }

  /** The next (or open) occurrence of every window that applies to at least one computer, soonest first. */
  upcoming(limit: number): UpcomingOpening[] {
    const now = this.deps.clock.now();
    const counts = this.deps.assignments.counts();
    const out: UpcomingOpening[] = [];
    for (const { window, compiled } of this.deps.book.all()) {
      const computers = counts.get(window.id) ?? 0;
      const o = computers > 0 ? (compiled.at(now) ?? compiled.next(now)) : null;
      if (o) out.push({ windowId: window.id, windowName: window.name, timeZone: window.timeZone, ...span(o), computers });
    }
    return out.sort((a, b) => a.start.localeCompare(b.start)).slice(0, limit);
  }

  /** Every computer that is due now: its window is open, it may be queued here, its period is not served. */
  dueNow(now = this.deps.clock.now()): DueComputer[] {
    const settings = this.deps.settings();
    const out: DueComputer[] = [];
    for (const { window, compiled } of this.deps.book.all()) {
      const occurrence = compiled.at(now);
      if (!occurrence) continue;
      const frequency = window.frequency ?? settings.frequency;
      for (const computerId of this.deps.assignments.computersOf(window.id)) {
        if (this.deps.ownsComputer(computerId) && this.deps.openings.isDue(computerId, compiled, frequency, occurrence.start)) out.push({ computerId, windowId: window.id, occurrence });
      }
    }
    return out;
  }
}
