// A session's log as plain text, for download: a header naming the session, then one line per entry.
import type { LogsRepo } from '../store/logs-repo.js';
import type { SessionsRepo } from '../store/sessions-repo.js';

const CHUNK = 5000;

export class SessionLogText {
  constructor(
    private readonly sessions: SessionsRepo,
    private readonly logs: LogsRepo,
    private readonly computerName: (id: string) => string | null,
  ) {}

  fileName(id: string): string {
    return `steward-session-${id}.log.txt`;
  }

  /** The log text, or null when the session does not exist. */
  render(id: string): string | null {
    const session = this.sessions.get(id);
    if (!session) return null;
    const out: string[] = [
      `Steward session ${session.id}`,
      `Computer: ${this.computerName(session.computerId) ?? session.computerId}`,
      `Status: ${session.status}${session.reason ? ` (${session.reason})` : ''}`,
      `Trigger: ${session.trigger}; created ${session.createdAt}; started ${session.startedAt ?? '-'}; ended ${session.endedAt ?? '-'}`,
      '',
    ];
    for (let after = 0; ; ) {
      const lines = this.logs.read(id, after, CHUNK);
      for (const l of lines) out.push(`${l.at} ${l.level.padEnd(6)} ${l.text}`);
      if (lines.length < CHUNK) break;
      after = lines[lines.length - 1]!.seq;
    }
    return `${out.join('\n')}\n`;
  }
}
