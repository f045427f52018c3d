// A native notification when a session fails (settings.notifications.desktopOnFailure), opening that
// session when clicked. Failures that land together make one notification, not a stack of them.
import type { NavigationRequest } from '../../shared/api/bridge.js';
import type { SessionSummary } from '../../shared/model/session.js';
import type { Logger } from '../core/ports.js';
import { callCore } from './core-calls.js';
import type { NotifierPort, Schedule } from './desktop-notifications.js';
import type { EventSource } from './event-forwarder.js';
import type { Subscription } from './subscription.js';
import type { ApiPort } from './ipc-server.js';

/** Enough to stop a re-announced failure from notifying twice, small enough to never matter. */
const REMEMBERED_FAILURES = 1000;

export interface FailureNotifierDeps {
  events: EventSource;
  api: ApiPort;
  notifier: NotifierPort;
  /** Shows the window on a view. */
  open: (request: NavigationRequest) => void;
  schedule: Schedule;
  logger: Logger;
  /** How long to gather failures into one notification. */
  batchMs?: number;
}

export class FailureNotifier implements Subscription {
  private readonly notified = new Set<string>();
  private batch: SessionSummary[] = [];
  private pending: Subscription | null = null;
  private subscription: Subscription | null = null;

  constructor(private readonly deps: FailureNotifierDeps) {}

  start(): void {
    this.subscription = this.deps.events.subscribe((event) => {
      if (event.type === 'session' && event.session.status === 'failed') this.failed(event.session);
    });
  }

  private failed(session: SessionSummary): void {
    if (this.notified.has(session.id)) return;
    this.notified.add(session.id);
    if (this.notified.size > REMEMBERED_FAILURES) this.notified.delete(this.notified.values().next().value!);
    this.batch.push(session);
    this.pending ??= this.deps.schedule(() => {
      this.pending = null;
      this.flush().catch((error: unknown) => this.deps.logger.warn('failure notification not shown', { error: (error as Error).message }));
    }, this.deps.batchMs ?? 1500);
  }

  /** Shows what gathered since the first failure of the batch, if the setting is on at that moment. */
  async flush(): Promise<void> {
    const batch = this.batch.splice(0);
    if (batch.length === 0) return;
    const settings = await callCore(this.deps.api, 'settings.get', {});
    if (!settings.notifications.desktopOnFailure) return;
    const names = await Promise.all(batch.slice(0, 3).map((s) => this.computerName(s.computerId)));
    if (batch.length === 1) {
      const session = batch[0]!;
      this.deps.notifier.show({
        title: `Maintenance failed on ${names[0]}`,
        body: session.reason ?? 'Open the session to see which action failed and why.',
        onClick: () => this.deps.open({ view: 'session', sessionId: session.id }),
      });
      return;
    }
    const more = batch.length > names.length ? ` and ${batch.length - names.length} more` : '';
    this.deps.notifier.show({
      title: `Maintenance failed on ${batch.length} computers`,
      body: `${names.join(', ')}${more}.`,
      onClick: () => this.deps.open({ view: 'sessions', status: 'failed' }),
    });
  }

  private async computerName(id: string): Promise<string> {
    try {
      return (await callCore(this.deps.api, 'computers.get', { id })).name;
    } catch {
      return 'a computer that no longer exists';
    }
  }

  dispose(): void {
    this.subscription?.dispose();
    this.pending?.dispose();
    this.pending = null;
    this.batch = [];
  }
}
