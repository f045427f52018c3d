// API handlers: what only the desktop app can do. Under the web console (no desktop host) reads
// say it is not available and writes answer `unavailable`, so one contract serves both.
import type { desktopApi, LaunchAtLogin } from '../../../../shared/api/desktop.js';
import { ApiError } from '../../errors.js';
import type { DesktopHost } from '../../host.js';
import type { Handlers } from '../handlers.js';

const WEB_CONSOLE: LaunchAtLogin = {
  available: false,
  enabled: false,
  reason: 'the web console does not start at sign-in: use the desktop app, or run the console as a service',
};

export function desktopHandlers(host: DesktopHost | null): Handlers<keyof typeof desktopApi> {
  return {
    'desktop.getLaunchAtLogin': () => host?.launchAtLogin.get() ?? WEB_CONSOLE,
    'desktop.setLaunchAtLogin': ({ enabled }) => {
      const state = host ? host.launchAtLogin.set(enabled) : WEB_CONSOLE;
      if (!state.available) throw new ApiError('unavailable', `launch at sign-in cannot be changed here: ${state.reason ?? 'not available'}`);
      return state;
    },
  };
}
