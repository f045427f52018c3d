// Builds the console core from its parts: store, keys, gateway, services, session runner, API.
// Both composition roots (the web console and Electron's main) call this and add their transports.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from '../../shared/model/deployment.js';
import { Software } from '../../shared/model/software.js';
import { Tenant } from '../../shared/model/tenant.js';
import { Settings } from '../../shared/model/settings.js';
import { SettingsService } from './settings/settings-service.js';
import { settingsHandlers } from './api/handlers/settings.js';
import { newId } from '../../shared/ids.js';
import { ApiDispatcher } from './api/dispatcher.js';
import { computerHandlers } from './api/handlers/computers.js';
import { libraryHandlers } from './api/handlers/library.js';
import { systemHandlers } from './api/handlers/system.js';
import { tenantHandlers } from './api/handlers/tenants.js';
import { ComputerDirectory } from './computers/computer-directory.js';
import { DetectionsRepo } from './computers/detections.js';
import { StoredComputer } from './computers/stored-computer.js';
import { ConsoleKeys } from './crypto/console-keys.js';
import { keyFileSecretBox, type SecretBox } from './crypto/secret-box.js';
import { loadTlsIdentity } from './crypto/tls-certificate.js';
import { EventBus } from './event-bus.js';
import { AgentGateway } from './gateway/agent-gateway.js';
import { EnrollmentTokens } from './gateway/enrollment-tokens.js';
import { DeploymentsService } from './library/deployments-service.js';
import { SoftwareService } from './library/software-service.js';
import { systemClock, createStderrLogger, type Clock, type Logger } from './ports.js';
import { AgentCommands } from './sessions/agent-commands.js';
import { CommandSigner } from './sessions/command-signer.js';
import { LogWriter } from './sessions/log-writer.js';
import { MaintenanceService } from './sessions/maintenance-service.js';
import { SessionRunner, type ActionMetrics } from './sessions/session-runner.js';
import { ChangeLog } from './store/change-log.js';
import { Database } from './store/database.js';
import { EntityCollection } from './store/entity-collection.js';
import { LogsRepo } from './store/logs-repo.js';
import { MetaStore } from './store/meta.js';
import { SessionsRepo } from './store/sessions-repo.js';
import { TenantsService } from './tenants/tenants-service.js';
import { createReporting, DEFAULT_REPORTING_TUNING, type ReportingTuning } from './reporting.js';
import type { UpcomingWindows } from './dashboard/dashboard-service.js';
import { smtpMailSender, type MailSender } from './notifications/mail-sender.js';
import { systemTimers, type Timers } from './timers.js';

export const STEWARD_VERSION = '0.1.0';

export interface CoreTuning extends ReportingTuning {
  heartbeatSeconds: number;
  /** How long a started session waits for its agent to come back. */
  agentWaitMs: number;
  /** How long a manual session that has not started waits for an offline agent. */
  startWaitMs: number;
  scriptTimeoutSeconds: number;
  detectTimeoutSeconds: number;
  /** Overrides the setting automatedMaintenance.maxConcurrentSessions (tests). */
  maxConcurrentSessions?: number;
}

export const DEFAULT_TUNING: CoreTuning = {
  heartbeatSeconds: 45,
  agentWaitMs: 10 * 60_000,
  startWaitMs: 24 * 3_600_000,
  scriptTimeoutSeconds: 3600,
  detectTimeoutSeconds: 120,
  ...DEFAULT_REPORTING_TUNING,
};

export interface CoreOptions {
  dataDir: string;
  agentHost: string;
  agentPort: number;
  /** The gateway URL agents are told to use (defaults to wss://<agentHost>:<port>). */
  agentPublicUrl?: string;
  secretBox?: SecretBox;
  clock?: Clock;
  logger?: Logger;
  tuning?: Partial<CoreTuning>;
  onActionMetrics?: (metrics: ActionMetrics) => void;
  timers?: Timers;
  mailSender?: MailSender;
  /** The console's address for links in notification mails (the web console sets its URL). */
  consoleUrl?: () => string | null;
  /** The next maintenance window occurrences, for the dashboard (extension point for the windows service). */
  upcomingWindows?: UpcomingWindows;
}

export interface Core {
  readonly dispatcher: ApiDispatcher;
  readonly events: EventBus;
  readonly gateway: AgentGateway;
  readonly agentGatewayUrl: string;
  dispose(): Promise<void>;
}

/** Opens the store, starts the agent gateway and resumes unfinished sessions. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createStderrLogger('core');
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = Database.open(join(options.dataDir, 'steward.db'));
  try {
    const meta = new MetaStore(db);
    const box = options.secretBox ?? keyFileSecretBox(join(options.dataDir, 'secret.key'));
    const keys = ConsoleKeys.load(meta, box);
    const tls = await loadTlsIdentity(meta, box);
    const consoleId = meta.getOrCreate('console-id', newId);
    const events = new EventBus();
    const changes = new ChangeLog(db);

    const collection = <T extends { id: string; updatedAt: string }>(kind: string, schema: import('zod').ZodType<T>) => new EntityCollection<T>(db, changes, kind, schema, logger);
    const tenantDocs = collection('tenant', Tenant);
    const computerDocs = collection('computer', StoredComputer);
    const softwareDocs = collection('software', Software);
    const deploymentDocs = collection('deployment', Deployment);
    const settings = new SettingsService(collection('settings', Settings), clock);
    const detections = new DetectionsRepo(db);
    const sessions = new SessionsRepo(db);
    const logsRepo = new LogsRepo(db);

    let gatewayUrl = '';
    const tokens = new EnrollmentTokens(db, clock, () => ({ gatewayUrl, fingerprint: tls.fingerprint, publicKey: keys.publicKeyBase64 }));
    const computers = new ComputerDirectory(db, computerDocs, tenantDocs, softwareDocs, detections, tokens, events, clock, logger);
    const gateway = new AgentGateway({ host: options.agentHost, port: options.agentPort, tls, heartbeatSeconds: tuning.heartbeatSeconds }, computers, clock, logger);
    await gateway.start();
    const host = options.agentHost === '0.0.0.0' || options.agentHost === '::' ? '127.0.0.1' : options.agentHost;
    gatewayUrl = options.agentPublicUrl ?? `wss://${host}:${gateway.port}`;

    const logs = new LogWriter(db, logsRepo, events, clock);
    const commands = new AgentCommands(gateway, new CommandSigner(keys, clock));
    const runner = new SessionRunner({
      db, sessions, logs, events, commands, computers, detections, clock, logger,
      software: softwareDocs,
      deployments: deploymentDocs,
      groupsOf: () => [],
      options: { agentWaitMs: tuning.agentWaitMs, scriptTimeoutSeconds: tuning.scriptTimeoutSeconds, detectTimeoutSeconds: tuning.detectTimeoutSeconds },
      ...(options.onActionMetrics ? { onActionMetrics: options.onActionMetrics } : {}),
    });
    const maintenance = new MaintenanceService(sessions, runner, computers, gateway, logs, events, clock, logger, {
      maxConcurrentSessions: options.tuning?.maxConcurrentSessions ?? settings.get().automatedMaintenance.maxConcurrentSessions,
      startWaitMs: tuning.startWaitMs,
    });
    const settingsSubscription = settings.onChange((s) => {
      if (options.tuning?.maxConcurrentSessions === undefined) maintenance.maxConcurrentSessions = s.automatedMaintenance.maxConcurrentSessions;
    });
    const tenants = new TenantsService(tenantDocs, clock, () => false);
    const software = new SoftwareService(softwareDocs, deploymentDocs, clock);
    const deployments = new DeploymentsService(deploymentDocs, { software: softwareDocs, tenants: tenantDocs, computers: computerDocs, groupExists: () => false, taskExists: () => false }, clock);

    const reporting = createReporting({
      db, meta, box, collection, tenantDocs, computerDocs, softwareDocs, deploymentDocs, computers, detections, sessions,
      logs: logsRepo, maintenance, deployments, settings, events, clock, logger,
      groupsOf: () => [],
      timers: options.timers ?? systemTimers,
      mailSender: options.mailSender ?? smtpMailSender,
      consoleUrl: options.consoleUrl ?? (() => null),
      upcomingWindows: options.upcomingWindows ?? null,
      windowName: () => null,
      tuning,
    });

    const startedAt = new Date(clock.now()).toISOString();
    const agentCommand = (token: string) => `npm run agent -- --token ${token} --data-dir ./steward-agent`;
    const readEntity = (kind: string, id: string): unknown => {
      switch (kind) {
        case 'tenant':
          return tenantDocs.get(id);
        case 'computer':
          return computers.get(id);
        case 'software':
          return softwareDocs.get(id);
        case 'deployment':
          return deploymentDocs.get(id);
        case 'settings':
          return settings.get();
        default:
          return reporting.readEntity(kind, id);
      }
    };
    const dispatcher = new ApiDispatcher(
      {
        ...tenantHandlers({ tenants, tokens, agentCommand }),
        ...computerHandlers({ computers, gateway }),
        ...libraryHandlers({ software, deployments }),
        ...reporting.handlers,
        ...settingsHandlers({ settings }),
        ...systemHandlers({ changes, read: readEntity, info: () => ({ version: STEWARD_VERSION, consoleId, agentGatewayUrl: gatewayUrl, startedAt }) }),
      },
      logger,
    );
    const changeFeed = changes.onChange((cursor) => events.emit({ type: 'changes', cursor }));
    maintenance.start();
    reporting.start();

    return {
      dispatcher,
      events,
      gateway,
      agentGatewayUrl: gatewayUrl,
      async dispose() {
        maintenance.interrupt();
        await gateway.dispose();
        await maintenance.dispose();
        await reporting.dispose();
        changeFeed.dispose();
        settingsSubscription.dispose();
        logs.dispose();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
