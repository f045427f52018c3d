// What the tray shows — its menu and tooltip — as plain data from the console's state, and the
// controller that keeps it current from computer events. The Electron Tray only draws it (tray.ts).
import type { Logger } from '../core/ports.js';
import { callCore } from './core-calls.js';
import type { EventSource } from './event-forwarder.js';
import type { Subscription } from './subscription.js';
import type { ApiPort } from './ipc-server.js';

export type TrayCommand = 'open' | 'run-all-online' | 'quit';

export type TrayMenuEntry = { kind: 'item'; command: TrayCommand; label: string; enabled: boolean } | { kind: 'separator' };

export interface TrayState {
  known: number;
  online: number;
  /** A "run on all" is being confirmed or queued. */
  running: boolean;
}

export function trayMenu(state: TrayState): TrayMenuEntry[] {
  const runLabel = state.online === 0 ? 'Run maintenance on all online computers (none online)' : `Run maintenance on all online computers (${state.online})`;
  return [
    { kind: 'item', command: 'open', label: 'Open Steward', enabled: true },
    { kind: 'item', command: 'run-all-online', label: runLabel, enabled: state.online > 0 && !state.running },
    { kind: 'separator' },
    { kind: 'item', command: 'quit', label: 'Quit Steward', enabled: true },
  ];
}

export function trayTooltip(state: TrayState): string {
  if (state.known === 0) return 'Steward — no computers enrolled yet';
  return `Steward — ${state.online} of ${state.known} computer${state.known === 1 ? '' : 's'} online`;
}

/** Draws the menu; the Electron adapter calls `onCommand` when an item is clicked. */
export interface TrayView {
  render(menu: TrayMenuEntry[], tooltip: string): void;
}

export interface TrayActions {
  open(): void;
  runAllOnline(): Promise<void>;
  quit(): void;
}

export class TrayController implements Subscription {
  /** Computer id → online, for every computer the console knows. */
  private readonly computers = new Map<string, boolean>();
  private running = false;
  private subscription: Subscription | null = null;
  private drawn = '';

  constructor(
    private readonly view: TrayView,
    private readonly events: EventSource,
    private readonly api: ApiPort,
    private readonly actions: TrayActions,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const seenLive = new Set<string>();
    this.subscription = this.events.subscribe((event) => {
      if (event.type !== 'computer') return;
      seenLive.add(event.computer.id);
      this.computers.set(event.computer.id, event.computer.online);
      this.render();
    });
    try {
      const { items } = await callCore(this.api, 'computers.list', {});
      // An event that arrived while the list was loading is newer than the list.
      for (const c of items) if (!seenLive.has(c.id)) this.computers.set(c.id, c.online);
    } catch (error) {
      this.logger.warn('tray could not list computers', { error: (error as Error).message });
    }
    this.render(true);
  }

  get state(): TrayState {
    let online = 0;
    for (const isOnline of this.computers.values()) if (isOnline) online++;
    return { known: this.computers.size, online, running: this.running };
  }

  async command(command: TrayCommand): Promise<void> {
    if (command === 'open') return this.actions.open();
    if (command === 'quit') return this.actions.quit();
    if (this.running) return;
    this.running = true;
    this.render();
    try {
      await this.actions.runAllOnline();
    } finally {
      this.running = false;
      this.render();
    }
  }

  /** Redraws only when something visible changed: computer events arrive with every heartbeat. */
  private render(force = false): void {
    const state = this.state;
    const menu = trayMenu(state);
    const tooltip = trayTooltip(state);
    const key = JSON.stringify([menu, tooltip]);
    if (!force && key === this.drawn) return;
    this.drawn = key;
    this.view.render(menu, tooltip);
  }

  dispose(): void {
    this.subscription?.dispose();
    this.subscription = null;
  }
}
