// Native notifications for finished sessions. The core decides which sessions deserve one (the
// setting notifications.desktopOnFailure, the automated-maintenance preference, a manual run's own
// `notify` choice) and emits a `notice` event; this shows it and opens the session when clicked.
// Notices that land together make one notification, not a stack of them.
import type { NavigationRequest } from '../../shared/api/bridge.js';
import type { DesktopNotice } from '../../shared/model/notification.js';
import type { Logger } from '../core/ports.js';
import { callCore } from './core-calls.js';
import type { NotifierPort, Schedule } from './desktop-notifications.js';
import type { EventSource } from './event-forwarder.js';
import type { Subscription } from './subscription.js';
import type { ApiPort } from './ipc-server.js';

/** Enough to stop a re-announced session from notifying twice, small enough to never matter. */
const REMEMBERED_SESSIONS = 1000;
const FAILURES = new Set(['failed', 'incomplete']);

export interface SessionNotifierDeps {
  events: EventSource;
  api: ApiPort;
  notifier: NotifierPort;
  /** Shows the window on a view. */
  open: (request: NavigationRequest) => void;
  schedule: Schedule;
  logger: Logger;
  /** How long to gather notices into one notification. */
  batchMs?: number;
}

export class SessionNotifier implements Subscription {
  private readonly notified = new Set<string>();
  private batch: DesktopNotice[] = [];
  private pending: Subscription | null = null;
  private subscription: Subscription | null = null;

  constructor(private readonly deps: SessionNotifierDeps) {}

  start(): void {
    this.subscription = this.deps.events.subscribe((event) => {
      if (event.type === 'notice') this.add(event.notice);
    });
  }

  private add(notice: DesktopNotice): void {
    if (this.notified.has(notice.sessionId)) return;
    this.notified.add(notice.sessionId);
    if (this.notified.size > REMEMBERED_SESSIONS) this.notified.delete(this.notified.values().next().value!);
    this.batch.push(notice);
    this.pending ??= this.deps.schedule(() => {
      this.pending = null;
      this.flush().catch((error: unknown) => this.deps.logger.warn('session notification not shown', { error: (error as Error).message }));
    }, this.deps.batchMs ?? 1500);
  }

  /** Shows what gathered since the first notice of the batch. */
  async flush(): Promise<void> {
    const batch = this.batch.splice(0);
    if (batch.length === 0) return;
    if (batch.length === 1) {
      const notice = batch[0]!;
      this.deps.notifier.show({ title: notice.title, body: notice.body, onClick: () => this.deps.open({ view: 'session', sessionId: notice.sessionId }) });
      return;
    }
    const names = await Promise.all(batch.slice(0, 3).map((n) => this.computerName(n.computerId)));
    const more = batch.length > names.length ? ` and ${batch.length - names.length} more` : '';
    const allFailed = batch.every((n) => FAILURES.has(n.status));
    this.deps.notifier.show({
      title: allFailed ? `Maintenance failed on ${batch.length} computers` : `${batch.length} sessions ended`,
      body: `${names.join(', ')}${more}.`,
      onClick: () => this.deps.open(allFailed ? { view: 'sessions', status: 'failed' } : { view: 'sessions' }),
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
