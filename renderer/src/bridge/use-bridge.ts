// The one seam between the UI and the core: `window.steward` in the desktop app, the same
// StewardBridge over HTTP and WebSocket in a browser. Tests install their own with setBridge().
import type { StewardBridge } from '../../../shared/api/bridge.js';
import { createHttpBridge, type HttpBridge } from './http-bridge.js';

let current: StewardBridge | null = null;

export function setBridge(bridge: StewardBridge | null): void {
  current = bridge;
}

export function useBridge(): StewardBridge {
  if (current) return current;
  current = window.steward ?? createHttpBridge({ baseUrl: window.location.origin });
  return current;
}

/** The web console's bridge exposes its events link; the desktop app's core is always there. */
export function isHttpBridge(bridge: StewardBridge): bridge is HttpBridge {
  return 'link' in bridge;
}
