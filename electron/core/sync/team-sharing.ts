// Composes team sharing for the console core: the sync engine hooked into every entity collection,
// session summaries, leases (one console per computer), the relay client and the team API.
import type { teamApi } from '../../../shared/api/team.js';
import type { Handlers } from '../api/handlers.js';
import { teamHandlers } from '../api/handlers/team.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { ApiError } from '../errors.js';
import type { EventBus } from '../event-bus.js';
import type { AgentGateway } from '../gateway/agent-gateway.js';
import type { Clock, Logger } from '../ports.js';
import type { Database } from '../store/database.js';
import type { MetaStore } from '../store/meta.js';
import { text } from '../store/row.js';
import { ComputerLeases } from './computer-leases.js';
import { LeasedGateway } from './leased-gateway.js';
import { ComputerPresence } from './computer-presence.js';
import { SessionSharing } from './session-sharing.js';
import { SyncClient } from './sync-client.js';
import { SyncEngine } from './sync-engine.js';
import { SyncStore } from './sync-store.js';
import { syncRegistryOf } from './synced-kinds.js';
import { TeamMeta } from './team-config.js';
import { TeamRuns, type LocalRunner } from './team-runs.js';
import { TeamService } from './team-service.js';

export interface TeamSharingDeps {
  db: Database;
  meta: MetaStore;
  box: SecretBox;
  consoleId: string;
  gateway: AgentGateway;
  events: EventBus;
  clock: Clock;
  logger: Logger;
}

/** Methods a viewer may still call although they write: leaving the team. */
const ALLOWED_FOR_VIEWERS = new Set(['team.leave']);

export class TeamSharing {
  readonly team: TeamMeta;
  readonly leases: ComputerLeases;
  /** The agent gateway as the maintenance service must see it: available only where this console serves. */
  readonly gateway: LeasedGateway;
  private readonly store: SyncStore;
  private readonly engine: SyncEngine;
  private readonly sessions: SessionSharing;
  readonly presence: ComputerPresence;
  private runs: TeamRuns | null = null;
  private readonly sync: SyncClient;
  private readonly service: TeamService;
  private readonly subscriptions: { dispose(): void }[] = [];
  private statusTimer: NodeJS.Timeout | null = null;

  constructor(private readonly d: TeamSharingDeps) {
    this.team = new TeamMeta(d.meta);
    this.store = new SyncStore(d.db);
    this.engine = new SyncEngine(d.db, this.store, this.team, syncRegistryOf(d.db), () => d.clock.now(), d.logger);
    this.leases = new ComputerLeases(d.db, this.team, d.consoleId, (id) => d.gateway.isOnline(id), d.logger);
    this.gateway = new LeasedGateway(d.gateway, this.leases);
    this.sessions = new SessionSharing(d.db, d.events, d.consoleId, () => d.clock.now(), d.logger);
    this.presence = new ComputerPresence(d.db, this.team, d.consoleId, d.gateway, d.events);
    this.sync = new SyncClient({
      db: d.db,
      engine: this.engine,
      store: this.store,
      team: this.team,
      leases: this.leases,
      box: d.box,
      logger: d.logger,
      enrolledComputers: () => d.db.prepare('SELECT computer_id FROM agent_keys WHERE revoked_at IS NULL').all().map((r) => text(r.computer_id)),
      runForwarded: (request, from) => (this.runs ? this.runs.runForwarded(request, from) : Promise.resolve({ refused: 'this console is still starting' })),
      onStatus: () => this.statusChanged(),
      onJoined: () => this.presence.publishConnected(),
    });
    this.service = new TeamService({ db: d.db, team: this.team, store: this.store, leases: this.leases, sync: this.sync, box: d.box, consoleId: d.consoleId, clock: d.clock, logger: d.logger });
    // The console holding an agent's connection claims its lease.
    this.subscriptions.push(d.gateway.onConnect((link) => this.leases.want([link.computerId])));
  }

  /** Connects the maintenance service (for forwarded runs) and starts syncing if the console is in a team. */
  start(local: LocalRunner): void {
    this.runs = new TeamRuns(this.team, this.leases, this.sync, local, this.d.consoleId, this.d.logger);
    if (this.team.config && !this.team.config.revoked) {
      this.sync.start();
      const unshared = this.sessions.reconcile();
      if (unshared > 0) this.d.logger.info('sharing session summaries the console had not sent before it stopped', { count: unshared });
    }
  }

  /** May this console's scheduler queue sessions for the computer? (One console per computer.) */
  mayQueue(computerId: string): boolean {
    return this.leases.mayRun(computerId);
  }

  /** Why a write through the API is refused on this console (a viewer's), or null. */
  readOnly(method: string): string | null {
    return ALLOWED_FOR_VIEWERS.has(method) ? null : this.service.readOnlyReason();
  }

  handlers(): Handlers<keyof typeof teamApi> {
    return teamHandlers({ team: this.service });
  }

  /** Manual runs and cancellation become team-aware: forwarded to the serving console, or refused. */
  /** Runs and cancels go to the console that serves the computer; everything else passes through. */
  wrapSessionHandlers<H extends Handlers<'maintenance.run' | 'sessions.cancel'>>(handlers: H): H {
    return {
      ...handlers,
      'maintenance.run': (input) => (this.runs ? this.runs.run(input) : handlers['maintenance.run'](input)),
      'sessions.cancel': (input) => {
        if (this.sessions.originOf(input.id) !== null) throw new ApiError('conflict', 'this session runs on a teammate\'s console: cancel it there');
        return handlers['sessions.cancel'](input);
      },
    };
  }

  private statusChanged(): void {
    // Many changes in a burst make one event.
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.d.events.emit({ type: 'team', status: this.service.status() });
    }, 100);
    this.statusTimer.unref();
  }

  dispose(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer);
    for (const s of this.subscriptions) s.dispose();
    this.sync.dispose();
    this.sessions.dispose();
    this.presence.dispose();
  }
}
