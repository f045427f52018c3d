// The relay: HTTP API and WebSocket stream over one port (plain, or TLS with the given certificate),
// composed from its stores. Each instance can share its database with others (PostgreSQL).
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { newId } from '../shared/ids.js';
import { MAX_CONSOLE_STREAM_MESSAGE } from '../shared/sync/stream.js';
import { Forwarder } from './forwarder.js';
import { readBody, RelayHttpError, sendError, sendJson } from './http/http-util.js';
import { authorize, createRoutes, type Route } from './http/routes.js';
import type { RelayClock, RelayLogger } from './ports.js';
import type { SqlDriver } from './sql/driver.js';
import { ForwardStore } from './store/forward-store.js';
import { LeaseStore } from './store/lease-store.js';
import { LogStore } from './store/log-store.js';
import { MembersStore, type MemberRecord } from './store/members-store.js';
import { StreamHub } from './stream-hub.js';
import { TokenCache } from './token-cache.js';

export interface RelayOptions {
  host: string;
  port: number;
  tls: { cert: string; key: string } | null;
  /** Browser origins allowed to open the stream or call the API; consoles send no Origin. */
  allowedOrigins: string[];
  /** How many log entries the relay keeps; consoles further behind reset from a snapshot. */
  retainOps: number;
  /** The URL to print and advertise (behind a reverse proxy it differs from the listening address). */
  publicUrl: string | null;
}

export class RelayServer {
  readonly instanceId = newId();
  readonly members: MembersStore;
  readonly log: LogStore;
  readonly leases: LeaseStore;
  private readonly forwards: ForwardStore;
  private readonly hub: StreamHub;
  private readonly forwarder: Forwarder;
  private readonly routes: Map<string, Route>;
  private readonly tokens: TokenCache;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CONSOLE_STREAM_MESSAGE, perMessageDeflate: false });
  private server: Server | null = null;
  private compactTimer: NodeJS.Timeout | null = null;
  private compacting = false;

  constructor(
    db: SqlDriver,
    private readonly options: RelayOptions,
    private readonly clock: RelayClock,
    private readonly logger: RelayLogger,
  ) {
    this.members = new MembersStore(db);
    this.log = new LogStore(db);
    this.leases = new LeaseStore(db);
    this.forwards = new ForwardStore(db);
    this.hub = new StreamHub({ log: this.log, members: this.members, leases: this.leases, forwards: this.forwards, bus: db.bus, instanceId: this.instanceId, clock, logger });
    this.forwarder = new Forwarder(this.leases, this.forwards, db.bus);
    this.tokens = new TokenCache(db.bus, clock);
    this.routes = createRoutes({ members: this.members, log: this.log, leases: this.leases, bus: db.bus, forwarder: this.forwarder, afterAppend: () => this.compactSoon() });
  }

  async start(): Promise<void> {
    await this.hub.start();
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    const server = this.options.tls ? createHttpsServer({ cert: this.options.tls.cert, key: this.options.tls.key }, handler) : createHttpServer(handler);
    server.on('upgrade', (req, socket, head) => void this.upgrade(req, socket, head));
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.compactTimer = setInterval(() => this.compactSoon(), 60_000);
    this.compactTimer.unref();
    this.compactSoon();
  }

  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : this.options.port;
  }

  get url(): string {
    if (this.options.publicUrl) return this.options.publicUrl.replace(/\/$/, '');
    const host = this.options.host === '0.0.0.0' || this.options.host === '::' ? '127.0.0.1' : this.options.host;
    return `${this.options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
  }

  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return origin === undefined || this.options.allowedOrigins.includes(origin);
  }

  private async memberOf(request: IncomingMessage): Promise<MemberRecord | null> {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) return null;
    return this.tokens.lookup(header.slice(7).trim(), (token) => this.members.authenticate(token));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', 'http://relay.invalid');
      if (!this.originAllowed(request)) throw new RelayHttpError(403, 'forbidden', 'requests from this origin are refused');
      const route = this.routes.get(`${request.method} ${url.pathname}`);
      if (!route) {
        const known = [...this.routes.keys()].some((key) => key.endsWith(` ${url.pathname}`));
        throw new RelayHttpError(known ? 405 : 404, known ? 'invalid-input' : 'not-found', known ? 'method not allowed' : `no such relay endpoint ${url.pathname}`);
      }
      const member = route.action === null ? null : await this.memberOf(request);
      authorize(route, member);
      const result = await route.handle({ member, body: () => readBody(request, route.maxBody), query: url.searchParams, now: this.clock.now() });
      sendJson(response, 200, result);
    } catch (error) {
      if (error instanceof RelayHttpError) return sendError(response, error);
      this.logger.error('relay request failed', { url: request.url, error: (error as Error).stack });
      if (!response.headersSent) sendError(response, new RelayHttpError(500, 'internal', 'internal error'));
      else response.destroy();
    }
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    socket.on('error', () => undefined);
    try {
      const path = new URL(request.url ?? '/', 'http://relay.invalid').pathname;
      if (path !== '/v1/stream') return refuse(404, 'Not Found');
      if (!this.originAllowed(request)) return refuse(403, 'Forbidden');
      const member = await this.memberOf(request);
      if (!member || member.revokedAt !== null) return refuse(401, 'Unauthorized');
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        this.hub.attach(ws, member).catch((error: Error) => {
          this.logger.warn('could not attach a stream', { error: error.message });
          ws.terminate();
        });
      });
    } catch (error) {
      this.logger.error('stream upgrade failed', { error: (error as Error).message });
      refuse(500, 'Internal Server Error');
    }
  }

  private compactSoon(): void {
    if (this.compacting) return;
    this.compacting = true;
    this.log
      .compact(this.options.retainOps)
      .then((removed) => {
        if (removed > 0) this.logger.info('compacted the log', { removed, retained: this.options.retainOps });
      })
      .catch((error: Error) => this.logger.warn('compaction failed', { error: error.message }))
      .finally(() => (this.compacting = false));
  }

  async dispose(): Promise<void> {
    if (this.compactTimer) clearInterval(this.compactTimer);
    this.forwarder.dispose();
    this.tokens.dispose();
    await this.hub.dispose();
    this.wss.close();
    const server = this.server;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  }
}
