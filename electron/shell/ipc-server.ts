// The main-process end of the preload: one invoke channel per Console API method, plus the log and
// navigation subscriptions. Every handler checks the sender first, then lets the dispatcher parse the
// payload with the contract's schema — the same path an HTTP call takes.
import { z } from 'zod';
import { consoleApi, type MethodName } from '../../shared/api/contract.js';
import type { CallResult } from '../core/api/dispatcher.js';
import type { Subscription } from './subscription.js';
import type { Logger } from '../core/ports.js';
import { apiChannel, IPC, type IpcResult } from './ipc-channels.js';
import type { IpcSenderEvent, SenderPolicy } from './sender-check.js';

/** The parts of Electron's ipcMain this uses (ipcMain itself satisfies it). */
export interface IpcMainPort {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<IpcResult>): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => void): void;
}

/** The core's ApiDispatcher. */
export interface ApiPort {
  call(method: string, input: unknown): Promise<CallResult>;
}

/** Per-window state the subscription channels change, looked up by the sender's web contents id. */
export interface WindowChannels {
  subscribeLogs(webContentsId: number, sessionId: string): void;
  unsubscribeLogs(webContentsId: number, sessionId: string): void;
  navigateReady(webContentsId: number): void;
}

const SessionIdArg = z.string().min(1).max(64);

export class IpcServer implements Subscription {
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly ipc: IpcMainPort,
    private readonly api: ApiPort,
    private readonly senders: SenderPolicy,
    private readonly windows: WindowChannels,
    private readonly logger: Logger,
  ) {}

  start(): void {
    for (const method of Object.keys(consoleApi) as MethodName[]) {
      const channel = apiChannel(method);
      this.ipc.handle(channel, (event, input) => this.invoke(method, event, input));
      this.cleanups.push(() => this.ipc.removeHandler(channel));
    }
    this.listen(IPC.logsSubscribe, (id, sessionId) => this.withSessionId(sessionId, (s) => this.windows.subscribeLogs(id, s)));
    this.listen(IPC.logsUnsubscribe, (id, sessionId) => this.withSessionId(sessionId, (s) => this.windows.unsubscribeLogs(id, s)));
    this.listen(IPC.navigateReady, (id) => this.windows.navigateReady(id));
  }

  /** Answers one API call: sender first, then the dispatcher parses `input` against the contract. */
  async invoke(method: MethodName, event: IpcSenderEvent, input: unknown): Promise<IpcResult> {
    const verdict = this.senders.check(event);
    if (!verdict.ok) {
      this.logger.warn('IPC call refused', { method, reason: verdict.reason });
      return { ok: false, error: { code: 'forbidden', message: `refused: ${verdict.reason}`, status: 403 } };
    }
    const result = await this.api.call(method, input);
    if (result.ok) return { ok: true, value: result.value };
    return { ok: false, error: { ...result.body.error, status: result.status } };
  }

  private listen(channel: string, handle: (webContentsId: number, arg: unknown) => void): void {
    const listener = (event: IpcSenderEvent, arg?: unknown) => {
      const verdict = this.senders.check(event);
      if (!verdict.ok) {
        this.logger.warn('IPC message refused', { channel, reason: verdict.reason });
        return;
      }
      handle(event.sender.id, arg);
    };
    this.ipc.on(channel, listener);
    this.cleanups.push(() => this.ipc.removeListener(channel, listener));
  }

  private withSessionId(arg: unknown, use: (sessionId: string) => void): void {
    const parsed = SessionIdArg.safeParse(arg);
    if (parsed.success) use(parsed.data);
    else this.logger.warn('IPC log subscription refused: the session id must be a string of 1-64 characters');
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}
