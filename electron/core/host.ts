// What the process hosting the core offers beyond plain Node. The desktop app fills these in from
// Electron (login items, power events); the web console leaves them out. The core never imports electron.
import type { LaunchAtLogin } from '../../shared/api/desktop.js';
import type { SecretStorage } from '../../shared/api/system.js';
import type { Disposable } from './lifecycle.js';

/** Starting the console when the user signs in to the computer. */
export interface LaunchAtLoginPort {
  get(): LaunchAtLogin;
  /** Returns the state after the change; `available: false` when it cannot be changed here. */
  set(enabled: boolean): LaunchAtLogin;
}

/** The computer woke from sleep: timers armed before it slept may have fired late or not at all. */
export interface PowerEvents {
  onResume(listener: () => void): Disposable;
}

/** Plain Node has no resume event; the scheduler also watches for wall-clock jumps. */
export const noPowerEvents: PowerEvents = { onResume: () => ({ dispose: () => {} }) };

export interface DesktopHost {
  launchAtLogin: LaunchAtLoginPort;
}

export type { SecretStorage };
