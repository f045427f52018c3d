// What automated maintenance already did per computer: the occurrence of its last successful
// automated session (for the frequency rule) and the sessions queued for an occurrence.
import type { Database } from '../store/database.js';
import { text } from '../store/row.js';

export class AutomatedHistory {
  private lastSuccess: Map<string, number> | null = null;

  constructor(private readonly db: Database) {}

  /** Occurrence start (ms) of the computer's last completed scheduled or retry session. */
  lastSuccessOf(computerId: string): number | undefined {
    return this.successes().get(computerId);
  }

  /** A scheduled or retry session of this occurrence completed. */
  recordSuccess(computerId: string, occurrenceStart: number): void {
    const map = this.successes();
    const previous = map.get(computerId);
    if (previous === undefined || occurrenceStart > previous) map.set(computerId, occurrenceStart);
  }

  /** Every session of one window occurrence (scheduled, retries and skipped), oldest first. */
  sessionsOf(windowId: string, occurrenceStart: string): { id: string; computerId: string; status: string; automated: boolean }[] {
    return this.db
      .prepare('SELECT id, computer_id, status, trigger FROM sessions WHERE window_id = ? AND occurrence_start = ? ORDER BY created_at, id')
      .all(windowId, occurrenceStart)
      .map((r) => ({ id: text(r.id), computerId: text(r.computer_id), status: text(r.status), automated: r.trigger !== 'manual' }));
  }

  /** Automated sessions of one computer for one occurrence, oldest first. */
  attempts(computerId: string, windowId: string, occurrenceStart: string): { id: string; status: string; endedAt: string | null }[] {
    return this.db
      .prepare("SELECT id, status, ended_at FROM sessions WHERE computer_id = ? AND window_id = ? AND occurrence_start = ? AND trigger IN ('scheduled', 'retry') ORDER BY created_at, id")
      .all(computerId, windowId, occurrenceStart)
      .map((r) => ({ id: text(r.id), status: text(r.status), endedAt: r.ended_at === null ? null : text(r.ended_at) }));
  }

  private successes(): Map<string, number> {
    if (!this.lastSuccess) {
      this.lastSuccess = new Map();
      const rows = this.db
        .prepare("SELECT computer_id, MAX(occurrence_start) AS start FROM sessions WHERE status = 'completed' AND trigger IN ('scheduled', 'retry') AND occurrence_start IS NOT NULL GROUP BY computer_id")
        .all();
      for (const r of rows) this.lastSuccess.set(text(r.computer_id), Date.parse(text(r.start)));
    }
    return this.lastSuccess;
  }
}
