// Maintenance sessions as a service: creates them, queues them under the concurrency limit, runs
// them when their agent is online, resumes or closes them after a restart, and cancels them.
import type { Priority, SessionStatus, SessionTrigger } from '../../../shared/model/session.js';
import type { NotifyPreference } from '../../../shared/model/settings.js';
import { isTerminal } from '../../../shared/model/session.js';
import { newId } from '../../../shared/ids.js';
import type { ComputerDirectory } from '../computers/computer-directory.js';
import type { EventBus } from '../event-bus.js';
import { ApiError, invalid, notFound } from '../errors.js';
import type { AgentGateway } from '../gateway/agent-gateway.js';
import type { Disposable } from '../lifecycle.js';
import { isoNow, type Clock, type Logger } from '../ports.js';
import { summaryOf, type SessionRecord, type SessionsRepo } from '../store/sessions-repo.js';
import type { LogWriter } from './log-writer.js';
import { StoppedError } from './agent-commands.js';
import type { SessionRunner } from './session-runner.js';
import { SessionQueue, type QueueClass } from './session-queue.js';

export interface NewSession {
  computerId: string;
  trigger: SessionTrigger;
  priority: Priority;
  deploymentIds: string[] | null;
  /** No action starts after this instant (the end of a window occurrence). */
  deadline: string | null;
  /** Makes queuing idempotent (window + occurrence + computer). */
  idempotencyKey: string | null;
  windowId?: string | null;
  occurrenceStart?: string | null;
  notify?: NotifyPreference;
}

export interface MaintenanceOptions {
  maxConcurrentSessions: number;
  /** How long a session that has not started waits for an offline agent. */
  startWaitMs: number;
}

interface Running {
  controller: AbortController;
  cancelRequested: boolean;
  done: Promise<void>;
}

function queueClassOf(s: Pick<SessionRecord, 'trigger' | 'priority' | 'phase'>): QueueClass {
  if (s.phase !== 'new') return 'resume';
  if (s.trigger === 'manual') return s.priority === 'high' ? 'manual-high' : 'manual-normal';
  return s.trigger === 'retry' ? 'retry' : 'scheduled';
}

export class MaintenanceService implements Disposable {
  private readonly queue: SessionQueue;
  private readonly running = new Map<string, Running>();
  private readonly subscriptions: Disposable[] = [];
  private sweepTimer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    private readonly sessions: SessionsRepo,
    private readonly runner: SessionRunner,
    private readonly computers: ComputerDirectory,
    private readonly gateway: AgentGateway,
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
    this.sweepTimer = setInterval(() => this.sweep(), 15_000);
    this.sweepTimer.unref();
    this.sweep();
    this.pump();
  }

  set maxConcurrentSessions(limit: number) {
    this.queue.limit = limit;
    this.pump();
  }

  /** Creates and queues sessions; returns ids in the order of `computerIds`. */
  run(request: { computerIds: string[]; deploymentIds?: string[] | undefined; priority: Priority; notify?: NotifyPreference | undefined }, knownDeployment: (id: string) => boolean): string[] {
    const unique = [...new Set(request.computerIds)];
    unique.forEach((id, i) => {
      if (!this.computers.stored(id)) throw invalid(`computerIds.${i}`, `computer ${id} does not exist`);
    });
    request.deploymentIds?.forEach((id, i) => {
      if (!knownDeployment(id)) throw invalid(`deploymentIds.${i}`, `deployment ${id} does not exist`);
    });
    const ids = unique.map((computerId) =>
      this.create({ computerId, trigger: 'manual', priority: request.priority, deploymentIds: request.deploymentIds ?? null, deadline: null, idempotencyKey: null, notify: request.notify ?? 'failure' }),
    );
    this.pump();
    return ids.filter((id): id is string => id !== null);
  }

  /** Writes a new session and queues it; returns null when its idempotency key was already used. */
  create(spec: NewSession): string | null {
    const computer = this.computers.stored(spec.computerId);
    if (!computer) throw notFound('computer', spec.computerId);
    const online = this.gateway.isOnline(spec.computerId);
    const record: SessionRecord = {
      id: newId(),
      computerId: spec.computerId,
      tenantId: computer.tenantId,
      status: online ? 'queued' : 'waiting-for-agent',
      trigger: spec.trigger,
      priority: spec.priority,
      reason: null,
      createdAt: isoNow(this.clock),
      startedAt: null,
      endedAt: null,
      deadline: spec.deadline,
      phase: 'new',
      deploymentIds: spec.deploymentIds,
      decisions: [],
      idempotencyKey: spec.idempotencyKey,
      windowId: spec.windowId ?? null,
      occurrenceStart: spec.occurrenceStart ?? null,
      notify: spec.notify ?? 'failure',
    };
    if (!this.sessions.insert(record)) return null;
    this.events.emit({ type: 'session', session: summaryOf(record) });
    this.log(record.id, online ? 'Queued' : 'Queued; waiting for the agent to connect');
    this.enqueue(record);
    return record.id;
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

  /** Sessions waiting to start, in the order they would start. */
  waiting(): { sessionId: string; computerId: string; queueClass: QueueClass; online: boolean }[] {
    return this.queue.waiting().map((q) => ({ sessionId: q.id, computerId: q.computerId, queueClass: q.queueClass, online: this.queue.isOnline(q.computerId) }));
  }

  get runningCount(): number {
    return this.running.size;
  }

  private enqueue(s: SessionRecord): void {
    this.queue.setOnline(s.computerId, this.gateway.isOnline(s.computerId));
    this.queue.add({ id: s.id, computerId: s.computerId, queueClass: queueClassOf(s), createdAt: s.createdAt });
  }

  /** Starts as many queued sessions as the limit allows. */
  private pump(): void {
    if (this.stopping) return;
    for (let next = this.queue.take(); next !== null; next = this.queue.take()) {
      const { id, computerId } = next;
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

  /** Closes sessions that waited too long to start: past their deadline, or past the wait limit. */
  private sweep(): void {
    const now = this.clock.now();
    for (const q of this.queue.waiting()) {
      const s = this.sessions.get(q.id);
      if (!s || s.phase !== 'new') continue;
      const online = this.queue.isOnline(s.computerId);
      if (s.deadline !== null && now >= Date.parse(s.deadline)) {
        this.queue.remove(s.id);
        this.close(s, 'skipped', online ? 'window-closed' : 'agent-offline');
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
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const s of this.subscriptions) void s.dispose();
    for (const r of this.running.values()) r.controller.abort('shutdown');
  }

  async dispose(): Promise<void> {
    this.interrupt();
    await Promise.all([...this.running.values()].map((r) => r.done));
    this.logs.flush();
  }
}
