// What happens at a window opening: every due computer whose effective window it is gets one
// session (idempotency key window + occurrence start + computer), and an opening the console
// missed is recorded once as missed — never replayed outside its occurrence.
import type { CompiledWindow, FrequencyName, Occurrence } from '../../../shared/engine/window-occurrences.js';
import type { AutomatedMaintenanceSettings } from '../../../shared/model/settings.js';
import type { MaintenanceWindow } from '../../../shared/model/window.js';
import type { Logger } from '../ports.js';
import type { MaintenanceService, NewSession } from '../sessions/maintenance-service.js';
import type { SessionRecord, SessionsRepo } from '../store/sessions-repo.js';
import type { AutomatedHistory } from './automated-history.js';
import type { EffectiveWindows } from './effective-windows.js';
import type { OpeningsJournal } from './openings-journal.js';
import type { BookEntry } from './window-book.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** How far back a returning console looks for openings it missed (a monthly window's period). */
export const MISSED_LOOKBACK_MS = 35 * 86_400_000;

export interface OpeningDeps {
  assignments: EffectiveWindows;
  history: AutomatedHistory;
  journal: OpeningsJournal;
  sessions: Pick<SessionsRepo, 'get'>;
  maintenance: Pick<MaintenanceService, 'createMany' | 'createSkipped'>;
  settings: () => AutomatedMaintenanceSettings;
  /** Whether this console may queue the computer (another console may hold its agent). */
  ownsComputer: (computerId: string) => boolean;
  /** Failed automated sessions of an occurrence this process has not seen fail (after a restart). */
  onFailedFound: (sessions: SessionRecord[]) => void;
  logger: Logger;
}

export class OpeningHandler {
  /** Computers that already have a session per open occurrence ("windowId|start"). */
  private readonly served = new Map<string, { end: number; computers: Set<string> }>();

  constructor(private readonly deps: OpeningDeps) {}

  /**
   * Brings one window up to date at `now`: openings since the last one handled that have ended are
   * recorded as missed (the latest with a skipped session per due computer), and the open one, if
   * any, is served. `notBefore` is the earliest opening that may count as missed.
   */
  catchUp(entry: BookEntry, now: number, notBefore: number, cause: string): void {
    const { window, compiled } = entry;
    const last = this.deps.journal.lastHandled(window.id);
    const since = Math.max(last ?? -Infinity, notBefore, Date.parse(window.createdAt), now - MISSED_LOOKBACK_MS);
    let latestMissed: Occurrence | null = null;
    for (const o of compiled.between(since + 1, now + 1)) {
      if (o.end <= now && this.deps.journal.record(window.id, o, 'missed', cause, now)) latestMissed = o;
    }
    if (latestMissed) this.recordMissed(entry, latestMissed);
    const open = compiled.at(now);
    if (open) this.serve(entry, open, now, cause);
  }

  /** Queues a session for every due computer (or just `only`) of an open occurrence. */
  serve(entry: BookEntry, occurrence: Occurrence, now: number, cause: string, only?: string): number {
    const { window, compiled } = entry;
    const handledBefore = (this.deps.journal.lastHandled(window.id) ?? -Infinity) >= occurrence.start;
    if (!handledBefore) this.deps.journal.record(window.id, occurrence, 'served', cause, now);
    const settings = this.deps.settings();
    const start = iso(occurrence.start);
    const served = this.servedFor(window.id, occurrence, handledBefore);
    const frequency = window.frequency ?? settings.frequency;
    const specs: NewSession[] = [];
    for (const computerId of only === undefined ? this.deps.assignments.computersOf(window.id) : [only]) {
      if (served.has(computerId) || !this.deps.ownsComputer(computerId) || !this.isDue(computerId, compiled, frequency, occurrence.start)) continue;
      served.add(computerId);
      specs.push(this.spec(window, occurrence, computerId, settings));
    }
    if (specs.length === 0) return 0;
    const queued = this.deps.maintenance.createMany(specs).length;
    if (only === undefined) this.deps.logger.info('window opened: sessions queued', { windowId: window.id, occurrenceStart: start, queued, cause });
    return queued;
  }

  /** True when the computer has had no successful automated session in the occurrence's period. */
  isDue(computerId: string, compiled: CompiledWindow, frequency: FrequencyName, occurrenceStart: number): boolean {
    const last = this.deps.history.lastSuccessOf(computerId);
    return last === undefined || compiled.period(frequency, last) !== compiled.period(frequency, occurrenceStart);
  }

  /** Forgets what it knows of occurrences that have ended. */
  forgetEnded(now: number): void {
    for (const [key, s] of this.served) if (s.end <= now) this.served.delete(key);
  }

  private recordMissed(entry: BookEntry, occurrence: Occurrence): void {
    const { window, compiled } = entry;
    const settings = this.deps.settings();
    const frequency = window.frequency ?? settings.frequency;
    const specs = this.deps.assignments
      .computersOf(window.id)
      .filter((c) => this.deps.ownsComputer(c) && this.isDue(c, compiled, frequency, occurrence.start))
      .map((c) => this.spec(window, occurrence, c, settings));
    const detail = `the console was not running while window ${window.name} was open, ${iso(occurrence.start)} to ${iso(occurrence.end)}`;
    const recorded = specs.length > 0 ? this.deps.maintenance.createSkipped(specs, 'console-not-running', detail) : 0;
    this.deps.logger.warn('missed a window opening', { windowId: window.id, occurrenceStart: iso(occurrence.start), skipped: recorded });
  }

  private spec(window: MaintenanceWindow, occurrence: Occurrence, computerId: string, settings: AutomatedMaintenanceSettings): NewSession {
    const start = iso(occurrence.start);
    return {
      computerId,
      trigger: 'scheduled',
      priority: 'normal',
      deploymentIds: null,
      deadline: iso(occurrence.end),
      idempotencyKey: `${window.id}|${start}|${computerId}`,
      windowId: window.id,
      occurrenceStart: start,
      notify: settings.notify,
    };
  }

  private servedFor(windowId: string, occurrence: Occurrence, handledBefore: boolean): Set<string> {
    const key = `${windowId}|${iso(occurrence.start)}`;
    let entry = this.served.get(key);
    if (!entry) {
      // An opening handled before (by an earlier process, or before a re-plan) may have sessions,
      // and failed attempts still owed a retry; a new one has none, so the store is not asked.
      const attempts = handledBefore ? this.deps.history.sessionsOf(windowId, iso(occurrence.start)) : [];
      entry = { end: occurrence.end, computers: new Set(attempts.map((a) => a.computerId)) };
      this.served.set(key, entry);
      const latest = new Map(attempts.filter((a) => a.automated).map((a) => [a.computerId, a]));
      const failed = [...latest.values()]
        .filter((a) => a.status === 'failed')
        .map((a) => this.deps.sessions.get(a.id))
        .filter((s): s is SessionRecord => s !== undefined);
      if (failed.length > 0) this.deps.onFailedFound(failed);
    }
    return entry.computers;
  }
}
