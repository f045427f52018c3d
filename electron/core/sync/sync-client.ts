// The console's side of team sync: keeps a connection to the relay, pulls the team's log by cursor
// (or a snapshot after a reset), pushes the outbox, claims leases, and answers forwarded runs.
// Everything it does is idempotent, so a crash or a dropped connection at any point loses nothing.
import { MAX_PUSH_BYTES, MAX_PUSH_OPS } from '../../../shared/sync/operation.js';
import type { RunOutcome, RunRequest } from '../../../shared/sync/relay-api.js';
import { CLOSE_REVOKED, type RelayMessage } from '../../../shared/sync/stream.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Logger } from '../ports.js';
import type { Database } from '../store/database.js';
import type { ComputerLeases } from './computer-leases.js';
import { RelayCallError, RelayHttp, streamUrl } from './relay-http.js';
import { RelayStream } from './relay-stream.js';
import type { SyncEngine } from './sync-engine.js';
import type { SyncStore } from './sync-store.js';
import type { TeamMeta } from './team-config.js';

export type SyncState = 'online' | 'offline' | 'syncing';

type Work = 'pull' | 'push' | 'leases' | 'refreshLeases' | 'members';

const PULL_LIMIT = 2000;
const RETRY_MS = 2_000;

export interface SyncClientDeps {
  db: Database;
  engine: SyncEngine;
  store: SyncStore;
  team: TeamMeta;
  leases: ComputerLeases;
  box: SecretBox;
  logger: Logger;
  /** Computers whose agent enrolled here: this console claims them when it joins. */
  enrolledComputers(): string[];
  /** Runs a manual run another member asked for, on computers this console serves. */
  runForwarded(request: RunRequest, from: { memberId: string; name: string }): Promise<RunOutcome>;
  /** The status changed (state, pending count, members, error). */
  onStatus(): void;
  /** The first sync after joining has finished: publish what only this console knows (agents connected here). */
  onJoined(): void;
}

export class SyncClient {
  private http: RelayHttp | null = null;
  private stream: RelayStream | null = null;
  private connected = false;
  private caughtUp = false;
  private running = false;
  private readonly work = new Set<Work>();
  private retryTimer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;
  private refusedChanges = 0;
  private readonly subscriptions: { dispose(): void }[] = [];
  private readonly idleWaiters = new Set<() => void>();

  constructor(private readonly d: SyncClientDeps) {
    this.subscriptions.push(
      d.engine.onOutbox(() => this.kick('push')),
      d.leases.onWant(() => this.kick('leases')),
    );
  }

  /** Connects to the team's relay when this console has joined one. */
  start(): void {
    const config = this.d.team.config;
    if (!config || config.revoked || this.stream) return;
    const token = this.d.box.decrypt(config.tokenSealed);
    this.http = new RelayHttp(config.relayUrl, token);
    this.d.engine.activate();
    this.stream = new RelayStream(streamUrl(config.relayUrl), token, {
      onOpen: () => undefined,
      onMessage: (message) => this.onMessage(message),
      onClose: (info) => this.onClose(info),
    }, this.d.logger);
    this.stream.start();
  }

  stop(): void {
    this.stream?.stop();
    this.stream = null;
    this.http = null;
    this.connected = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.d.engine.deactivate();
    this.wakeWaiters();
  }

  dispose(): void {
    this.stop();
    for (const s of this.subscriptions) s.dispose();
  }

  /** The relay client with this member's token (null when not joined). */
  get relay(): RelayHttp | null {
    return this.http;
  }

  get isConnected(): boolean {
    return this.connected;
  }

  get state(): SyncState {
    if (!this.connected) return 'offline';
    const config = this.d.team.config;
    if (this.running || this.work.size > 0 || !this.caughtUp || !config?.initialized || this.d.store.pendingCount > 0) return 'syncing';
    return 'online';
  }

  get error(): string | null {
    return this.lastError;
  }

  get refused(): number {
    return this.refusedChanges;
  }

  /** Resolves once everything is pulled and pushed (or after `timeoutMs`); true when in sync. */
  async settled(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.state === 'online') return true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(250, Math.max(0, deadline - Date.now())));
        this.idleWaiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.state === 'online';
  }

  private wakeWaiters(): void {
    for (const wake of this.idleWaiters) wake();
    this.idleWaiters.clear();
  }

  private onMessage(message: RelayMessage): void {
    switch (message.type) {
      case 'hello': {
        this.connected = true;
        this.caughtUp = false;
        this.stream?.resetBackoff();
        const config = this.d.team.config;
        if (config && (config.role !== message.member.role || config.memberName !== message.member.name)) {
          this.d.team.setConfig({ ...config, role: message.member.role, memberName: message.member.name });
        }
        this.kick('pull', 'push', 'leases', 'refreshLeases', 'members');
        return;
      }
      case 'ops': {
        const cursor = this.d.team.cursor;
        const last = message.ops[message.ops.length - 1];
        if (message.after === cursor && this.d.team.config?.initialized) {
          if (this.d.engine.applyLogged(message.ops).gap) this.kick('pull');
          else this.d.onStatus();
        } else if (last && last.seq > cursor) {
          this.kick('pull');
        }
        return;
      }
      case 'members-changed':
        return this.kick('members');
      case 'leases-changed':
        return this.kick('refreshLeases');
      case 'run-request':
        void this.d
          .runForwarded(message.request, message.from)
          .catch((error: Error): RunOutcome => ({ refused: error.message }))
          .then((outcome) => this.stream?.send({ type: 'run-result', requestId: message.requestId, outcome }));
        return;
      case 'error':
        this.d.logger.warn('the relay reported a problem with a message', { message: message.message });
        return;
    }
  }

  private onClose(info: { code: number; status: number | null; reason: string }): void {
    this.connected = false;
    this.d.onStatus();
    this.wakeWaiters();
    if (info.code === CLOSE_REVOKED) return this.markRevoked('this console was removed from the team');
    if (info.status === 401) void this.confirmRevoked();
  }

  private async confirmRevoked(): Promise<void> {
    try {
      await this.http?.me();
      // Not revoked after all (a relay restarting): connect again.
      const stream = this.stream;
      this.stream = null;
      stream?.stop();
      this.d.engine.deactivate();
      this.start();
    } catch (error) {
      if (error instanceof RelayCallError && error.status === 401) this.markRevoked(error.code === 'revoked' ? 'this console was removed from the team' : 'the relay no longer knows this console');
      else setTimeout(() => void this.confirmRevoked(), RETRY_MS).unref();
    }
  }

  private markRevoked(reason: string): void {
    const config = this.d.team.config;
    if (config && !config.revoked) this.d.team.setConfig({ ...config, revoked: true });
    this.lastError = reason;
    this.d.logger.warn('team membership ended', { reason });
    this.stop();
    this.d.onStatus();
  }

  private kick(...work: Work[]): void {
    for (const w of work) this.work.add(w);
    if (!this.running && this.connected && !this.retryTimer) void this.loop();
  }

  private async loop(): Promise<void> {
    this.running = true;
    this.d.onStatus();
    try {
      while (this.connected && this.work.size > 0) {
        const http = this.http!;
        if (!this.d.team.config?.initialized) await this.initialSync(http);
        if (this.take('pull')) await this.pullAll(http);
        if (this.take('push')) await this.pushAll(http);
        if (this.take('refreshLeases')) await this.d.leases.refresh(http);
        if (this.take('leases')) await this.d.leases.flush(http);
        if (this.take('members')) this.d.team.members = (await http.members()).members;
      }
      this.lastError = null;
    } catch (error) {
      this.lastError = (error as Error).message;
      this.d.logger.warn('team sync failed; retrying', { error: this.lastError });
      this.work.add('pull').add('push').add('leases');
      if (error instanceof RelayCallError && error.status === 401) void this.confirmRevoked();
      else this.retryLater();
    } finally {
      this.running = false;
      this.d.onStatus();
      if (this.state === 'online') this.wakeWaiters();
    }
  }

  private retryLater(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.connected && !this.running) void this.loop();
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  private take(work: Work): boolean {
    return this.work.delete(work);
  }

  /** First sync after joining: the team's state, then everything local the team does not have. */
  private async initialSync(http: RelayHttp): Promise<void> {
    await this.pullAll(http);
    const uploaded = this.d.engine.uploadLocalOnly();
    const config = this.d.team.config!;
    this.d.team.setConfig({ ...config, initialized: true });
    this.d.leases.want(this.d.enrolledComputers());
    this.d.onJoined();
    this.d.logger.info('joined the team: configuration merged', { uploaded });
    this.work.add('push');
  }

  private async pullAll(http: RelayHttp): Promise<void> {
    for (;;) {
      const config = this.d.team.config!;
      const page = await http.pull(this.d.team.cursor, config.workspace.logId, PULL_LIMIT);
      if (page.reset) {
        this.d.logger.warn('the relay asked for a reset: reloading the team state from its snapshot', { reason: page.reason });
        await this.resetFromSnapshot(http);
        continue;
      }
      const { gap } = this.d.engine.applyLogged(page.ops);
      if (gap) continue;
      if (page.ops.length < PULL_LIMIT && this.d.team.cursor >= page.head) break;
    }
    this.caughtUp = true;
  }

  private async resetFromSnapshot(http: RelayHttp): Promise<void> {
    let after: string | undefined;
    let head: number | null = null;
    let logId: string | null = null;
    do {
      const page = await http.snapshot(after, 1000);
      head ??= page.head;
      logId ??= page.logId;
      this.d.engine.applySnapshot(page.entities);
      after = page.next ?? undefined;
    } while (after !== undefined);
    const config = this.d.team.config!;
    this.d.db.tx(() => {
      this.d.team.cursor = Math.max(head ?? 0, logId === config.workspace.logId ? this.d.team.cursor : 0);
      if (logId !== config.workspace.logId) this.d.team.setConfig({ ...config, workspace: { ...config.workspace, logId: logId } });
    });
  }

  private async pushAll(http: RelayHttp): Promise<void> {
    const config = this.d.team.config!;
    for (;;) {
      const ops = this.d.store.pending(MAX_PUSH_OPS, MAX_PUSH_BYTES / 2);
      if (ops.length === 0) return;
      try {
        const answer = await http.push(config.clientId, ops);
        this.d.store.acknowledge(Math.max(...answer.results.map((r) => r.clientSeq)));
      } catch (error) {
        if (!(error instanceof RelayCallError)) throw error;
        if (error.status === 409 && error.expected !== undefined) {
          // The relay expects another sequence number (it or this console lost its latest state): renumber, resend.
          this.d.logger.warn('renumbering the outbox to the relay\'s expectation', { code: error.code, expected: error.expected });
          this.d.db.tx(() => (this.d.team.nextSeq = this.d.store.renumber(error.expected!)));
          continue;
        }
        if (error.status === 403) {
          // The relay is the authority on roles: changes it refuses cannot ever be accepted.
          this.refusedChanges += ops.length;
          this.d.store.acknowledge(ops[ops.length - 1]!.clientSeq);
          this.d.logger.warn('the relay refused changes from this console', { count: ops.length, reason: error.message });
          continue;
        }
        throw error;
      }
    }
  }
}
