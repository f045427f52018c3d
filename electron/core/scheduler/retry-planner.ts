// Retries of failed scheduled sessions, with backoff, only while their occurrence lasts and up to
// the attempt limit. Manual sessions are never retried. One timer serves every pending retry.
import type { AutomatedMaintenanceSettings } from '../../../shared/model/settings.js';
import type { Clock, Logger } from '../ports.js';
import type { NewSession } from '../sessions/maintenance-service.js';
import type { SessionRecord } from '../store/sessions-repo.js';
import type { AutomatedHistory } from './automated-history.js';
import type { Disposable } from '../lifecycle.js';
import type { TimerHandle, TimerPort } from './timer-port.js';

interface PendingRetry {
  at: number;
  spec: NewSession;
}

/** The delay before retry number `n` (1-based): the configured delay, doubled for each earlier retry. */
export function retryDelayMs(delayMinutes: number, n: number): number {
  return delayMinutes * 60_000 * 2 ** (n - 1);
}

export class RetryPlanner implements Disposable {
  private readonly pending = new Map<string, PendingRetry>();
  private timer: TimerHandle | null = null;
  private armedAt = Infinity;

  constructor(
    private readonly deps: {
      clock: Clock;
      timers: TimerPort;
      history: AutomatedHistory;
      settings: () => AutomatedMaintenanceSettings;
      queue: (specs: NewSession[]) => void;
      logger: Logger;
    },
  ) {}

  /** Plans the next attempt after a failed automated session, when one is allowed inside its occurrence. */
  sessionFailed(s: SessionRecord): void {
    if (s.trigger === 'manual' || s.status !== 'failed' || !s.windowId || !s.occurrenceStart || !s.deadline) return;
    const attempts = this.deps.history.attempts(s.computerId, s.windowId, s.occurrenceStart);
    if (attempts.at(-1)?.id !== s.id) return;
    this.plan(s, attempts.length, Date.parse(s.endedAt ?? new Date(this.deps.clock.now()).toISOString()));
  }

  /** After a restart: plans the retries still owed to failed sessions of open occurrences. */
  restore(sessions: SessionRecord[]): void {
    for (const s of sessions) this.sessionFailed(s);
  }

  /** Forgets pending retries (automated maintenance switched off). */
  clear(): void {
    this.pending.clear();
    this.arm();
  }

  get size(): number {
    return this.pending.size;
  }

  private plan(s: SessionRecord, attemptsSoFar: number, endedAt: number): void {
    const { retry } = this.deps.settings();
    const n = attemptsSoFar; // the retry's number: 1 after the first attempt
    if (n > retry.attempts) return;
    const at = endedAt + retryDelayMs(retry.delayMinutes, n);
    if (at >= Date.parse(s.deadline!)) {
      this.deps.logger.info('no retry: the window closes before it could start', { sessionId: s.id, computerId: s.computerId });
      return;
    }
    const key = `${s.windowId}|${s.occurrenceStart}|${s.computerId}`;
    this.pending.set(key, {
      at,
      spec: {
        computerId: s.computerId,
        trigger: 'retry',
        priority: 'normal',
        deploymentIds: null,
        deadline: s.deadline,
        idempotencyKey: `${key}|retry-${n}`,
        windowId: s.windowId,
        occurrenceStart: s.occurrenceStart,
        notify: s.notify,
      },
    });
    this.arm();
  }

  private arm(): void {
    let earliest = Infinity;
    for (const p of this.pending.values()) earliest = Math.min(earliest, p.at);
    if (earliest === this.armedAt && this.timer) return;
    this.timer?.dispose();
    this.timer = null;
    this.armedAt = earliest;
    if (earliest === Infinity) return;
    this.timer = this.deps.timers.at(earliest, () => this.fire());
  }

  private fire(): void {
    this.timer = null;
    this.armedAt = Infinity;
    const now = this.deps.clock.now();
    const due: NewSession[] = [];
    for (const [key, p] of this.pending) {
      if (p.at > now) continue;
      this.pending.delete(key);
      if (now < Date.parse(p.spec.deadline!)) due.push(p.spec);
    }
    if (due.length > 0 && this.deps.settings().enabled) this.deps.queue(due);
    this.arm();
  }

  dispose(): void {
    this.timer?.dispose();
    this.timer = null;
    this.pending.clear();
  }
}
