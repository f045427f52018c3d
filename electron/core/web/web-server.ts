// The web console's HTTP server: the Console API at POST /api/<method>, events at /api/events,
// sign-in, and the built renderer at /.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ApiDispatcher } from '../api/dispatcher.js';
import type { EventBus } from '../event-bus.js';
import type { Disposable } from '../lifecycle.js';
import type { Logger } from '../ports.js';
import { WebAuth } from './auth.js';
import { attachEventsSocket } from './events-socket.js';
import { SECURITY_HEADERS, StaticFiles } from './static-files.js';
import { downloadFor, type Download } from './downloads.js';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface WebServerOptions {
  host: string;
  port: number;
  token: string;
  staticDir: string | null;
  /** Refuses writes with 403 (a viewer's console, or read-only mode): the reason, or null to allow. */
  readOnly?: (method: string) => string | null;
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(text);
}

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export class WebServer implements Disposable {
  private server: Server | null = null;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly sockets = new Set<Disposable>();
  private readonly auth: WebAuth;
  private readonly files: StaticFiles;

  constructor(
    private readonly options: WebServerOptions,
    private readonly dispatcher: ApiDispatcher,
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {
    this.auth = new WebAuth(options.token, options.host);
    this.files = new StaticFiles(options.staticDir);
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : this.options.port;
  }

  get url(): string {
    const host = this.options.host === '0.0.0.0' || this.options.host === '::' ? '127.0.0.1' : this.options.host;
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', 'http://console.invalid');
      if (!this.auth.hostAllowed(request)) return sendJson(response, 421, errorBody('forbidden', 'unexpected Host header'));
      if (!this.auth.originAllowed(request)) return sendJson(response, 403, errorBody('forbidden', 'requests from another origin are refused'));
      if (url.pathname.startsWith('/api/') && request.method === 'GET' && this.auth.authenticated(request)) {
        const download = downloadFor(url);
        if (download) return await this.download(download, response);
      }
      if (url.pathname.startsWith('/api/')) return await this.api(url.pathname.slice(5), request, response);
      if (url.pathname === '/auth/login' && request.method === 'POST') return await this.login(request, response);
      if (url.pathname === '/auth/logout' && request.method === 'POST') return sendJson(response, 200, { ok: true }, { 'Set-Cookie': this.auth.signOutCookie() });
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, errorBody('invalid-input', 'method not allowed'));
      const token = url.searchParams.get('token');
      if (token !== null) {
        // Signs the browser in and takes the token out of the address bar (and its history).
        if (!this.auth.tokenMatches(token)) return this.redirect(response, '/?signin=failed', null);
        url.searchParams.delete('token');
        return this.redirect(response, url.pathname + (url.search || ''), this.auth.signInCookie());
      }
      if (!this.files.serve(url.pathname, response, request.method === 'HEAD')) {
        sendJson(response, 404, errorBody('not-found', this.files.available ? 'no such file' : 'the console UI is not built: run npm run build'));
      }
    } catch (error) {
      this.logger.error('web request failed', { url: request.url, error: (error as Error).stack });
      if (!response.headersSent) sendJson(response, 500, errorBody('internal', 'internal error'));
      else response.destroy();
    }
  }

  private redirect(response: ServerResponse, location: string, cookie: string | null): void {
    response.writeHead(303, { ...SECURITY_HEADERS, Location: location, 'Cache-Control': 'no-store', ...(cookie ? { 'Set-Cookie': cookie } : {}) });
    response.end();
  }

  private async login(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let token: unknown;
    try {
      token = (JSON.parse(await readBody(request)) as { token?: unknown }).token;
    } catch {
      return sendJson(response, 400, errorBody('invalid-input', 'send {"token": "<api token>"}'));
    }
    if (typeof token !== 'string' || !this.auth.tokenMatches(token.trim())) return sendJson(response, 401, errorBody('unauthorized', 'wrong token'));
    sendJson(response, 200, { ok: true }, { 'Set-Cookie': this.auth.signInCookie() });
  }

  private async api(method: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!this.auth.authenticated(request)) {
      return sendJson(response, 401, errorBody('unauthorized', 'missing or wrong API token: send Authorization: Bearer <token from api-token>'));
    }
    if (method === 'events') return sendJson(response, 400, errorBody('invalid-input', 'connect to /api/events with a WebSocket'));
    if (request.method !== 'POST') return sendJson(response, 405, errorBody('invalid-input', `use POST /api/${method}`));
    let input: unknown = {};
    try {
      const body = await readBody(request);
      if (body.trim() !== '') input = JSON.parse(body);
    } catch (error) {
      const tooLarge = (error as Error).message === 'too large';
      return sendJson(response, tooLarge ? 413 : 400, errorBody('invalid-input', tooLarge ? 'request body is too large' : 'request body is not valid JSON'));
    }
    const refusal = this.dispatcher.isWrite(method) ? this.options.readOnly?.(method) : null;
    if (refusal) return sendJson(response, 403, errorBody('forbidden', refusal));
    const result = await this.dispatcher.call(method, input);
    if (result.ok) sendJson(response, 200, result.value);
    else sendJson(response, result.status, result.body);
  }

  /** Serves an API method's text result as a file (session logs, the compliance CSV). */
  private async download(d: Download, response: ServerResponse): Promise<void> {
    const result = await this.dispatcher.call(d.method, d.input);
    if (!result.ok) return sendJson(response, result.status, result.body);
    const file = d.pick(result.value);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': d.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    });
    response.end(file.text);
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const path = new URL(request.url ?? '/', 'http://console.invalid').pathname;
    if (path !== '/api/events') return refuse(404, 'Not Found');
    if (!this.auth.hostAllowed(request) || !this.auth.originAllowed(request)) return refuse(403, 'Forbidden');
    if (!this.auth.authenticated(request)) return refuse(401, 'Unauthorized');
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const attached = attachEventsSocket(ws, this.events);
      this.sockets.add(attached);
      ws.on('close', () => this.sockets.delete(attached));
      ws.send(JSON.stringify({ type: 'hello' }));
    });
  }

  async dispose(): Promise<void> {
    for (const s of this.sockets) void s.dispose();
    this.sockets.clear();
    this.wss.close();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
