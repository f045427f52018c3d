// The scheduler with its real neighbours (SQLite store, session queue, maintenance service, effective
// windows) on a fake clock, with fake agents: a session "runs" for a set time and completes or fails
// as the test says. A harness can be restarted on the same database, as a console would be.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComputerGroup } from '../../shared/model/group.js';
import { Settings, type SettingsPatch } from '../../shared/model/settings.js';
import { Tenant } from '../../shared/model/tenant.js';
import { MaintenanceWindow, WindowFields } from '../../shared/model/window.js';
import { newId } from '../../shared/ids.js';
import { StoredComputer } from '../../electron/core/computers/stored-computer.js';
import { EventBus } from '../../electron/core/event-bus.js';
import { silentLogger } from '../../electron/core/ports.js';
import { AutomatedHistory } from '../../electron/core/scheduler/automated-history.js';
import { EffectiveWindows } from '../../electron/core/scheduler/effective-windows.js';
import { MaintenanceScheduler } from '../../electron/core/scheduler/maintenance-scheduler.js';
import { OpeningsJournal } from '../../electron/core/scheduler/openings-journal.js';
import { ScheduleView } from '../../electron/core/scheduler/schedule-view.js';
import { WindowBook } from '../../electron/core/scheduler/window-book.js';
import { StoppedError } from '../../electron/core/sessions/agent-commands.js';
import { LogWriter } from '../../electron/core/sessions/log-writer.js';
import { MaintenanceService } from '../../electron/core/sessions/maintenance-service.js';
import { SettingsService } from '../../electron/core/settings/settings-service.js';
import { ChangeLog } from '../../electron/core/store/change-log.js';
import { Database } from '../../electron/core/store/database.js';
import { EntityCollection } from '../../electron/core/store/entity-collection.js';
import { LogsRepo } from '../../electron/core/store/logs-repo.js';
import { MetaStore } from '../../electron/core/store/meta.js';
import { SessionsRepo, summaryOf, type SessionRecord } from '../../electron/core/store/sessions-repo.js';
import { FakeTime } from './fake-time.js';

export type Outcome = 'completed' | 'failed';

/** What the fake agents do: how long a session takes, and how it ends. */
export interface AgentBehaviour {
  durationMs: (computerId: string) => number;
  outcome: (computerId: string, session: SessionRecord) => Outcome;
}

export interface HarnessOptions {
  limit?: number;
  ownsComputer?: (id: string) => boolean;
  watchIntervalMs?: number;
}

type ConnectListener = (link: { computerId: string }) => void;

class FakeGateway {
  readonly online = new Set<string>();
  private readonly connectListeners = new Set<ConnectListener>();
  private readonly disconnectListeners = new Set<ConnectListener>();
  isOnline = (id: string) => this.online.has(id);
  onConnect(l: ConnectListener) {
    this.connectListeners.add(l);
    return { dispose: () => void this.connectListeners.delete(l) };
  }
  onDisconnect(l: ConnectListener) {
    this.disconnectListeners.add(l);
    return { dispose: () => void this.disconnectListeners.delete(l) };
  }
  connect(id: string) {
    this.online.add(id);
    for (const l of this.connectListeners) l({ computerId: id });
  }
  disconnect(id: string) {
    this.online.delete(id);
    for (const l of this.disconnectListeners) l({ computerId: id });
  }
}

export class SchedulerHarness {
  readonly db: Database;
  readonly sessions: SessionsRepo;
  readonly events = new EventBus();
  readonly windows: EntityCollection<MaintenanceWindow>;
  readonly groups: EntityCollection<ComputerGroup>;
  readonly tenants: EntityCollection<Tenant>;
  readonly computers: EntityCollection<StoredComputer>;
  readonly settings: SettingsService;
  readonly gateway = new FakeGateway();
  readonly maintenance: MaintenanceService;
  readonly scheduler: MaintenanceScheduler;
  readonly view: ScheduleView;
  readonly journal: OpeningsJournal;
  running = 0;
  maxRunning = 0;
  private readonly logs: LogWriter;

  constructor(
    readonly time: FakeTime,
    readonly dir: string,
    readonly agents: AgentBehaviour,
    options: HarnessOptions = {},
  ) {
    this.db = Database.open(join(dir, 'steward.db'));
    const changes = new ChangeLog(this.db);
    const collection = <T extends { id: string; updatedAt: string }>(kind: string, schema: import('zod').ZodType<T>) => new EntityCollection<T>(this.db, changes, kind, schema, silentLogger);
    this.windows = collection('window', MaintenanceWindow);
    this.groups = collection('group', ComputerGroup);
    this.tenants = collection('tenant', Tenant);
    this.computers = collection('computer', StoredComputer);
    this.settings = new SettingsService(collection('settings', Settings), time);
    this.sessions = new SessionsRepo(this.db);
    this.logs = new LogWriter(this.db, new LogsRepo(this.db), this.events, time);
    const runner = { run: (id: string, control: { signal: AbortSignal }) => this.runSession(id, control.signal) };
    const computers = { stored: (id: string) => (this.computers.get(id)?.revoked === false ? this.computers.get(id) : undefined) };
    this.maintenance = new MaintenanceService(this.sessions, runner, computers, this.gateway, this.logs, this.events, time, silentLogger, {
      maxConcurrentSessions: options.limit ?? this.settings.get().automatedMaintenance.maxConcurrentSessions,
      startWaitMs: 24 * 3_600_000,
      transaction: (fn) => this.db.tx(fn),
      timers: time,
    });
    this.settings.onChange((s) => (this.maintenance.maxConcurrentSessions = options.limit ?? s.automatedMaintenance.maxConcurrentSessions));
    const book = new WindowBook(this.windows);
    const assignments = new EffectiveWindows(this.tenants, this.groups, this.computers);
    this.journal = new OpeningsJournal(this.db);
    this.scheduler = new MaintenanceScheduler({
      clock: time,
      timers: time,
      book,
      assignments,
      history: new AutomatedHistory(this.db),
      journal: this.journal,
      settings: this.settings,
      maintenance: this.maintenance,
      sessions: this.sessions,
      events: this.events,
      meta: new MetaStore(this.db),
      logger: silentLogger,
      ...(options.ownsComputer ? { ownsComputer: options.ownsComputer } : {}),
      ...(options.watchIntervalMs ? { watchIntervalMs: options.watchIntervalMs } : {}),
    });
    this.view = new ScheduleView({ clock: time, book, assignments, openings: this.scheduler.openings, settings: () => this.settings.get().automatedMaintenance, ownsComputer: (id) => this.scheduler.owns(id) });
    changes.onChange(() => this.scheduler.changesRecorded());
    this.gateway.onConnect((link) => this.scheduler.computerConnected(link.computerId));
  }

  static create(startIso: string, agents: Partial<AgentBehaviour> = {}, options: HarnessOptions = {}): SchedulerHarness {
    const dir = mkdtempSync(join(tmpdir(), 'steward-scheduler-'));
    return new SchedulerHarness(new FakeTime(startIso), dir, { durationMs: () => 60_000, outcome: () => 'completed', ...agents }, options);
  }

  start(): this {
    this.maintenance.start();
    this.scheduler.start();
    return this;
  }

  /** Stops this console (the fake agents' connections end with it) and starts another on the same store. */
  async restart(options: { downMs?: number; online?: string[]; limit?: number } = {}): Promise<SchedulerHarness> {
    await this.stop();
    this.time.sleep(options.downMs ?? 0);
    const next = new SchedulerHarness(this.time, this.dir, this.agents, options.limit !== undefined ? { limit: options.limit } : {});
    for (const id of options.online ?? []) next.gateway.online.add(id);
    return next.start();
  }

  async stop(): Promise<void> {
    this.scheduler.dispose();
    await this.maintenance.dispose();
    this.logs.dispose();
    this.db.close();
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  enable(patch: NonNullable<SettingsPatch['automatedMaintenance']> = {}): void {
    this.settings.update({ automatedMaintenance: { enabled: true, ...patch } });
  }

  addTenant(windowId: string | null = null): string {
    const now = this.time.iso;
    return this.tenants.put({ id: newId(), name: `tenant-${this.tenants.size + 1}`, windowId, createdAt: now, updatedAt: now }).id;
  }

  addComputers(tenantId: string, count: number, online = true): string[] {
    const now = this.time.iso;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = newId();
      this.computers.put({ id, tenantId, customName: `pc-${this.computers.size + 1}`, hostName: 'host', os: { platform: 'linux', name: 'Debian', version: '12', arch: 'x64' }, agentVersion: '0.1.0', enrolledAt: now, lastSeenAt: now, revoked: false, updatedAt: now });
      if (online) this.gateway.online.add(id);
      ids.push(id);
    }
    return ids;
  }

  addWindow(fields: Partial<import('zod').input<typeof WindowFields>> = {}): MaintenanceWindow {
    const parsed = WindowFields.parse({ name: 'Nightly', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '01:00', end: '05:00', timeZone: 'UTC', ...fields });
    const now = this.time.iso;
    return this.windows.put({ id: newId(), ...parsed, createdAt: now, updatedAt: now });
  }

  addGroup(tenantId: string, computerIds: string[], windowId: string | null, order = this.groups.size): ComputerGroup {
    const now = this.time.iso;
    return this.groups.put({ id: newId(), tenantId, name: `group-${order}`, computerIds, windowId, order, createdAt: now, updatedAt: now });
  }

  /** Every session, oldest first. */
  all(): SessionRecord[] {
    const rows = this.db.prepare('SELECT id FROM sessions ORDER BY created_at, id').all();
    return rows.map((r) => this.sessions.get(String(r.id))!);
  }

  automated(): SessionRecord[] {
    return this.all().filter((s) => s.trigger !== 'manual');
  }

  private async runSession(id: string, signal: AbortSignal): Promise<void> {
    const session = this.sessions.get(id)!;
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    this.setStatus(session, { status: 'in-progress', startedAt: this.time.iso, phase: 'planned' });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = this.time.at(this.time.now() + this.agents.durationMs(session.computerId), resolve);
        signal.addEventListener('abort', () => {
          timer.dispose();
          reject(new StoppedError());
        });
      });
      const outcome = this.agents.outcome(session.computerId, session);
      this.setStatus(session, { status: outcome, endedAt: this.time.iso, phase: 'done', reason: outcome === 'failed' ? 'install failed' : null });
    } finally {
      this.running--;
    }
  }

  private setStatus(session: SessionRecord, patch: Partial<SessionRecord>): void {
    this.sessions.update(session.id, patch);
    Object.assign(session, patch);
    this.events.emit({ type: 'session', session: summaryOf(session) });
  }
}
