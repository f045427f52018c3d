// Composes reporting and notifications: the sessions list and detail follow-ups, compliance, the
// dashboard, SMTP, rules, the outbox and digests. core.ts builds this once and spreads its handlers.
import type { z } from 'zod';
import type { Deployment } from '../../shared/model/deployment.js';
import { NotificationRule, SmtpSettings } from '../../shared/model/notification.js';
import type { NotifyPreference } from '../../shared/model/settings.js';
import type { Software } from '../../shared/model/software.js';
import type { Tenant } from '../../shared/model/tenant.js';
import { complianceHandlers } from './api/handlers/compliance.js';
import { dashboardHandlers } from './api/handlers/dashboard.js';
import { notificationHandlers } from './api/handlers/notifications.js';
import { sessionHandlers } from './api/handlers/sessions.js';
import type { Handlers } from './api/handlers.js';
import { ComplianceService } from './compliance/compliance-service.js';
import { ComplianceWatch } from './compliance/compliance-watch.js';
import type { ComputerDirectory } from './computers/computer-directory.js';
import type { DetectionsRepo } from './computers/detections.js';
import type { StoredComputer } from './computers/stored-computer.js';
import type { SecretBox } from './crypto/secret-box.js';
import { DashboardService, type UpcomingWindows } from './dashboard/dashboard-service.js';
import type { EventBus } from './event-bus.js';
import type { DeploymentsService } from './library/deployments-service.js';
import { DigestQueue } from './notifications/digest-queue.js';
import type { Links } from './notifications/mail-composer.js';
import type { MailSender } from './notifications/mail-sender.js';
import { NotificationsService } from './notifications/notifications-service.js';
import { Notifier } from './notifications/notifier.js';
import { OutboxRepo } from './notifications/outbox-repo.js';
import { OutboxWorker, type OutboxTiming } from './notifications/outbox-worker.js';
import { RulesService } from './notifications/rules-service.js';
import { SmtpConfig } from './notifications/smtp-config.js';
import type { Clock, Logger } from './ports.js';
import type { MaintenanceService } from './sessions/maintenance-service.js';
import { SessionFollowUps } from './sessions/session-followups.js';
import { SessionListing } from './sessions/session-listing.js';
import { SessionLogText } from './sessions/session-log-text.js';
import type { SettingsService } from './settings/settings-service.js';
import type { Database } from './store/database.js';
import type { CollectionOptions, EntityCollection } from './store/entity-collection.js';
import type { LogsRepo } from './store/logs-repo.js';
import type { MetaStore } from './store/meta.js';
import { SessionList } from './store/session-list.js';
import type { SessionsRepo } from './store/sessions-repo.js';
import type { Timers } from './timers.js';

export interface ReportingTuning extends OutboxTiming {
  /** A digest goes out this long after the last event of its occurrence (or when the occurrence ends). */
  digestQuietMs: number;
}

export const DEFAULT_REPORTING_TUNING: ReportingTuning = { firstRetryMs: 30_000, maxRetryMs: 5 * 60_000, giveUpAfterMs: 24 * 3_600_000, digestQuietMs: 2 * 60_000 };

export interface ReportingDeps {
  db: Database;
  meta: MetaStore;
  box: SecretBox;
  collection: <T extends { id: string; updatedAt: string }>(kind: string, schema: z.ZodType<T>, options?: CollectionOptions<T>) => EntityCollection<T>;
  tenantDocs: EntityCollection<Tenant>;
  computerDocs: EntityCollection<StoredComputer>;
  softwareDocs: EntityCollection<Software>;
  deploymentDocs: EntityCollection<Deployment>;
  computers: ComputerDirectory;
  detections: DetectionsRepo;
  sessions: SessionsRepo;
  logs: LogsRepo;
  maintenance: MaintenanceService;
  deployments: DeploymentsService;
  settings: SettingsService;
  events: EventBus;
  groupsOf: (computerId: string) => string[];
  clock: Clock;
  timers: Timers;
  logger: Logger;
  mailSender: MailSender;
  /** The console's address for links in mails (the web console's URL), or null. */
  consoleUrl: () => string | null;
  upcomingWindows: UpcomingWindows;
  windowName: (id: string) => string | null;
  /** A manual run's notification choice when the request has none (the automated-maintenance setting). */
  defaultNotify: () => NotifyPreference;
  tuning: ReportingTuning;
}

export interface Reporting {
  handlers: Handlers<
    | keyof typeof import('../../shared/api/sessions.js').sessionsApi
    | keyof typeof import('../../shared/api/compliance.js').complianceApi
    | keyof typeof import('../../shared/api/notifications.js').notificationsApi
    | keyof typeof import('../../shared/api/dashboard.js').dashboardApi
  >;
  /** The API view of a reporting entity in the change feed, or undefined. */
  readEntity(kind: string, id: string): unknown;
  start(): void;
  /** Startup warm-up (in slices): what the sessions list needs before its first sort by computer. */
  warm(): Promise<void>;
  dispose(): Promise<void>;
}

export function createReporting(d: ReportingDeps): Reporting {
  const computerName = (id: string): string | null => {
    const c = d.computerDocs.get(id);
    return c ? (c.customName ?? c.hostName) : null;
  };
  const tenantName = (id: string) => d.tenantDocs.get(id)?.name ?? null;
  const names = { computerName, tenantName };
  const list = new SessionList(d.db, () => new Map(d.computerDocs.all().map((c) => [c.id, c.customName ?? c.hostName])));
  const listing = new SessionListing(list, names);
  const listChanges = d.events.subscribe((event) => {
    if (event.type === 'session') list.invalidate();
  });
  const followUps = new SessionFollowUps(d.sessions, d.maintenance, (id) => d.deployments.exists(id));
  const logText = new SessionLogText(d.sessions, d.logs, computerName);

  const compliance = new ComplianceService({
    computers: () => d.computers.all(),
    deployments: d.deploymentDocs,
    software: d.softwareDocs,
    detections: d.detections,
    groupsOf: d.groupsOf,
    staleAfterHours: () => d.settings.get().compliance.staleAfterHours,
    clock: d.clock,
  });
  const dashboard = new DashboardService({
    db: d.db,
    list,
    names,
    computers: (tenantId) => d.computers.list(tenantId),
    compliance,
    upcomingWindows: d.upcomingWindows,
    clock: d.clock,
  });

  const ruleDocs = d.collection('notification-rule', NotificationRule);
  // Each console sends its own mail: the SMTP settings stay here with the sealed password they go
  // with (a teammate would get a server without its password); rules are shared with the team.
  const smtpDocs = d.collection('smtp-settings', SmtpSettings, { shared: false });
  const smtp = new SmtpConfig(smtpDocs, d.meta, d.box, d.clock);
  const rules = new RulesService(ruleDocs, (id) => d.tenantDocs.get(id) !== undefined, d.clock);
  const outbox = new OutboxRepo(d.db);
  const worker = new OutboxWorker(outbox, smtp, d.mailSender, d.clock, d.timers, d.logger, d.tuning, (mail) => d.events.emit({ type: 'mail', mail }));
  // The renderer routes by hash (the same build runs from http:// and app://).
  const links: Links = {
    session: (id) => {
      const base = d.consoleUrl();
      return base ? `${base}/#/sessions/${encodeURIComponent(id)}` : null;
    },
    sessions: (filters) => {
      const base = d.consoleUrl();
      return base ? `${base}/#/sessions?${new URLSearchParams(filters).toString()}` : null;
    },
  };
  const noticeNames = {
    computer: computerName,
    tenant: tenantName,
    software: (id: string) => d.softwareDocs.get(id)?.name ?? null,
    deployment: (id: string) => d.deploymentDocs.get(id)?.name ?? null,
  };
  const notifier = new Notifier({
    db: d.db,
    sessions: d.sessions,
    rules,
    outbox,
    worker,
    digests: new DigestQueue(d.db, d.tuning.digestQuietMs),
    watch: new ComplianceWatch(d.db, compliance),
    names: noticeNames,
    links,
    windowName: d.windowName,
    settings: () => d.settings.get(),
    events: d.events,
    clock: d.clock,
    timers: d.timers,
    logger: d.logger,
    giveUpAfterMs: d.tuning.giveUpAfterMs,
  });
  const notifications = new NotificationsService({
    smtp,
    sender: d.mailSender,
    outbox,
    worker,
    sessions: d.sessions,
    names: noticeNames,
    links,
    windowName: d.windowName,
    clock: d.clock,
    giveUpAfterMs: d.tuning.giveUpAfterMs,
  });

  const exists = {
    tenant: (id: string) => d.tenantDocs.get(id) !== undefined,
    deployment: (id: string) => d.deploymentDocs.get(id) !== undefined,
    computer: (id: string) => d.computers.stored(id) !== undefined,
  };
  const csvNames = {
    computer: (id: string) => computerName(id) ?? id,
    tenant: (id: string) => tenantName(id) ?? id,
    deployment: (id: string) => d.deploymentDocs.get(id)?.name ?? id,
  };

  return {
    handlers: {
      ...sessionHandlers({ maintenance: d.maintenance, sessions: d.sessions, logs: d.logs, deployments: d.deployments, defaultNotify: d.defaultNotify, listing, followUps, logText }),
      ...complianceHandlers({ compliance, maintenance: d.maintenance, names: csvNames, exists, clock: d.clock }),
      ...notificationHandlers({ smtp, rules, notifications }),
      ...dashboardHandlers({ dashboard }),
    },
    readEntity(kind, id) {
      if (kind === 'notification-rule') return ruleDocs.get(id);
      if (kind === 'smtp-settings') return smtp.get() ?? undefined;
      return undefined;
    },
    start() {
      notifier.start();
    },
    // The names table for sorting by computer is built once, off the first request's path.
    warm: () => list.warm(),
    async dispose() {
      listChanges.dispose();
      notifier.dispose();
      await worker.dispose();
    },
  };
}
