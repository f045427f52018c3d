// Session log lines, numbered per session; written in small batches, announced after they are written.
import type { LogLevel, LogLine } from '../../../shared/model/session.js';
import type { Database } from './database.js';
import { int, text, textOrNull } from './row.js';

export interface NewLogLine {
  at: string;
  level: LogLevel;
  actionId: string | null;
  text: string;
}

export interface LogFilter {
  search?: string | undefined;
  levels?: LogLevel[] | undefined;
}

export class LogsRepo {
  /** Next sequence number per session, kept in memory after the first lookup. */
  private readonly nextSeq = new Map<string, number>();

  constructor(private readonly db: Database) {}

  /** Appends lines (inside the caller's transaction when there is one) and returns them numbered. */
  append(sessionId: string, lines: NewLogLine[]): LogLine[] {
    if (lines.length === 0) return [];
    let seq = this.nextSeq.get(sessionId);
    if (seq === undefined) {
      const row = this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM session_logs WHERE session_id = ?').get(sessionId);
      seq = int(row?.seq ?? 0) + 1;
    }
    const statement = this.db.prepare('INSERT INTO session_logs (session_id, seq, at, level, action_id, text) VALUES (?, ?, ?, ?, ?, ?)');
    const out: LogLine[] = [];
    this.db.tx(() => {
      for (const line of lines) {
        statement.run(sessionId, seq, line.at, line.level, line.actionId, line.text);
        out.push({ seq: seq!, ...line });
        seq!++;
      }
    });
    this.nextSeq.set(sessionId, seq);
    return out;
  }

  /** Lines after `afterSeq`, optionally only those containing `search` (any case) or of some levels. */
  read(sessionId: string, afterSeq: number, limit: number, filter: LogFilter = {}): LogLine[] {
    const where = ['session_id = ?', 'seq > ?'];
    const params: unknown[] = [sessionId, afterSeq];
    if (filter.search) {
      where.push("text LIKE ? ESCAPE '\\'");
      params.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (filter.levels && filter.levels.length > 0) {
      where.push(`level IN (${filter.levels.map(() => '?').join(', ')})`);
      params.push(...filter.levels);
    }
    return this.db
      .prepare(`SELECT seq, at, level, action_id, text FROM session_logs WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`)
      .all(...params, limit)
      .map((r) => ({
        seq: int(r.seq),
        at: text(r.at),
        level: r.level as LogLevel,
        actionId: textOrNull(r.action_id),
        text: text(r.text),
      }));
  }

  /** Forgets the cached counter once a session is finished. */
  release(sessionId: string): void {
    this.nextSeq.delete(sessionId);
  }
}
