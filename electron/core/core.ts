// Builds the console core from its parts: store, keys, gateway, services, session runner, API.
// Both composition roots (the web console and Electron's main) call this and add their transports.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from '../../shared/model/deployment.js';
import { Software } from '../../shared/model/software.js';
import { Tenant } from '../../shared/model/tenant.js';
import { Settings } from '../../shared/model/settings.js';
import { Task } from '../../shared/model/task.js';
import { ComputerGroup } from '../../shared/model/group.js';
import { MaintenanceWindow } from '../../shared/model/window.js';
import { groupHandlers } from './api/handlers/groups.js';
import { maintenanceHandlers } from './api/handlers/maintenance.js';
import { windowHandlers } from './api/handlers/windows.js';
import { GroupsService } from './groups/groups-service.js';
import { AutomatedHistory } from './scheduler/automated-history.js';
import { EffectiveWindows } from './scheduler/effective-windows.js';
import { MaintenanceScheduler } from './scheduler/maintenance-scheduler.js';
import { OpeningsJournal } from './scheduler/openings-journal.js';
import { ScheduleView } from './scheduler/schedule-view.js';
import { nodeScheduleTimers, type TimerPort } from './scheduler/timer-port.js';
import { WindowBook } from './scheduler/window-book.js';
import { WindowsService } from './windows/windows-service.js';
import { SettingsService, defaultSettings } from './settings/settings-service.js';
import { settingsHandlers } from './api/handlers/settings.js';
import { newId } from '../../shared/ids.js';
import { ApiDispatcher } from './api/dispatcher.js';
import { computerHandlers } from './api/handlers/computers.js';
import { desktopHandlers } from './api/handlers/desktop.js';
import { libraryHandlers } from './api/handlers/library.js';
import { planningHandlers } from './api/handlers/planning.js';
import { taskHandlers } from './api/handlers/tasks.js';
import { systemHandlers } from './api/handlers/system.js';
import { tenantHandlers } from './api/handlers/tenants.js';
import { ComputerDirectory } from './computers/computer-directory.js';
import { DetectionsRepo } from './computers/detections.js';
import { StoredComputer } from './computers/stored-computer.js';
import { ConsoleKeys } from './crypto/console-keys.js';
import { keyFileSecretBox, type SecretBox } from './crypto/secret-box.js';
import { loadTlsIdentity } from './crypto/tls-certificate.js';
import { EventBus } from './event-bus.js';
import type { DesktopHost, PowerEvents, SecretStorage } from './host.js';
import { AgentGateway } from './gateway/agent-gateway.js';
import { EnrollmentTokens } from './gateway/enrollment-tokens.js';
import { DeploymentsService } from './library/deployments-service.js';
import { SoftwareService } from './library/software-service.js';
import { TasksService } from './library/tasks-service.js';
import { ComputerPlanService } from './library/computer-plan.js';
import { SessionPlanner } from './sessions/session-planner.js';
import { systemClock, createStderrLogger, type Clock, type Logger } from './ports.js';
import { AgentCommands } from './sessions/agent-commands.js';
import { CommandSigner } from './sessions/command-signer.js';
import { LogWriter } from './sessions/log-writer.js';
import { MaintenanceService } from './sessions/maintenance-service.js';
import { SessionRunner, type ActionMetrics } from './sessions/session-runner.js';
import { ChangeLog } from './store/change-log.js';
import { Database } from './store/database.js';
import { EntityCollection, type CollectionOptions } from './store/entity-collection.js';
import { LogsRepo } from './store/logs-repo.js';
import { MetaStore } from './store/meta.js';
import { SessionsRepo } from './store/sessions-repo.js';
import { TenantsService } from './tenants/tenants-service.js';
import { TeamSharing } from './sync/team-sharing.js';
import { WarmUp } from './store/warm-up.js';
import { createReporting, DEFAULT_REPORTING_TUNING, type ReportingTuning } from './reporting.js';
import { smtpMailSender, type MailSender } from './notifications/mail-sender.js';
import { systemTimers } from './timers.js';

export const STEWARD_VERSION = '0.1.0';

export interface CoreTuning extends ReportingTuning {
  heartbeatSeconds: number;
  /** How long a started session waits for its agent to come back. */
  agentWaitMs: number;
  /** How long a manual session that has not started waits for an offline agent. */
  startWaitMs: number;
  scriptTimeoutSeconds: number;
  detectTimeoutSeconds: number;
  updateScanTimeoutSeconds: number;
  updateInstallTimeoutSeconds: number;
  /** How long a restart may take before the computer counts as not coming back. */
  rebootWaitMs: number;
  /** Overrides the setting automatedMaintenance.maxConcurrentSessions (tests). */
  maxConcurrentSessions?: number;
}

export const DEFAULT_TUNING: CoreTuning = {
  heartbeatSeconds: 45,
  agentWaitMs: 10 * 60_000,
  startWaitMs: 24 * 3_600_000,
  scriptTimeoutSeconds: 3600,
  detectTimeoutSeconds: 120,
  updateScanTimeoutSeconds: 15 * 60,
  updateInstallTimeoutSeconds: 4 * 3600,
  rebootWaitMs: 20 * 60_000,
  ...DEFAULT_REPORTING_TUNING,
};

export interface CoreOptions {
  dataDir: string;
  agentHost: string;
  agentPort: number;
  /** The gateway URL agents are told to use (defaults to wss://<agentHost>:<port>). */
  agentPublicUrl?: string;
  secretBox?: SecretBox;
  /** How `secretBox` keeps its key, for system.info (defaults to the key file under dataDir). */
  secretStorage?: SecretStorage;
  /** The desktop app's login item; absent under the web console. */
  desktop?: DesktopHost;
  /** Wake-from-sleep events for the scheduler to re-arm its timers (issue 4); absent under plain Node. */
  powerEvents?: PowerEvents;
  clock?: Clock;
  logger?: Logger;
  tuning?: Partial<CoreTuning>;
  onActionMetrics?: (metrics: ActionMetrics) => void;
  /** Timers for the scheduler (node-schedule by default). */
  timers?: TimerPort;
  /**
   * Whether this console may queue automated maintenance for a computer; the relay plugs in "this
   * console holds its agent". Defaults to every computer.
   */
  ownsComputer?: (computerId: string) => boolean;
  /** Sends notification mail (SMTP by default; tests plug in their own). */
  mailSender?: MailSender;
  /** The console's address for links in notification mails (the web console sets its URL). */
  consoleUrl?: () => string | null;
}

export interface Core {
  readonly dispatcher: ApiDispatcher;
  /** Why an API write is refused on this console (a team viewer's), or null; for every transport. */
  readOnly(method: string): string | null;
  /** One console per computer: may this console's scheduler queue the computer? */
  mayQueue(computerId: string): boolean;
  readonly events: EventBus;
  readonly gateway: AgentGateway;
  readonly agentGatewayUrl: string;
  /** Tells the scheduler the machine woke from sleep (Electron's powerMonitor 'resume'). */
  resume(): void;
  /** Replaces which computers this console's scheduler may queue (the relay's leases). */
  setOwnership(ownsComputer: (computerId: string) => boolean): void;
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
    const keyFile = join(options.dataDir, 'secret.key');
    const box = options.secretBox ?? keyFileSecretBox(keyFile);
    const secretStorage: SecretStorage = options.secretStorage ?? { kind: 'key-file', detail: `secrets are encrypted with the key in ${keyFile}, readable only by its owner` };
    const keys = ConsoleKeys.load(meta, box);
    const tls = await loadTlsIdentity(meta, box);
    const consoleId = meta.getOrCreate('console-id', newId);
    const events = new EventBus();
    const changes = new ChangeLog(db);

    const collection = <T extends { id: string; updatedAt: string }>(kind: string, schema: import('zod').ZodType<T>, options?: CollectionOptions<T>) => new EntityCollection<T>(db, changes, kind, schema, logger, options);
    const tenantDocs = collection('tenant', Tenant);
    const computerDocs = collection('computer', StoredComputer);
    const softwareDocs = collection('software', Software);
    const deploymentDocs = collection('deployment', Deployment);
    const taskDocs = collection('task', Task);
    const settings = new SettingsService(collection('settings', Settings, { baseline: (id) => (id === 'global' ? defaultSettings() : undefined) }), clock);
    const windowDocs = collection('window', MaintenanceWindow);
    const groupDocs = collection('group', ComputerGroup);
    const timers = options.timers ?? nodeScheduleTimers(clock);
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

    const team = new TeamSharing({ db, meta, box, consoleId, gateway, events, clock, logger });
    const windowsService = new WindowsService(windowDocs, tenantDocs, groupDocs, clock);
    const groups = new GroupsService(groupDocs, { tenants: tenantDocs, computers: computerDocs, deployments: deploymentDocs, windowExists: (id) => windowsService.exists(id) }, clock);
    const logs = new LogWriter(db, logsRepo, events, clock);
    const commands = new AgentCommands(gateway, new CommandSigner(keys, clock));
    const windowsUpdates = () => settings.get().windowsUpdates;
    const planner = new SessionPlanner({
      software: softwareDocs,
      tasks: taskDocs,
      deployments: deploymentDocs,
      groupsOf: (computerId) => groups.groupsOf(computerId),
      windowsUpdates,
      options: { detectTimeoutSeconds: tuning.detectTimeoutSeconds, updateScanTimeoutSeconds: tuning.updateScanTimeoutSeconds },
    });
    const runner = new SessionRunner({
      db, sessions, logs, events, commands, computers, detections, clock, logger, planner, windowsUpdates,
      software: softwareDocs,
      tasks: taskDocs,
      deployments: deploymentDocs,
      options: {
        agentWaitMs: tuning.agentWaitMs,
        scriptTimeoutSeconds: tuning.scriptTimeoutSeconds,
        detectTimeoutSeconds: tuning.detectTimeoutSeconds,
        updateScanTimeoutSeconds: tuning.updateScanTimeoutSeconds,
        updateInstallTimeoutSeconds: tuning.updateInstallTimeoutSeconds,
        rebootWaitMs: tuning.rebootWaitMs,
      },
      ...(options.onActionMetrics ? { onActionMetrics: options.onActionMetrics } : {}),
    });
    const maintenance = new MaintenanceService(sessions, runner, computers, team.gateway, logs, events, clock, logger, {
      maxConcurrentSessions: options.tuning?.maxConcurrentSessions ?? settings.get().automatedMaintenance.maxConcurrentSessions,
      startWaitMs: tuning.startWaitMs,
      transaction: (fn) => db.tx(fn),
      timers,
    });
    const settingsSubscription = settings.onChange((s) => {
      if (options.tuning?.maxConcurrentSessions === undefined) maintenance.maxConcurrentSessions = s.automatedMaintenance.maxConcurrentSessions;
    });
    const tenants = new TenantsService(tenantDocs, clock, (id) => windowsService.exists(id));
    const software = new SoftwareService(softwareDocs, deploymentDocs, clock);
    const tasks = new TasksService(taskDocs, deploymentDocs, clock);
    tasks.ensureBuiltIns();
    const deployments = new DeploymentsService(
      deploymentDocs,
      { software: softwareDocs, tenants: tenantDocs, computers: computerDocs, groupExists: (id) => groups.exists(id), task: (id) => taskDocs.get(id), checkParameters: (t, v, f) => tasks.checkParameters(t, v, f) },
      clock,
    );
    const plans = new ComputerPlanService({
      planner, computers, commands, clock,
      isOnline: (id) => gateway.isOnline(id),
      itemName: (kind, id) => (kind === 'software' ? softwareDocs.get(id)?.name : taskDocs.get(id)?.name),
      deploymentExists: (id) => deployments.exists(id),
    });

    const book = new WindowBook(windowDocs);
    const assignments = new EffectiveWindows(tenantDocs, groupDocs, computerDocs);
    const journal = new OpeningsJournal(db);
    const scheduler = new MaintenanceScheduler({
      clock, timers, book, assignments, journal, settings, maintenance, sessions, events, logger,
      history: new AutomatedHistory(db),
      meta,
      // One console per computer: in a team, only computers this console holds the lease of.
      ownsComputer: options.ownsComputer ?? ((id) => team.mayQueue(id)),
    });
    const schedule = new ScheduleView({ clock, book, assignments, openings: scheduler.openings, settings: () => settings.get().automatedMaintenance, ownsComputer: (id) => scheduler.owns(id) });

    const reporting = createReporting({
      db, meta, box, collection, tenantDocs, computerDocs, softwareDocs, deploymentDocs, computers, detections, sessions,
      logs: logsRepo, maintenance, deployments, settings, events, clock, logger,
      groupsOf: (computerId) => groups.groupsOf(computerId),
      timers: systemTimers,
      mailSender: options.mailSender ?? smtpMailSender,
      consoleUrl: options.consoleUrl ?? (() => null),
      upcomingWindows: (_now, limit) => schedule.upcoming(limit).map((o) => ({ windowId: o.windowId, name: o.windowName, start: o.start, end: o.end, computers: o.computers })),
      windowName: (id) => windowDocs.get(id)?.name ?? null,
      defaultNotify: () => settings.get().automatedMaintenance.notify,
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
        case 'task':
          return taskDocs.get(id);
        case 'settings':
          return settings.get();
        case 'window':
          return windowDocs.get(id);
        case 'group':
          return groupDocs.get(id);
        default:
          return reporting.readEntity(kind, id);
      }
    };
    const dispatcher = new ApiDispatcher(
      {
        ...tenantHandlers({ tenants, tokens, agentCommand }),
        ...computerHandlers({ computers, gateway, schedule }),
        ...windowHandlers({ windows: windowsService }),
        ...groupHandlers({ groups }),
        ...maintenanceHandlers({ maintenance, computers, schedule, journal, automatedEnabled: () => settings.get().automatedMaintenance.enabled }),
        ...libraryHandlers({ software, deployments }),
        ...taskHandlers({ tasks }),
        ...planningHandlers({ plans }),
        ...team.wrapSessionHandlers(reporting.handlers),
        ...settingsHandlers({ settings }),
        ...team.handlers(),
        ...systemHandlers({ changes, read: readEntity, info: () => ({ version: STEWARD_VERSION, consoleId, agentGatewayUrl: gatewayUrl, startedAt, secretStorage }) }),
        ...desktopHandlers(options.desktop ?? null),
      },
      logger,
      (method) => team.readOnly(method),
    );
    const changeFeed = changes.onChange((cursor) => {
      events.emit({ type: 'changes', cursor });
      scheduler.changesRecorded();
    });
    maintenance.start();
    // Teammates' computers show online while their agent is connected to a teammate's console.
    computers.onlineElsewhere = (id) => team.presence.onlineElsewhere(id);
    team.presence.onRemoteChange = (id) => computers.announce(id);
    team.start({
      run: (input) => maintenance.run({ computerIds: input.computerIds, deploymentIds: input.deploymentIds, priority: input.priority, notify: input.notify ?? settings.get().automatedMaintenance.notify }, (id) => deployments.exists(id)),
      computerExists: (id) => computers.stored(id) !== undefined,
      deploymentExists: (id) => deployments.exists(id),
    });
    // Through the leased view: in a team a computer counts as connected here once this console holds it.
    const connects = team.gateway.onConnect((link) => scheduler.computerConnected(link.computerId));
    scheduler.start();
    const resumes = options.powerEvents?.onResume(() => scheduler.resume());
    reporting.start();
    // The caches the first screens read (10,000 computers take ~0.5 s to load) fill in the
    // background, in slices, so the page loading meanwhile is served between them.
    const warmUp = new WarmUp(
      [
        ...[computerDocs, tenantDocs, softwareDocs, deploymentDocs, taskDocs, windowDocs, groupDocs].map((c) => ({ name: c.kind, run: () => c.warm() })),
        { name: 'detections', run: () => detections.warm() },
        { name: 'session list', run: () => reporting.warm() },
      ],
      (name, error) => logger.error('warm-up step failed', { step: name, error: (error as Error).stack }),
    );
    void warmUp.start();

    return {
      dispatcher,
      readOnly: (method) => team.readOnly(method),
      mayQueue: (computerId) => team.mayQueue(computerId),
      events,
      gateway,
      agentGatewayUrl: gatewayUrl,
      resume: () => scheduler.resume(),
      setOwnership: (ownsComputer) => scheduler.setOwnership(ownsComputer),
      async dispose() {
        warmUp.stop();
        await resumes?.dispose();
        scheduler.dispose();
        connects.dispose();
        maintenance.interrupt();
        plans.dispose();
        team.dispose();
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
