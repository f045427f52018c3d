// Events of scheduled sessions wait here, per rule and window occurrence, until the digest is due:
// when the occurrence ends, or a quiet period (2 minutes) after the last event, whichever is first.
import type { Database } from '../store/database.js';
import { text, textOrNull } from '../store/row.js';
import { SessionNotice } from './session-notice.js';

export interface DigestGroup {
  ruleId: string;
  key: string;
  notices: SessionNotice[];
}

export class DigestQueue {
  constructor(
    private readonly db: Database,
    private readonly quietMs: number,
  ) {}

  /** Adds an event (inside the caller's transaction); the same event twice is kept once. */
  add(ruleId: string, key: string, eventId: string, notice: SessionNotice, addedAt: string, deadline: string | null): void {
    this.db
      .prepare('INSERT OR IGNORE INTO notification_digest_items (rule_id, digest_key, event_id, notice, added_at, deadline) VALUES (?, ?, ?, ?, ?, ?)')
      .run(ruleId, key, eventId, JSON.stringify(notice), addedAt, deadline);
  }

  private groups(): { ruleId: string; key: string; due: number }[] {
    return this.db
      .prepare('SELECT rule_id, digest_key, MIN(deadline) AS deadline, MAX(added_at) AS last FROM notification_digest_items GROUP BY rule_id, digest_key')
      .all()
      .map((r) => {
        const quiet = Date.parse(text(r.last)) + this.quietMs;
        const deadline = textOrNull(r.deadline);
        return { ruleId: text(r.rule_id), key: text(r.digest_key), due: deadline === null ? quiet : Math.min(quiet, Date.parse(deadline)) };
      });
  }

  /** When the next digest is due (ms since the epoch), or null when none waits. */
  nextDue(): number | null {
    let next: number | null = null;
    for (const g of this.groups()) if (next === null || g.due < next) next = g.due;
    return next;
  }

  /** Removes and returns the groups due at `now` (inside the caller's transaction). */
  takeDue(now: number): DigestGroup[] {
    const out: DigestGroup[] = [];
    for (const g of this.groups()) {
      if (g.due > now) continue;
      const rows = this.db.prepare('SELECT notice FROM notification_digest_items WHERE rule_id = ? AND digest_key = ? ORDER BY added_at, event_id').all(g.ruleId, g.key);
      this.db.prepare('DELETE FROM notification_digest_items WHERE rule_id = ? AND digest_key = ?').run(g.ruleId, g.key);
      const notices = rows.map((r) => SessionNotice.safeParse(JSON.parse(text(r.notice)))).flatMap((p) => (p.success ? [p.data] : []));
      if (notices.length > 0) out.push({ ruleId: g.ruleId, key: g.key, notices });
    }
    return out;
  }
}
