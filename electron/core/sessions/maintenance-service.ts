// Maintenance sessions as a service: creates them, queues them under the concurrency limit, runs
// them when their agent is online, resumes or closes them after a restart, and cancels them.
import type { Priority, SessionStatus } from '../../../shared/model/session.js';
import type { NotifyPreference } from '../../../shared/model/settings.js';
import { isTerminal } from '../../../shared/model/session.js';
import type { ComputerDirectory } from '../computers/computer-directory.js';
import type { EventBus } from '../event-bus.js';
import { ApiError, invalid, notFound } from '../errors.js';
import type { Disposable } from '../lifecycle.js';
import type { TimerHandle, TimerPort } from '../scheduler/timer-port.js';
import { isoNow, type Clock, type Logger } from '../ports.js';
import { summaryOf, type SessionRecord, type SessionsRepo } from '../store/sessions-repo.js';
import type { LogWriter } from './log-writer.js';
import { StoppedError } from './agent-commands.js';
import { newSessionRecord, queueClassOf, type NewSession } from './new-session.js';
import type { SessionRunner } from './session-runner.js';
import { SessionQueue, type QueueClass } from './session-queue.js';

export type { NewSession } from './new-session.js';

export interface MaintenanceOptions {
  maxConcurrentSessions: number;
  /** How long a session that has not started waits for an offline agent. */
  startWaitMs: number;
  /** Runs a batch of writes in one transaction (queuing thousands of scheduled sessions). */
  transaction?: <T>(fn: () => T) => T;
  /** Timers for the periodic sweep (a fake clock in tests); setInterval when absent. */
  timers?: TimerPort;
}

/** What the service needs of the agent gateway: who is online, and when that changes. */
export interface AgentPresence {
  isOnline(computerId: string): boolean;
  onConnect(listener: (link: { computerId: string }) => void): Disposable;
  onDisconnect(listener: (link: { computerId: string }) => void): Disposable;
}

/** Why a session that never started was closed when its occurrence ended. */
export type SkipReason = 'agent-offline' | 'window-closed' | 'console-not-running';

/** A waiting session as the queue view shows it. */
export interface WaitingSession {
  session: SessionRecord;
  queueClass: QueueClass;
  online: boolean;
  /** Another session of the same computer is running. */
  computerBusy: boolean;
}

interface Running {
  controller: AbortController;
  cancelRequested: boolean;
  done: Promise<void>;
}

export class MaintenanceService implements Disposable {
  private readonly queue: SessionQueue;
  private readonly running = new Map<string, Running>();
  private readonly subscriptions: Disposable[] = [];
  private sweepTimer: TimerHandle | null = null;
  private stopping = false;
  /** When this console started serving: deadlines before it passed while it was not running. */
  private startedAt = 0;
  /** Deadlines of queued sessions that have not started, so the sweep reads the store only for expired ones. */
  private readonly expiry = new Map<string, { deadline: number; createdAt: number; computerId: string }>();

  constructor(
    private readonly sessions: SessionsRepo,
    private readonly runner: Pick<SessionRunner, 'run'>,
    private readonly computers: Pick<ComputerDirectory, 'stored'>,
    private readonly gateway: AgentPresence,
    private readonly logs: LogWriter,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: MaintenanceOptions,
  ) {
    this.queue = new SessionQueue(options.maxConcurrentSessions);
  }

  /** Loads unfinished sessions from the store and starts serving the queue. */
  start(): void {
    this.startedAt = this.clock.now();
    for (const s of this.sessions.active()) {
      if (s.phase !== 'new' || s.status === 'in-progress') {
        this.log(s.id, 'The console restarted while this session was running; it resumes when its agent is connected');
      }
      this.enqueue(s);
    }
    this.subscriptions.push(
      this.gateway.onConnect((link) => {
        this.queue.setOnline(link.computerId, true);
        this.markQueued(link.computerId);
        this.pump();
      }),
      this.gateway.onDisconnect((link) => {
        if (this.gateway.isOnline(link.computerId)) return;
        this.queue.setOnline(link.computerId, false);
        this.markWaiting(link.computerId);
      }),
    );
    this.sweepTimer = this.options.timers ? this.options.timers.every(15_000, () => this.sweep()) : everyInterval(15_000, () => this.sweep());
    this.sweep();
    this.pump();
  }

  set maxConcurrentSessions(limit: number) {
    this.queue.limit = limit;
    this.pump();
  }

  get maxConcurrentSessions(): number {
    return this.queue.limit;
  }

  /** Creates and queues sessions at once, ignoring windows; returns ids in the order of `computerIds`. */
  run(
    request: { computerIds: string[]; deploymentIds?: string[] | undefined; priority: Priority; notify?: NotifyPreference | undefined },
    knownDeployment: (id: string) => boolean,
  ): string[] {
    const unique = [...new Set(request.computerIds)];
    unique.forEach((id, i) => {
      if (!this.computers.stored(id)) throw invalid(`computerIds.${i}`, `computer ${id} does not exist`);
    });
    request.deploymentIds?.forEach((id, i) => {
      if (!knownDeployment(id)) throw invalid(`deploymentIds.${i}`, `deployment ${id} does not exist`);
    });
    return this.createAll(
      unique.map((computerId) => ({
        computerId,
        trigger: 'manual',
        priority: request.priority,
        deploymentIds: request.deploymentIds ?? null,
        deadline: null,
        idempotencyKey: null,
        ...(request.notify ? { notify: request.notify } : {}),
      })),
    );
  }

  /** Queues scheduled (or retry) sessions in one transaction; returns the ids of those not queued before. */
  createMany(specs: NewSession[]): string[] {
    return this.createAll(specs.filter((s) => this.computers.stored(s.computerId)));
  }

  /**
   * Records sessions that could not run (a missed window opening), so each computer's history says
   * why nothing happened; a key used before is left alone. Returns how many were recorded.
   */
  createSkipped(specs: NewSession[], reason: SkipReason, detail: string): number {
    const records = this.transaction(() =>
      specs.flatMap((spec) => {
        const computer = this.computers.stored(spec.computerId);
        if (!computer) return [];
        const record: SessionRecord = { ...newSessionRecord(spec, computer.tenantId, isoNow(this.clock), 'skipped'), reason, endedAt: isoNow(this.clock), phase: 'done' };
        if (!this.sessions.insert(record)) return [];
        this.log(record.id, `Session skipped: ${reason} (${detail})`);
        return [record];
      }),
    );
    for (const record of records) this.events.emit({ type: 'session', session: summaryOf(record) });
    return records.length;
  }

  private transaction<T>(fn: () => T): T {
    return this.options.transaction ? this.options.transaction(fn) : fn();
  }

  /** Writes a new session and queues it; returns null when its idempotency key was already used. */
  create(spec: NewSession): string | null {
    const record = this.insertNew(spec);
    if (record) this.announce(record);
    return record?.id ?? null;
  }

  /** Writes a new session (inside the caller's transaction); null when its key was used before. */
  private insertNew(spec: NewSession): SessionRecord | null {
    const computer = this.computers.stored(spec.computerId);
    if (!computer) throw notFound('computer', spec.computerId);
    const record = newSessionRecord(spec, computer.tenantId, isoNow(this.clock), this.gateway.isOnline(spec.computerId) ? 'queued' : 'waiting-for-agent');
    return this.sessions.insert(record) ? record : null;
  }

  /** Tells listeners of a written session and queues it: only after its transaction committed. */
  private announce(record: SessionRecord): void {
    this.events.emit({ type: 'session', session: summaryOf(record) });
    this.log(record.id, record.status === 'queued' ? 'Queued' : 'Queued; waiting for the agent to connect');
    this.enqueue(record);
  }

  /** Writes sessions in one transaction, then announces and queues them. */
  private createAll(specs: NewSession[]): string[] {
    const records = this.transaction(() => specs.map((spec) => this.insertNew(spec)).filter((r): r is SessionRecord => r !== null));
    for (const r of records) this.announce(r);
    this.pump();
    return records.map((r) => r.id);
  }

  cancel(sessionId: string): SessionRecord {
    const session = this.sessions.get(sessionId);
    if (!session) throw notFound('session', sessionId);
    if (isTerminal(session.status)) throw new ApiError('conflict', `session is already ${session.status}`);
    const running = this.running.get(sessionId);
    if (running) {
      running.cancelRequested = true;
      // Stops a wait for the agent at once; an action already running on the agent finishes first.
      if (session.status === 'waiting-for-agent') running.controller.abort('cancelled');
      this.log(sessionId, 'Cancellation requested: no further action will start');
      return this.sessions.get(sessionId)!;
    }
    this.queue.remove(sessionId);
    this.close(session, 'cancelled', 'cancelled by the technician');
    return this.sessions.get(sessionId)!;
  }

  /** Sessions waiting to start, in the order they would start (at most `limit`), and how many wait. */
  waiting(limit = Infinity): { total: number; items: WaitingSession[] } {
    const all = this.queue.waiting();
    const items: WaitingSession[] = [];
    for (const q of all.slice(0, limit)) {
      const session = this.sessions.get(q.id);
      if (session) items.push({ session, queueClass: q.queueClass, online: this.queue.isOnline(q.computerId), computerBusy: this.queue.isBusy(q.computerId) });
    }
    return { total: all.length, items };
  }

  /**
   * Cancels sessions that have not started yet and match `which` (automated ones when automated
   * maintenance is switched off); running sessions finish.
   */
  cancelWaiting(which: (s: SessionRecord) => boolean, reason: string): number {
    let count = 0;
    for (const q of this.queue.waiting()) {
      const s = this.sessions.get(q.id);
      if (!s || s.phase !== 'new' || !which(s)) continue;
      this.queue.remove(s.id);
      this.close(s, 'cancelled', reason);
      count++;
    }
    return count;
  }

  get runningCount(): number {
    return this.running.size;
  }

  private enqueue(s: SessionRecord): void {
    this.queue.setOnline(s.computerId, this.gateway.isOnline(s.computerId));
    this.queue.add({ id: s.id, computerId: s.computerId, queueClass: queueClassOf(s), createdAt: s.createdAt });
    if (s.phase === 'new') this.expiry.set(s.id, { deadline: s.deadline === null ? Infinity : Date.parse(s.deadline), createdAt: Date.parse(s.createdAt), computerId: s.computerId });
  }

  /** Starts as many queued sessions as the limit allows. */
  private pump(): void {
    if (this.stopping) return;
    for (let next = this.queue.take(); next !== null; next = this.queue.take()) {
      const { id, computerId } = next;
      // Nothing starts after its occurrence ended, even in the moment before the sweep closes it.
      const stored = this.sessions.get(id);
      if (stored && stored.phase === 'new' && stored.deadline !== null && this.clock.now() >= Date.parse(stored.deadline)) {
        this.queue.release(computerId);
        this.close(stored, 'skipped', this.skipReason(stored, true));
        continue;
      }
      const controller = new AbortController();
      const entry: Running = { controller, cancelRequested: false, done: Promise.resolve() };
      this.running.set(id, entry);
      entry.done = this.runner
        .run(id, { signal: controller.signal, cancelled: () => entry.cancelRequested })
        .catch((error: unknown) => {
          if (!(error instanceof StoppedError)) this.logger.error('session runner crashed', { sessionId: id, error: (error as Error).stack });
        })
        .finally(() => {
          this.running.delete(id);
          this.queue.release(computerId);
          this.pump();
        });
    }
  }

  private markQueued(computerId: string): void {
    for (const q of this.queue.waiting()) {
      if (q.computerId !== computerId) continue;
      const s = this.sessions.get(q.id);
      if (s?.status === 'waiting-for-agent' && s.phase === 'new') this.setStatus(s, 'queued');
    }
  }

  private markWaiting(computerId: string): void {
    for (const q of this.queue.waiting()) {
      if (q.computerId !== computerId) continue;
      const s = this.sessions.get(q.id);
      if (s?.status === 'queued') this.setStatus(s, 'waiting-for-agent');
    }
  }

  /**
   * Closes sessions that waited too long to start: past their deadline (the end of their window
   * occurrence), or past the wait limit. `awaySince` is when the console stopped watching (it slept
   * or its clock jumped): a deadline that passed after it passed while the console was not running.
   */
  closeExpired(awaySince?: number): void {
    this.sweep(awaySince);
  }

  private skipReason(s: SessionRecord, online: boolean, awaySince?: number): SkipReason {
    const deadline = s.deadline === null ? Infinity : Date.parse(s.deadline);
    if (deadline < this.startedAt || (awaySince !== undefined && deadline > awaySince)) return 'console-not-running';
    return online ? 'window-closed' : 'agent-offline';
  }

  private sweep(awaySince?: number): void {
    const now = this.clock.now();
    for (const [id, e] of this.expiry) {
      if (!this.queue.has(id)) {
        this.expiry.delete(id);
        continue;
      }
      const online = this.queue.isOnline(e.computerId);
      if (now < e.deadline && (e.deadline !== Infinity || online || now - e.createdAt < this.options.startWaitMs)) continue;
      const s = this.sessions.get(id);
      if (!s || s.phase !== 'new') continue;
      if (s.deadline !== null && now >= Date.parse(s.deadline)) {
        this.queue.remove(s.id);
        this.close(s, 'skipped', this.skipReason(s, online, awaySince));
      } else if (s.deadline === null && !online && now - Date.parse(s.createdAt) >= this.options.startWaitMs) {
        this.queue.remove(s.id);
        this.close(s, 'skipped', 'agent-offline');
      }
    }
  }

  private setStatus(s: SessionRecord, status: SessionStatus): void {
    this.sessions.update(s.id, { status });
    this.events.emit({ type: 'session', session: summaryOf({ ...s, status }) });
  }

  private close(s: SessionRecord, status: SessionStatus, reason: string): void {
    this.log(s.id, `Session ${status}: ${reason}`);
    this.logs.flush();
    const patch = { status, reason, endedAt: isoNow(this.clock), phase: 'done' as const };
    this.sessions.update(s.id, patch);
    this.events.emit({ type: 'session', session: summaryOf({ ...s, ...patch }) });
  }

  private log(sessionId: string, text: string): void {
    this.logs.append(sessionId, 'info', null, text);
  }

  /**
   * Stops starting sessions and interrupts running ones; their stored state is resumed at the next
   * start. Commands in flight end when the gateway closes the agents' connections.
   */
  interrupt(): void {
    this.stopping = true;
    this.sweepTimer?.dispose();
    for (const s of this.subscriptions) void s.dispose();
    for (const r of this.running.values()) r.controller.abort('shutdown');
  }

  async dispose(): Promise<void> {
    this.interrupt();
    await Promise.all([...this.running.values()].map((r) => r.done));
    this.logs.flush();
  }
}

function everyInterval(ms: number, fn: () => void): TimerHandle {
  const handle = setInterval(fn, ms);
  handle.unref();
  return { dispose: () => clearInterval(handle) };
}
