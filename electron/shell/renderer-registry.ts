// The windows the IPC server may route subscriptions to, by web contents id: each with its event
// forwarder and its navigation requests.
import { EventForwarder, type EventSource } from './event-forwarder.js';
import type { Subscription } from './subscription.js';
import type { WindowChannels } from './ipc-server.js';
import { NavigationRequests } from './navigation-requests.js';
import type { RendererTarget } from './renderer-target.js';

export interface RendererChannels extends Subscription {
  readonly events: EventForwarder;
  readonly navigation: NavigationRequests;
  /** The page started loading again: subscriptions and readiness start over. */
  reset(): void;
}

export class RendererRegistry implements WindowChannels {
  private readonly renderers = new Map<number, RendererChannels>();

  constructor(private readonly bus: EventSource) {}

  add(target: RendererTarget): RendererChannels {
    const events = new EventForwarder(this.bus, target);
    const navigation = new NavigationRequests(target);
    const channels: RendererChannels = {
      events,
      navigation,
      reset: () => {
        events.reset();
        navigation.reset();
      },
      dispose: () => {
        events.dispose();
        this.renderers.delete(target.id);
      },
    };
    this.renderers.set(target.id, channels);
    return channels;
  }

  subscribeLogs(webContentsId: number, sessionId: string): void {
    this.renderers.get(webContentsId)?.events.subscribeLogs(sessionId);
  }

  unsubscribeLogs(webContentsId: number, sessionId: string): void {
    this.renderers.get(webContentsId)?.events.unsubscribeLogs(sessionId);
  }

  navigateReady(webContentsId: number): void {
    this.renderers.get(webContentsId)?.navigation.markReady();
  }

  dispose(): void {
    for (const channels of [...this.renderers.values()]) channels.dispose();
  }
}
