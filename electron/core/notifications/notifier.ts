// Turns finished sessions into notifications, exactly once each: mails for the rules that match
// (at once for manual runs, as a digest per window occurrence for scheduled ones), compliance
// issues, and desktop notices. Everything is written in the transaction that marks the session notified.
import type { Settings } from '../../../shared/model/settings.js';
import type { NotificationRule } from '../../../shared/model/notification.js';
import { isTerminal } from '../../../shared/model/session.js';
import { newId } from '../../../shared/ids.js';
import type { ComplianceWatch } from '../compliance/compliance-watch.js';
import type { EventBus } from '../event-bus.js';
import type { Disposable } from '../lifecycle.js';
import { isoNow, type Clock, type Logger } from '../ports.js';
import type { Database } from '../store/database.js';
import { text } from '../store/row.js';
import type { SessionsRepo } from '../store/sessions-repo.js';
import type { Timers } from '../timers.js';
import { desktopNotice, wantsDesktopNotice } from './desktop-notice.js';
import type { DigestQueue } from './digest-queue.js';
import { composeMail, type Links } from './mail-composer.js';
import type { OutboxRepo } from './outbox-repo.js';
import type { OutboxWorker } from './outbox-worker.js';
import type { RulesService } from './rules-service.js';
import { sessionNotice, triggerOf, type NoticeNames, type SessionNotice } from './session-notice.js';

export interface NotifierDeps {
  db: Database;
  sessions: SessionsRepo;
  rules: RulesService;
  outbox: OutboxRepo;
  worker: OutboxWorker;
  digests: DigestQueue;
  watch: ComplianceWatch;
  names: NoticeNames & { deployment(id: string): string | null };
  links: Links;
  windowName: (id: string) => string | null;
  settings: () => Settings;
  events: EventBus;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  giveUpAfterMs: number;
}

export class Notifier implements Disposable {
  private subscription: { dispose(): void } | null = null;
  private digestTimer: Disposable | null = null;
  private disposed = false;

  constructor(private readonly deps: NotifierDeps) {}

  /** Follows session events, catches up on sessions that ended while the console was down, arms digests. */
  start(): void {
    this.disposed = false;
    this.subscription = this.deps.events.subscribe((event) => {
      if (event.type === 'session' && isTerminal(event.session.status)) {
        const id = event.session.id;
        queueMicrotask(() => this.safely(() => this.process(id)));
      }
    });
    const pending = this.deps.db.prepare("SELECT id FROM sessions WHERE notified_at IS NULL AND origin_console IS NULL AND status IN ('completed', 'failed', 'cancelled', 'skipped', 'incomplete') ORDER BY id").all();
    for (const row of pending) this.safely(() => this.process(text(row.id)));
    // Digests that fell due while the console was down go out now.
    this.safely(() => this.flushDigests());
    this.deps.worker.kick();
  }

  private safely(fn: () => void): void {
    if (this.disposed) return;
    try {
      fn();
    } catch (error) {
      this.deps.logger.error('notification processing failed', { error: (error as Error).stack });
    }
  }

  /** Derives every notification of one finished session; does nothing the second time. */
  process(sessionId: string): void {
    const { deps } = this;
    const session = deps.sessions.get(sessionId);
    if (!session || !isTerminal(session.status)) return;
    const now = isoNow(deps.clock);
    const notices: SessionNotice[] = [];
    const done = deps.db.tx(() => {
      // A teammate's session (its summary came through the relay) is notified by the console that ran it.
      const row = deps.db.prepare('SELECT notified_at, origin_console FROM sessions WHERE id = ?').get(sessionId);
      if (!row || row.notified_at !== null || row.origin_console !== null) return false;
      const trigger = triggerOf(session.status);
      if (trigger) notices.push(sessionNotice(session, deps.sessions, deps.names, trigger));
      const issues = deps.watch.update(session.computerId, now);
      if (issues.length > 0) {
        const lines = issues.map((i) => `${deps.names.deployment(i.deploymentId) ?? i.deploymentId}: ${i.detail}`);
        notices.push(sessionNotice(session, deps.sessions, deps.names, 'compliance-issue', lines));
      }
      const scheduled = session.windowId !== null && session.occurrenceStart !== null;
      for (const notice of notices) {
        for (const rule of deps.rules.matching(notice.event, session.tenantId)) {
          if (scheduled) deps.digests.add(rule.id, `${session.windowId}|${session.occurrenceStart}`, `${session.id}:${notice.event}`, notice, now, session.deadline);
          else this.enqueue(rule, [notice], now);
        }
      }
      deps.db.prepare('UPDATE sessions SET notified_at = ? WHERE id = ?').run(now, sessionId);
      return true;
    });
    if (!done) return;
    deps.worker.kick();
    this.armDigests();
    const first = notices.find((n) => n.event !== 'compliance-issue');
    if (first && wantsDesktopNotice(session, deps.settings())) deps.events.emit({ type: 'notice', notice: desktopNotice(first) });
  }

  private enqueue(rule: NotificationRule, notices: SessionNotice[], now: string): void {
    const { subject, body } = composeMail(rule, notices, this.deps.links, this.deps.windowName);
    const giveUpAt = new Date(Date.parse(now) + this.deps.giveUpAfterMs).toISOString();
    this.deps.outbox.enqueue(rule.recipients.map((to) => ({ id: newId(), ruleId: rule.id, to, subject, body, sessions: notices.length, createdAt: now, giveUpAt })));
  }

  /** Sends every digest that is due and arms the timer for the next one. */
  flushDigests(): void {
    const { deps } = this;
    const now = deps.clock.now();
    const at = new Date(now).toISOString();
    const sent = deps.db.tx(() => {
      const groups = deps.digests.takeDue(now);
      for (const g of groups) {
        const rule = deps.rules.list().find((r) => r.id === g.ruleId);
        // A rule deleted or switched off while its digest waited sends nothing.
        if (rule?.enabled) this.enqueue(rule, g.notices, at);
      }
      return groups.length;
    });
    if (sent > 0) deps.worker.kick();
    this.armDigests();
  }

  private armDigests(): void {
    if (this.disposed) return;
    void this.digestTimer?.dispose();
    this.digestTimer = null;
    const due = this.deps.digests.nextDue();
    if (due === null) return;
    this.digestTimer = this.deps.timers.after(Math.max(0, due - this.deps.clock.now()), () => {
      this.digestTimer = null;
      this.safely(() => this.flushDigests());
    });
  }

  dispose(): void {
    this.disposed = true;
    this.subscription?.dispose();
    void this.digestTimer?.dispose();
  }
}
