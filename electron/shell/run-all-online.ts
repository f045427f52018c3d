// The tray's "Run maintenance on all online computers": asks first (it touches every client's
// computers at once), then queues one manual session per online computer through the API.
import type { NavigationRequest } from '../../shared/api/bridge.js';
import { callCore } from './core-calls.js';
import type { DesktopNotification } from './desktop-notifications.js';
import type { ApiPort } from './ipc-server.js';

/** maintenance.run takes at most this many computers per call. */
const MAX_PER_CALL = 10_000;

export type RunAllOutcome =
  | { kind: 'none-online' }
  | { kind: 'cancelled'; count: number }
  | { kind: 'queued'; count: number; sessionIds: string[] }
  | { kind: 'failed'; message: string };

/** Asks the user to confirm running maintenance on `count` computers. */
export type Confirm = (count: number) => Promise<boolean>;

export async function runAllOnline(api: ApiPort, confirm: Confirm): Promise<RunAllOutcome> {
  try {
    const { items } = await callCore(api, 'computers.list', {});
    const online = items.filter((c) => c.online).map((c) => c.id);
    if (online.length === 0) return { kind: 'none-online' };
    if (!(await confirm(online.length))) return { kind: 'cancelled', count: online.length };
    const sessionIds: string[] = [];
    for (let i = 0; i < online.length; i += MAX_PER_CALL) {
      const result = await callCore(api, 'maintenance.run', { computerIds: online.slice(i, i + MAX_PER_CALL) });
      sessionIds.push(...result.sessionIds);
    }
    return { kind: 'queued', count: online.length, sessionIds };
  } catch (error) {
    return { kind: 'failed', message: (error as Error).message };
  }
}

/** What to tell the user about an outcome; null when they cancelled (they know). */
export function outcomeNotification(outcome: RunAllOutcome, open: (request: NavigationRequest) => void): DesktopNotification | null {
  switch (outcome.kind) {
    case 'none-online':
      return { title: 'No computer is online', body: 'Maintenance runs on computers whose agent is connected. Nothing was queued.' };
    case 'cancelled':
      return null;
    case 'queued':
      return {
        title: `Maintenance queued on ${outcome.count} computer${outcome.count === 1 ? '' : 's'}`,
        body: 'Click to follow the sessions.',
        onClick: () => open({ view: 'sessions' }),
      };
    case 'failed':
      return { title: 'Maintenance was not queued', body: outcome.message };
  }
}
