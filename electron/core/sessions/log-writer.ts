// Buffers session log lines for a moment, writes them in one transaction, then announces them.
import type { LogLevel } from '../../../shared/model/session.js';
import type { EventBus } from '../event-bus.js';
import type { LogsRepo, NewLogLine } from '../store/logs-repo.js';
import type { Database } from '../store/database.js';
import { isoNow, type Clock } from '../ports.js';

const FLUSH_DELAY_MS = 20;
const MAX_LINE = 8 * 1024;

export class LogWriter {
  private readonly buffer = new Map<string, NewLogLine[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly logs: LogsRepo,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  append(sessionId: string, level: LogLevel, actionId: string | null, text: string): void {
    let lines = this.buffer.get(sessionId);
    if (!lines) this.buffer.set(sessionId, (lines = []));
    lines.push({ at: isoNow(this.clock), level, actionId, text: text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text });
    this.timer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  /**
   * Writes everything buffered, and `alongside` in the same transaction: a state change is
   * written together with the log lines before it, so the log never trails the status.
   */
  flush(alongside?: () => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer.size === 0 && !alongside) return;
    const batches = [...this.buffer.entries()];
    this.buffer.clear();
    this.write(batches, alongside);
  }

  /**
   * Writes one session's buffered lines with `alongside` (its state change). Other sessions' lines
   * wait for the timer or their own change: with 50 sessions running, one action's state change
   * used to write everyone's output (up to 4 ms in that action).
   */
  flushSession(sessionId: string, alongside: () => void): void {
    const lines = this.buffer.get(sessionId);
    this.buffer.delete(sessionId);
    if (this.buffer.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.write(lines ? [[sessionId, lines]] : [], alongside);
  }

  private write(batches: [string, NewLogLine[]][], alongside?: () => void): void {
    const written = this.db.tx(() => {
      const lines = batches.map(([sessionId, batch]) => ({ sessionId, lines: this.logs.append(sessionId, batch) }));
      alongside?.();
      return lines;
    });
    for (const { sessionId, lines } of written) this.events.emit({ type: 'log', sessionId, lines });
  }

  dispose(): void {
    this.flush();
  }
}

/** Splits a stream of output chunks into whole lines. */
export class LineSplitter {
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.onLine(line);
    if (this.partial.length > MAX_LINE) {
      this.onLine(this.partial);
      this.partial = '';
    }
  }

  end(): void {
    if (this.partial !== '') this.onLine(this.partial);
    this.partial = '';
  }
}
