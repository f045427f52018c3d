// Electron's powerMonitor as the core's PowerEvents port: the scheduler re-arms its timers when the
// computer wakes (issue 4), without the core importing electron.
import type { Disposable } from '../core/lifecycle.js';
import type { PowerEvents } from '../core/host.js';

/** The parts of Electron's powerMonitor this uses. */
export interface PowerMonitorPort {
  on(event: 'resume', listener: () => void): unknown;
  removeListener(event: 'resume', listener: () => void): unknown;
}

export function powerEventsFrom(monitor: PowerMonitorPort): PowerEvents {
  return {
    onResume(listener): Disposable {
      // A throwing listener must not break Electron's emitter for the others.
      const safe = () => {
        try {
          listener();
        } catch {
          /* the subscriber logs its own failures */
        }
      };
      monitor.on('resume', safe);
      return { dispose: () => void monitor.removeListener('resume', safe) };
    },
  };
}
