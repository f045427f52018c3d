// Plain fakes for the desktop shell's ports: ipcMain, web contents, the core's dispatcher and events.
import type { ConsoleEvent } from '../../../shared/api/events.js';
import { consoleApi, type MethodName } from '../../../shared/api/contract.js';
import { ApiDispatcher } from '../../../electron/core/api/dispatcher.js';
import type { Handlers } from '../../../electron/core/api/handlers.js';
import { EventBus } from '../../../electron/core/event-bus.js';
import { silentLogger, type Logger } from '../../../electron/core/ports.js';
import type { IpcMainPort } from '../../../electron/shell/ipc-server.js';
import type { RendererTarget } from '../../../electron/shell/renderer-target.js';
import type { IpcSenderEvent } from '../../../electron/shell/sender-check.js';
import type { IpcResult } from '../../../electron/shell/ipc-channels.js';

type InvokeListener = (event: IpcSenderEvent, ...args: unknown[]) => Promise<IpcResult>;
type MessageListener = (event: IpcSenderEvent, ...args: unknown[]) => void;

export class FakeIpcMain implements IpcMainPort {
  readonly handlers = new Map<string, InvokeListener>();
  readonly listeners = new Map<string, MessageListener[]>();

  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: MessageListener): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }
  removeListener(channel: string, listener: MessageListener): void {
    this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((l) => l !== listener));
  }
  invoke(channel: string, event: IpcSenderEvent, ...args: unknown[]): Promise<IpcResult> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  }
  send(channel: string, event: IpcSenderEvent, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
}

export const APP_FRAME_URL = 'app://steward/index.html';

export function senderEvent(options: { url?: string; subframe?: boolean; id?: number; gone?: boolean } = {}): IpcSenderEvent {
  return {
    senderFrame: options.gone ? null : { url: options.url ?? APP_FRAME_URL, parent: options.subframe ? { url: APP_FRAME_URL } : null },
    sender: { id: options.id ?? 1 },
  };
}

export class FakeRenderer implements RendererTarget {
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  constructor(readonly id = 1) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload?: unknown): void {
    this.sent.push({ channel, payload });
  }
}

/** The real ApiDispatcher (so payloads are parsed by the contract) over handlers that record their calls. */
export function recordingDispatcher(answers: Partial<Record<MethodName, (input: unknown) => unknown>> = {}) {
  const calls: { method: string; input: unknown }[] = [];
  const handlers = Object.fromEntries(
    Object.keys(consoleApi).map((method) => [
      method,
      (input: unknown) => {
        calls.push({ method, input });
        const answer = answers[method as MethodName];
        return answer ? answer(input) : { answered: method };
      },
    ]),
  ) as unknown as Handlers;
  return { dispatcher: new ApiDispatcher(handlers, silentLogger), calls };
}

export function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { info: () => {}, error: () => {}, warn: (message) => void warnings.push(message), warnings };
}

export function busWith(): { bus: EventBus; emit: (event: ConsoleEvent) => void } {
  const bus = new EventBus();
  return { bus, emit: (event) => bus.emit(event) };
}

export const ID = (n: number) => `0190f5a0-0000-7000-8000-${n.toString().padStart(12, '0')}`;

export function computer(n: number, online: boolean, name = `pc-${n}`) {
  return {
    id: ID(n),
    tenantId: ID(1000),
    name,
    hostName: name,
    os: { platform: 'linux' as const, name: 'Debian', version: '12', arch: 'x64' },
    agentVersion: '0.1.0',
    online,
    lastSeenAt: null,
    enrolledAt: '2026-01-01T00:00:00.000Z',
    software: [],
  };
}

export function sessionSummary(n: number, computerN: number, status: 'failed' | 'completed' | 'in-progress', reason: string | null = null) {
  return {
    id: ID(500 + n),
    computerId: ID(computerN),
    tenantId: ID(1000),
    status,
    trigger: 'manual' as const,
    priority: 'normal' as const,
    reason,
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: null,
    endedAt: null,
  };
}

/** A Schedule whose timers fire only when the test says so. */
export function manualSchedule() {
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    timers,
    schedule: (fn: () => void, ms: number) => {
      const timer = { fn, ms, cancelled: false };
      timers.push(timer);
      return { dispose: () => void (timer.cancelled = true) };
    },
    fireAll() {
      for (const t of timers.splice(0)) if (!t.cancelled) t.fn();
    },
  };
}
