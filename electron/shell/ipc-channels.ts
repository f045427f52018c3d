// Every IPC channel between the desktop window and the main process, named here and nowhere else.
// Bundled into the preload too, so both ends always agree.
import type { BridgeError } from '../../shared/api/bridge.js';
import type { MethodName } from '../../shared/api/contract.js';

const PREFIX = 'steward:';

/** One invoke channel per Console API method: `steward:api:tenants.create`. */
export function apiChannel<M extends MethodName>(method: M): `steward:api:${M}` {
  return `${PREFIX}api:${method}`;
}

export const IPC = {
  /** main → renderer: a core event (ConsoleEvent). */
  event: `${PREFIX}event`,
  /** renderer → main: also send the log lines of this session id (or '*'). */
  logsSubscribe: `${PREFIX}logs:subscribe`,
  /** renderer → main: stop sending that session's log lines. */
  logsUnsubscribe: `${PREFIX}logs:unsubscribe`,
  /** main → renderer: open a view (NavigationRequest), from a clicked notification or the tray. */
  navigate: `${PREFIX}navigate`,
  /** renderer → main: a navigation listener is registered; pending requests may be delivered. */
  navigateReady: `${PREFIX}navigate:ready`,
} as const;

/** What an API invoke channel answers: the value, or the error as the HTTP API reports it. */
export type IpcResult = { ok: true; value: unknown } | { ok: false; error: BridgeError };
