// An in-process notification pipeline on a real SQLite file: sessions, rules, outbox, digests and
// compliance tracking, with a manual clock and a mail sender the test chooses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleEvent } from '../../shared/api/events.js';
import { Deployment } from '../../shared/model/deployment.js';
import { NotificationRule, SmtpSettings } from '../../shared/model/notification.js';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/model/settings.js';
import { Software } from '../../shared/model/software.js';
import type { SessionStatus } from '../../shared/model/session.js';
import { ComplianceService } from '../../electron/core/compliance/compliance-service.js';
import { ComplianceWatch } from '../../electron/core/compliance/compliance-watch.js';
import { DetectionsRepo } from '../../electron/core/computers/detections.js';
import { StoredComputer } from '../../electron/core/computers/stored-computer.js';
import { AesSecretBox } from '../../electron/core/crypto/secret-box.js';
import { EventBus } from '../../electron/core/event-bus.js';
import { DigestQueue } from '../../electron/core/notifications/digest-queue.js';
import type { MailSender } from '../../electron/core/notifications/mail-sender.js';
import { Notifier } from '../../electron/core/notifications/notifier.js';
import { OutboxRepo } from '../../electron/core/notifications/outbox-repo.js';
import { OutboxWorker, DEFAULT_OUTBOX_TIMING } from '../../electron/core/notifications/outbox-worker.js';
import { RulesService } from '../../electron/core/notifications/rules-service.js';
import { SmtpConfig } from '../../electron/core/notifications/smtp-config.js';
import { silentLogger } from '../../electron/core/ports.js';
import { ChangeLog } from '../../electron/core/store/change-log.js';
import { Database } from '../../electron/core/store/database.js';
import { EntityCollection } from '../../electron/core/store/entity-collection.js';
import { MetaStore } from '../../electron/core/store/meta.js';
import { SessionsRepo, summaryOf, type SessionRecord } from '../../electron/core/store/sessions-repo.js';
import { ManualTime } from './manual-time.js';

export class NotifierRig {
  readonly dir = mkdtempSync(join(tmpdir(), 'steward-notifier-'));
  readonly db = Database.open(join(this.dir, 'steward.db'));
  readonly time = new ManualTime();
  readonly events = new EventBus();
  readonly seen: ConsoleEvent[] = [];
  /** Errors the notifier logged: a test fails when there are any. */
  readonly errors: string[] = [];
  readonly sessions = new SessionsRepo(this.db);
  readonly outbox = new OutboxRepo(this.db);
  readonly meta = new MetaStore(this.db);
  settings: Settings = { ...structuredClone(DEFAULT_SETTINGS), updatedAt: new Date(0).toISOString() };
  readonly rules: RulesService;
  readonly smtp: SmtpConfig;
  readonly worker: OutboxWorker;
  readonly notifier: Notifier;
  private n = 0;

  constructor(sender: MailSender, options: { quietMs?: number } = {}) {
    const changes = new ChangeLog(this.db);
    const collection = <T extends { id: string; updatedAt: string }>(kind: string, schema: import('zod').ZodType<T>) => new EntityCollection<T>(this.db, changes, kind, schema, silentLogger);
    const computers = collection('computer', StoredComputer);
    this.rules = new RulesService(collection('notification-rule', NotificationRule), () => true, this.time);
    this.smtp = new SmtpConfig(collection('smtp-settings', SmtpSettings), this.meta, new AesSecretBox(Buffer.alloc(32, 7)), this.time);
    this.worker = new OutboxWorker(this.outbox, this.smtp, sender, this.time, this.time, silentLogger, DEFAULT_OUTBOX_TIMING, (mail) => this.events.emit({ type: 'mail', mail }));
    const compliance = new ComplianceService({
      computers: () => computers.all(),
      deployments: collection('deployment', Deployment),
      software: collection('software', Software),
      detections: new DetectionsRepo(this.db),
      groupsOf: () => [],
      staleAfterHours: () => 24,
      clock: this.time,
    });
    const names: Record<string, string> = {};
    this.notifier = new Notifier({
      db: this.db,
      sessions: this.sessions,
      rules: this.rules,
      outbox: this.outbox,
      worker: this.worker,
      digests: new DigestQueue(this.db, options.quietMs ?? 2 * 60_000),
      watch: new ComplianceWatch(this.db, compliance),
      names: { computer: (id) => names[id] ?? `PC-${id}`, tenant: (id) => `Tenant ${id}`, software: (id) => id, deployment: (id) => id },
      links: { session: (id) => `http://console.test/sessions/${id}`, sessions: (f) => `http://console.test/sessions?${new URLSearchParams(f).toString()}` },
      windowName: () => 'Nightly',
      settings: () => this.settings,
      events: this.events,
      clock: this.time,
      timers: this.time,
      logger: { ...silentLogger, error: (message, fields) => this.errors.push(`${message} ${JSON.stringify(fields)}`) },
      giveUpAfterMs: DEFAULT_OUTBOX_TIMING.giveUpAfterMs,
    });
    this.events.subscribe((e) => this.seen.push(e));
    this.smtp.set({ host: '127.0.0.1', port: 25, tls: 'none', from: 'steward@example.com' });
  }

  /** Writes a finished session and announces it, as the runner does. */
  finish(over: Partial<SessionRecord> & { status: SessionStatus }): SessionRecord {
    const i = this.n++;
    const at = new Date(this.time.now()).toISOString();
    const s: SessionRecord = {
      id: `0190${String(i).padStart(4, '0')}-0000-7000-8000-000000000000`,
      computerId: `c${i}`,
      tenantId: 't1',
      trigger: 'manual',
      priority: 'normal',
      reason: over.status === 'failed' ? '1 of 1 action failed' : null,
      createdAt: at,
      startedAt: at,
      endedAt: at,
      deadline: null,
      phase: 'done',
      deploymentIds: null,
      decisions: [],
      idempotencyKey: null,
      windowId: null,
      occurrenceStart: null,
      notify: 'failure',
      ...over,
    };
    this.sessions.insert(s);
    this.events.emit({ type: 'session', session: summaryOf(s) });
    return s;
  }

  async dispose(): Promise<void> {
    this.notifier.dispose();
    await this.worker.dispose();
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
