// The scheduler of automated maintenance: one timer per window opening (windows that open at the
// same instant share it) at the instant the occurrence engine computes, re-armed after every configuration change, wake from sleep and clock jump; at an
// opening (or on catching up) it hands the window to the OpeningHandler. Off until switched on.
import { isTerminal } from '../../../shared/model/session.js';
import type { Settings } from '../../../shared/model/settings.js';
import type { EventBus } from '../event-bus.js';
import type { Clock, Logger } from '../ports.js';
import type { MaintenanceService } from '../sessions/maintenance-service.js';
import type { SessionsRepo } from '../store/sessions-repo.js';
import type { MetaStore } from '../store/meta.js';
import type { AutomatedHistory } from './automated-history.js';
import { ClockWatch, type ClockJump } from './clock-watch.js';
import type { EffectiveWindows } from './effective-windows.js';
import { OpeningHandler } from './opening-handler.js';
import type { OpeningsJournal } from './openings-journal.js';
import { RetryPlanner } from './retry-planner.js';
import type { Disposable } from '../lifecycle.js';
import type { TimerHandle, TimerPort } from './timer-port.js';
import type { BookEntry, WindowBook } from './window-book.js';

/**
 * Openings are armed only when they are this close (and re-armed by a tick every hour), so a change
 * to thousands of windows re-arms a handful of timers; far below the 24-day limit of a timer.
 */
export const ARM_AHEAD_MS = 2 * 3_600_000;
const TICK_MS = 3_600_000;
/** Configuration changes come in bursts (a reorder writes every group): re-plan once after them. */
const SETTLE_MS = 200;
const ENABLED_SINCE = 'automated-maintenance-enabled-since';

export interface SchedulerDeps {
  clock: Clock;
  timers: TimerPort;
  book: WindowBook;
  assignments: EffectiveWindows;
  history: AutomatedHistory;
  journal: OpeningsJournal;
  settings: { get(): Settings; onChange(listener: (s: Settings) => void): TimerHandle };
  maintenance: Pick<MaintenanceService, 'createMany' | 'createSkipped' | 'closeExpired' | 'cancelWaiting'>;
  sessions: Pick<SessionsRepo, 'get'>;
  events: EventBus;
  meta: MetaStore;
  /** Whether this console may queue a computer; another console may hold its agent (relay). */
  ownsComputer?: (computerId: string) => boolean;
  logger: Logger;
  /** How often wall and monotonic clocks are compared (ms). */
  watchIntervalMs?: number;
}

/** One timer per opening instant, for every window that opens then. */
interface Opening {
  job: TimerHandle;
  windows: Set<string>;
}

export class MaintenanceScheduler implements Disposable {
  readonly openings: OpeningHandler;
  private readonly retries: RetryPlanner;
  private readonly openingsAt = new Map<number, Opening>();
  /** The opening instant each window is armed for. */
  private readonly nextOpening = new Map<string, number>();
  /** One timer per occurrence end, closing what did not start. */
  private readonly closing = new Map<number, TimerHandle>();
  private readonly subscriptions: TimerHandle[] = [];
  private watch: ClockWatch | null = null;
  private tick: TimerHandle | null = null;
  private settle: TimerHandle | null = null;
  private seenVersion = -1;
  private wasEnabled = false;
  private disposed = false;
  private ownsComputer: (computerId: string) => boolean;

  constructor(private readonly deps: SchedulerDeps) {
    this.ownsComputer = deps.ownsComputer ?? (() => true);
    const settings = () => deps.settings.get().automatedMaintenance;
    this.retries = new RetryPlanner({
      clock: deps.clock,
      timers: deps.timers,
      history: deps.history,
      settings,
      queue: (specs) => void deps.maintenance.createMany(specs.filter((s) => this.ownsComputer(s.computerId))),
      logger: deps.logger,
    });
    this.openings = new OpeningHandler({
      assignments: deps.assignments,
      history: deps.history,
      journal: deps.journal,
      sessions: deps.sessions,
      maintenance: deps.maintenance,
      settings,
      ownsComputer: (id) => this.ownsComputer(id),
      onFailedFound: (failed) => this.retries.restore(failed),
      logger: deps.logger,
    });
  }

  start(): void {
    const { deps } = this;
    this.wasEnabled = deps.settings.get().automatedMaintenance.enabled;
    this.subscriptions.push(
      deps.settings.onChange((s) => this.settingsChanged(s)),
      deps.events.subscribe((event) => {
        if (event.type !== 'session' || event.session.trigger === 'manual' || !isTerminal(event.session.status)) return;
        const record = deps.sessions.get(event.session.id);
        if (!record?.occurrenceStart) return;
        if (record.status === 'completed') deps.history.recordSuccess(record.computerId, Date.parse(record.occurrenceStart));
        if (record.status === 'failed' && deps.settings.get().automatedMaintenance.enabled) this.retries.sessionFailed(record);
      }),
    );
    this.watch = new ClockWatch(deps.clock, deps.timers, (jump) => this.clockJumped(jump), deps.watchIntervalMs);
    this.replan('start');
  }

  /** Whether this console may queue the computer. */
  owns(computerId: string): boolean {
    return this.ownsComputer(computerId);
  }

  /** Lets the relay decide which computers this console may queue. */
  setOwnership(ownsComputer: (computerId: string) => boolean): void {
    this.ownsComputer = ownsComputer;
    this.configurationChanged();
  }

  /** Electron's powerMonitor 'resume' (and anything else that knows the machine woke up). */
  resume(): void {
    this.watch?.check();
    this.replan('resume');
  }

  /** Windows, groups or tenants changed: re-plan once the burst of writes settles. */
  configurationChanged(): void {
    if (this.disposed || this.settle) return;
    this.settle = this.deps.timers.at(this.deps.clock.now() + SETTLE_MS, () => {
      this.settle = null;
      this.replan('configuration');
    });
  }

  /** Called on every change in the change feed; re-plans only when what it depends on changed. */
  changesRecorded(): void {
    const version = this.deps.book.version + this.deps.assignments.inputsVersion;
    if (version === this.seenVersion) return;
    this.seenVersion = version;
    this.configurationChanged();
  }

  /** A computer connected: served now when its window is open and it is due (apply on connect). */
  computerConnected(computerId: string): void {
    if (this.disposed || !this.deps.settings.get().automatedMaintenance.enabled) return;
    const { windowId } = this.deps.assignments.of(computerId);
    const entry = windowId ? this.deps.book.get(windowId) : undefined;
    const now = this.deps.clock.now();
    const open = entry?.compiled.at(now);
    if (entry && open) this.openings.serve(entry, open, now, 'connect', computerId);
  }

  /**
   * Re-plans everything: records openings missed since the last look, serves open occurrences, and
   * arms the next opening of every window. `awaySince` is when the console stopped watching.
   */
  replan(cause: string, awaySince?: number): void {
    if (this.disposed) return;
    const { deps } = this;
    const now = deps.clock.now();
    this.settle?.dispose();
    this.settle = null;
    this.seenVersion = deps.book.version + deps.assignments.inputsVersion;
    if (!deps.settings.get().automatedMaintenance.enabled) {
      this.disarm();
      return;
    }
    deps.maintenance.closeExpired(awaySince);
    const enabledSince = this.enabledSince(now);
    const live = new Set<string>();
    for (const entry of deps.book.all()) {
      live.add(entry.window.id);
      this.openings.catchUp(entry, now, enabledSince, cause);
      this.armNext(entry, now);
    }
    for (const [id, at] of this.nextOpening) if (!live.has(id)) this.leave(id, at);
    this.openings.forgetEnded(now);
    this.tick ??= deps.timers.every(TICK_MS, () => this.armAll());
  }

  /** Arms the openings that came within reach since the last look. */
  private armAll(): void {
    if (this.disposed || !this.deps.settings.get().automatedMaintenance.enabled) return;
    const now = this.deps.clock.now();
    for (const entry of this.deps.book.all()) this.armNext(entry, now);
  }

  /** The instant each window's next opening is armed for (for tests and the queue view). */
  armedOpenings(): Map<string, number> {
    return new Map(this.nextOpening);
  }

  /** How many opening timers are armed: one per distinct opening instant, never one per computer. */
  get openingTimers(): number {
    return this.openingsAt.size;
  }

  private armNext(entry: BookEntry, now: number): void {
    const { window, compiled } = entry;
    const open = compiled.at(now);
    if (open && open.end - now <= ARM_AHEAD_MS) this.armClose(open.end);
    const next = compiled.next(now + 1);
    const at = next && next.start - now <= ARM_AHEAD_MS ? next.start : null;
    const current = this.nextOpening.get(window.id);
    // An opening whose timer is due but has not fired yet (same instant, or a busy event loop) fires next.
    if (current === at || (current !== undefined && current <= now)) return;
    if (current !== undefined) this.leave(window.id, current);
    if (at !== null) this.join(window.id, at);
  }

  private join(windowId: string, at: number): void {
    let opening = this.openingsAt.get(at);
    if (!opening) {
      opening = { windows: new Set(), job: this.deps.timers.at(at, () => this.opened(at)) };
      this.openingsAt.set(at, opening);
    }
    opening.windows.add(windowId);
    this.nextOpening.set(windowId, at);
  }

  private leave(windowId: string, at: number): void {
    this.nextOpening.delete(windowId);
    const opening = this.openingsAt.get(at);
    if (!opening) return;
    opening.windows.delete(windowId);
    if (opening.windows.size > 0) return;
    opening.job.dispose();
    this.openingsAt.delete(at);
  }

  /** An opening timer fired: each window that opens now is served, then armed for its next opening. */
  private opened(at: number): void {
    const opening = this.openingsAt.get(at);
    this.openingsAt.delete(at);
    if (!opening || this.disposed) return;
    const enabled = this.deps.settings.get().automatedMaintenance.enabled;
    const now = this.deps.clock.now();
    for (const windowId of opening.windows) {
      if (this.nextOpening.get(windowId) === at) this.nextOpening.delete(windowId);
      const entry = this.deps.book.get(windowId);
      if (!entry || !enabled) continue;
      this.openings.catchUp(entry, now, this.enabledSince(now), 'timer');
      this.armNext(entry, now);
    }
  }

  /** Closes an occurrence's unstarted sessions right at its end (the sweep would be seconds late). */
  private armClose(end: number): void {
    if (this.closing.has(end)) return;
    const job = this.deps.timers.at(end, () => {
      this.closing.delete(end);
      this.deps.maintenance.closeExpired();
    });
    this.closing.set(end, job);
  }

  private clockJumped(jump: ClockJump): void {
    this.deps.logger.warn('the wall clock moved unexpectedly (sleep or clock change): re-planning', { from: new Date(jump.from).toISOString(), to: new Date(jump.to).toISOString(), driftMs: jump.drift });
    this.replan(jump.drift > 0 ? 'wake-or-clock-forward' : 'clock-back', jump.drift > 0 ? jump.from : undefined);
  }

  private settingsChanged(settings: Settings): void {
    const enabled = settings.automatedMaintenance.enabled;
    if (enabled && !this.wasEnabled) this.deps.meta.set(ENABLED_SINCE, String(this.deps.clock.now()));
    if (!enabled && this.wasEnabled) {
      this.retries.clear();
      const cancelled = this.deps.maintenance.cancelWaiting((s) => s.trigger !== 'manual', 'automated maintenance was switched off');
      this.deps.logger.info('automated maintenance switched off', { cancelled });
    }
    this.wasEnabled = enabled;
    this.replan('settings');
  }

  /** Openings before automated maintenance was switched on are not "missed". */
  private enabledSince(now: number): number {
    const stored = this.deps.meta.get(ENABLED_SINCE);
    if (stored !== undefined) return Number(stored);
    this.deps.meta.set(ENABLED_SINCE, String(now));
    return now;
  }

  private disarm(): void {
    for (const o of this.openingsAt.values()) o.job.dispose();
    for (const job of this.closing.values()) job.dispose();
    this.openingsAt.clear();
    this.nextOpening.clear();
    this.closing.clear();
    this.tick?.dispose();
    this.tick = null;
  }

  dispose(): void {
    this.disposed = true;
    this.disarm();
    this.deps.journal.flush();
    this.settle?.dispose();
    this.watch?.dispose();
    this.retries.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
