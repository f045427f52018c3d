// The shape of `window.steward` in the desktop app: the Console API methods grouped by domain
// (`steward.tenants.create(input)`), plus event subscriptions that return an unsubscribe function.
// The web renderer builds the same shape over HTTP and WebSocket, so views never know which it has.
import type { SessionStatus } from '../model/session.js';
import type { ConsoleEvent } from './events.js';
import { consoleApi, type ApiInput, type ApiOutput, type MethodName } from './contract.js';

type DomainOf<M extends string> = M extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<MethodName>;

export type DomainApi<D extends Domain> = {
  [M in MethodName as M extends `${D}.${infer N}` ? N : never]: (input: ApiInput<M>) => Promise<ApiOutput<M>>;
};

/** A view the desktop app asks the renderer to open: a clicked failure notification, the tray. */
export type NavigationRequest = { view: 'session'; sessionId: string } | { view: 'sessions'; status?: SessionStatus };

export interface BridgeEvents {
  /** Every core event except log lines; returns an unsubscribe function. */
  onEvent(listener: (event: ConsoleEvent) => void): () => void;
  /** Also deliver log lines of this session (or '*' for all) to onEvent listeners. */
  subscribeLogs(sessionId: string): () => void;
  /**
   * Desktop app only (absent in the web console): the main process asks to open a view. Requests
   * made before the first listener registers (the window was just opened) are delivered to it then.
   */
  onNavigate?(listener: (request: NavigationRequest) => void): () => void;
}

export type StewardBridge = { [D in Domain]: DomainApi<D> } & { events: BridgeEvents };

/** Method names grouped by domain, from the contract: what a preload or client exposes. */
export function methodsByDomain(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(consoleApi)) {
    const dot = name.indexOf('.');
    (out[name.slice(0, dot)] ??= []).push(name.slice(dot + 1));
  }
  return out;
}

/** Errors crossing the bridge carry the API's code and the field at fault. */
export interface BridgeError {
  code: string;
  message: string;
  field?: string;
  status?: number;
}
