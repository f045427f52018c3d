// The relay's clock and logger ports (the relay imports nothing of the console, so it has its own).
export interface RelayClock {
  now(): number;
}

export const systemClock: RelayClock = { now: () => Date.now() };

export interface RelayLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** One JSON line per entry on stderr; stdout is for what the operator reads. */
export function stderrLogger(component: string): RelayLogger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, component, message, ...fields })}\n`);
  return { info: (m, f) => write('info', m, f), warn: (m, f) => write('warn', m, f), error: (m, f) => write('error', m, f) };
}

export const silentRelayLogger: RelayLogger = { info: () => {}, warn: () => {}, error: () => {} };
