// The scheduler's memory of window openings: each one handled once (served or missed), so a
// restart, a wake or a clock jump never replays an opening and never forgets one.
import type { OpeningRecord } from '../../../shared/api/maintenance.js';
import type { Occurrence } from '../../../shared/engine/window-occurrences.js';
import type { Database } from '../store/database.js';
import { text } from '../store/row.js';

const iso = (ms: number) => new Date(ms).toISOString();

interface Pending {
  windowId: string;
  occurrence: Occurrence;
  outcome: OpeningRecord['outcome'];
  cause: string;
  now: number;
}

export class OpeningsJournal {
  private last: Map<string, number> | null = null;
  /**
   * Records not yet written: a re-plan records hundreds at once, written in one transaction right
   * after it. Losing them in a crash is harmless: the openings are handled again, and sessions
   * are idempotent by key.
   */
  private pending: Pending[] = [];

  constructor(private readonly db: Database) {}

  /** Start of the latest opening handled for the window. */
  lastHandled(windowId: string): number | undefined {
    if (!this.last) {
      this.last = new Map();
      for (const row of this.db.prepare('SELECT window_id, MAX(occurrence_start) AS start FROM scheduler_openings GROUP BY window_id').all()) {
        this.last.set(text(row.window_id), Date.parse(text(row.start)));
      }
    }
    return this.last.get(windowId);
  }

  /** Records the opening; false when an opening this late was recorded before (handled already). */
  record(windowId: string, occurrence: Occurrence, outcome: OpeningRecord['outcome'], cause: string, now: number): boolean {
    const previous = this.lastHandled(windowId);
    if (previous !== undefined && occurrence.start <= previous) return false;
    this.last!.set(windowId, occurrence.start);
    if (this.pending.length === 0) queueMicrotask(() => this.flush());
    this.pending.push({ windowId, occurrence, outcome, cause, now });
    return true;
  }

  /** Writes what was recorded since the last flush. */
  flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const insert = this.db.prepare('INSERT INTO scheduler_openings (window_id, occurrence_start, occurrence_end, outcome, cause, handled_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.db.tx(() => {
      for (const p of batch) insert.run(p.windowId, iso(p.occurrence.start), iso(p.occurrence.end), p.outcome, p.cause, iso(p.now));
    });
  }

  recent(limit: number, windowId?: string): OpeningRecord[] {
    this.flush();
    const rows =
      windowId === undefined
        ? this.db.prepare('SELECT * FROM scheduler_openings ORDER BY handled_at DESC, occurrence_start DESC LIMIT ?').all(limit)
        : this.db.prepare('SELECT * FROM scheduler_openings WHERE window_id = ? ORDER BY occurrence_start DESC LIMIT ?').all(windowId, limit);
    return rows.map((r) => ({
      windowId: text(r.window_id),
      occurrenceStart: text(r.occurrence_start),
      occurrenceEnd: text(r.occurrence_end),
      outcome: text(r.outcome) as OpeningRecord['outcome'],
      cause: text(r.cause),
      handledAt: text(r.handled_at),
    }));
  }
}
