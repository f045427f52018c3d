// The relay's WebSocket connections: fans new log entries out to every console in log order, tells
// consoles of membership and lease changes, closes a revoked member's connections at once, delivers
// forwarded runs, and keeps presence (which consoles are connected) current.
import type { RawData, WebSocket } from 'ws';
import { SYNC_PROTOCOL_VERSION } from '../shared/sync/operation.js';
import { CLOSE_PROTOCOL, CLOSE_REVOKED, ConsoleMessage, MAX_CONSOLE_STREAM_MESSAGE, type RelayMessage } from '../shared/sync/stream.js';
import type { BusEvent } from './bus-events.js';
import type { RelayClock, RelayLogger } from './ports.js';
import type { RelayBus } from './sql/driver.js';
import type { ForwardStore } from './store/forward-store.js';
import type { LeaseStore } from './store/lease-store.js';
import type { LogStore } from './store/log-store.js';
import type { MemberRecord, MembersStore } from './store/members-store.js';
import { memberView } from './member-view.js';

const PUMP_BATCH = 500;
/**
 * Entries appended within this window go out as one message per console: at 500 operations/s that
 * is a handful of sends per console instead of one per operation, for at most this much latency.
 */
const FANOUT_WINDOW_MS = 5;
/** A console this far behind on the socket is dropped; it reconnects and pulls over HTTP. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
const SWEEP_MS = 5_000;
const MAX_BAD_MESSAGES = 20;

interface Connection {
  ws: WebSocket;
  member: MemberRecord;
  badMessages: number;
}

export interface StreamHubDeps {
  log: LogStore;
  members: MembersStore;
  leases: LeaseStore;
  forwards: ForwardStore;
  bus: RelayBus;
  instanceId: string;
  clock: RelayClock;
  logger: RelayLogger;
}

export class StreamHub {
  private readonly connections = new Set<Connection>();
  private sent = 0;
  private pumping = false;
  private pumpAgain = false;
  private pumpTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private subscription: { dispose(): void } | null = null;

  constructor(private readonly deps: StreamHubDeps) {}

  async start(): Promise<void> {
    this.sent = (await this.deps.log.position()).head;
    this.subscription = this.deps.bus.subscribe((event) => void this.onBus(event).catch((error: Error) => this.deps.logger.error('stream event failed', { type: event.type, error: error.message })));
    this.sweepTimer = setInterval(() => void this.sweep().catch((error: Error) => this.deps.logger.warn('presence sweep failed', { error: error.message })), SWEEP_MS);
    this.sweepTimer.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  async attach(ws: WebSocket, member: MemberRecord): Promise<void> {
    const connection: Connection = { ws, member, badMessages: 0 };
    this.connections.add(connection);
    ws.on('message', (data: RawData, isBinary: boolean) => void this.onMessage(connection, data, isBinary).catch((error: Error) => this.deps.logger.warn('stream message failed', { error: error.message })));
    ws.on('close', () => {
      this.connections.delete(connection);
      if (![...this.connections].some((c) => c.member.consoleId === member.consoleId)) {
        void this.deps.leases.drop(member.consoleId, this.deps.instanceId)
          .then(() => this.deps.bus.publish({ type: 'presence', consoleId: member.consoleId }))
          .catch(() => undefined);
      }
    });
    ws.on('error', () => undefined);
    const now = this.deps.clock.now();
    await this.deps.leases.touch(member.consoleId, this.deps.instanceId, member.id, now);
    const [workspace, position] = await Promise.all([this.deps.members.workspace(), this.deps.log.position()]);
    this.send(connection, { type: 'hello', workspace, member: memberView(member, true), head: position.head, protocol: SYNC_PROTOCOL_VERSION });
    await this.deps.bus.publish({ type: 'presence', consoleId: member.consoleId });
  }

  private send(connection: Connection, message: RelayMessage | string): void {
    const { ws } = connection;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.close(1013, 'too far behind: pull over HTTP');
      return;
    }
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  private async onMessage(connection: Connection, data: RawData, isBinary: boolean): Promise<void> {
    const size = Buffer.isBuffer(data) ? data.length : MAX_CONSOLE_STREAM_MESSAGE + 1;
    let message: ConsoleMessage | null = null;
    if (!isBinary && size <= MAX_CONSOLE_STREAM_MESSAGE) {
      try {
        const parsed = ConsoleMessage.safeParse(JSON.parse((data as Buffer).toString('utf8')));
        message = parsed.success ? parsed.data : null;
      } catch {
        message = null;
      }
    }
    if (!message) {
      connection.badMessages++;
      this.send(connection, { type: 'error', message: 'message rejected: it does not match the sync protocol' });
      if (connection.badMessages > MAX_BAD_MESSAGES) connection.ws.close(CLOSE_PROTOCOL, 'too many malformed messages');
      return;
    }
    if (message.type === 'heartbeat') {
      await this.deps.leases.touch(connection.member.consoleId, this.deps.instanceId, connection.member.id, this.deps.clock.now());
      return;
    }
    if (await this.deps.forwards.reply(message.requestId, connection.member.consoleId, message.outcome)) {
      await this.deps.bus.publish({ type: 'forward-reply', id: message.requestId });
    }
  }

  private async onBus(event: BusEvent): Promise<void> {
    switch (event.type) {
      case 'ops':
        return this.schedulePump();
      case 'revoked':
        return this.closeMember(event.memberId);
      case 'members':
      case 'presence':
        return this.broadcast({ type: 'members-changed' });
      case 'leases':
        return this.broadcast({ type: 'leases-changed', computerIds: event.computerIds });
      case 'forward':
        return this.deliverForward(event.id, event.consoleId);
      case 'forward-reply':
        return;
    }
  }

  private broadcast(message: RelayMessage): void {
    const text = JSON.stringify(message);
    for (const connection of this.connections) this.send(connection, text);
  }

  private schedulePump(): void {
    if (this.pumpTimer) return;
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = null;
      this.pump().catch((error: Error) => this.deps.logger.error('fan-out failed', { error: error.message }));
    }, FANOUT_WINDOW_MS);
  }

  /** Sends every entry after the last one sent, in order; one pump at a time. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        for (;;) {
          const ops = await this.deps.log.read(this.sent, PUMP_BATCH);
          if (ops.length === 0) break;
          this.sent = ops[ops.length - 1]!.seq;
          // Positions are consecutive, so `after` tells a console exactly whether it missed something.
          this.broadcast({ type: 'ops', after: ops[0]!.seq - 1, ops });
        }
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  closeMember(memberId: string): void {
    for (const connection of this.connections) {
      if (connection.member.id !== memberId) continue;
      connection.ws.close(CLOSE_REVOKED, 'membership revoked');
      // A console that does not answer the close handshake is cut off anyway.
      setTimeout(() => connection.ws.terminate(), 500).unref();
    }
  }

  private async deliverForward(id: string, consoleId: string): Promise<void> {
    const target = [...this.connections].find((c) => c.member.consoleId === consoleId && c.ws.readyState === c.ws.OPEN);
    if (!target) return;
    const record = await this.deps.forwards.get(id);
    if (record) this.send(target, { type: 'run-request', requestId: id, from: record.from, request: record.request });
  }

  /** Keeps presence fresh and cuts off members revoked while a notification was missed. */
  private async sweep(): Promise<void> {
    const now = this.deps.clock.now();
    const seen = new Map<string, Connection>();
    for (const connection of this.connections) seen.set(connection.member.id, connection);
    for (const [memberId, connection] of seen) {
      const member = await this.deps.members.get(memberId);
      if (!member || member.revokedAt !== null) {
        this.closeMember(memberId);
        continue;
      }
      for (const c of this.connections) if (c.member.id === memberId) c.member = member;
      await this.deps.leases.touch(connection.member.consoleId, this.deps.instanceId, memberId, now);
    }
    await this.deps.forwards.purge(now - 10 * 60_000);
  }

  async dispose(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    this.subscription?.dispose();
    for (const connection of this.connections) connection.ws.terminate();
    this.connections.clear();
    await this.deps.leases.dropInstance(this.deps.instanceId).catch(() => undefined);
  }
}
