// The persistent mail outbox: one row per recipient and mail, written in the same transaction as
// the event that caused it, so an SMTP outage or a restart loses nothing.
import type { MailStatus, OutboxItem } from '../../../shared/model/notification.js';
import type { Database } from '../store/database.js';
import { int, intOrNull, text, textOrNull, type Row } from '../store/row.js';

export interface NewMail {
  id: string;
  ruleId: string | null;
  to: string;
  subject: string;
  body: string;
  sessions: number;
  createdAt: string;
  /** Retried until this instant, then marked failed. */
  giveUpAt: string;
}

export interface StoredMail extends OutboxItem {
  body: string;
  giveUpAt: string;
}

function toMail(r: Row): StoredMail {
  return {
    id: text(r.id),
    ruleId: textOrNull(r.rule_id),
    to: text(r.recipient),
    subject: text(r.subject),
    body: text(r.body),
    status: text(r.status) as MailStatus,
    attempts: int(r.attempts),
    createdAt: text(r.created_at),
    nextAttemptAt: textOrNull(r.next_attempt_at),
    sentAt: textOrNull(r.sent_at),
    lastError: textOrNull(r.last_error),
    sessions: intOrNull(r.sessions) ?? 0,
    giveUpAt: text(r.give_up_at),
  };
}

export function publicMail(m: StoredMail): OutboxItem {
  const { body: _body, giveUpAt: _giveUpAt, ...item } = m;
  return item;
}

export class OutboxRepo {
  constructor(private readonly db: Database) {}

  /** Queues mails for delivery now (inside the caller's transaction when there is one). */
  enqueue(mails: NewMail[]): void {
    const statement = this.db.prepare(
      `INSERT INTO mail_outbox (id, rule_id, recipient, subject, body, status, attempts, created_at, next_attempt_at, give_up_at, last_error, sent_at, sessions)
       VALUES (?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?, NULL, NULL, ?)`,
    );
    this.db.tx(() => {
      for (const m of mails) statement.run(m.id, m.ruleId, m.to, m.subject, m.body, m.createdAt, m.createdAt, m.giveUpAt, m.sessions);
    });
  }

  get(id: string): StoredMail | undefined {
    const row = this.db.prepare('SELECT * FROM mail_outbox WHERE id = ?').get(id);
    return row ? toMail(row) : undefined;
  }

  /** Queued mails whose next attempt is due, oldest first. */
  due(now: string, limit: number): StoredMail[] {
    return this.db.prepare("SELECT * FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?").all(now, limit).map(toMail);
  }

  /** When the next queued mail is due, or null when nothing waits. */
  nextDueAt(): string | null {
    const row = this.db.prepare("SELECT MIN(next_attempt_at) AS at FROM mail_outbox WHERE status = 'queued'").get();
    return textOrNull(row?.at);
  }

  markSent(id: string, at: string): void {
    this.db.prepare("UPDATE mail_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, next_attempt_at = NULL, last_error = NULL WHERE id = ? AND status = 'queued'").run(at, id);
  }

  /** Records a failed attempt: retried at `retryAt`, or failed for good when it is null. */
  markAttemptFailed(id: string, error: string, retryAt: string | null): void {
    if (retryAt === null) {
      this.db.prepare("UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, next_attempt_at = NULL, last_error = ? WHERE id = ?").run(error, id);
    } else {
      this.db.prepare('UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?').run(retryAt, error, id);
    }
  }

  /** Queues a mail again now with a fresh retry period. */
  requeue(id: string, now: string, giveUpAt: string): void {
    this.db.prepare("UPDATE mail_outbox SET status = 'queued', next_attempt_at = ?, give_up_at = ? WHERE id = ? AND status != 'sent'").run(now, giveUpAt, id);
  }

  /** After the SMTP settings changed: every waiting mail is tried again at once. */
  retryAllNow(now: string): void {
    this.db.prepare("UPDATE mail_outbox SET next_attempt_at = ? WHERE status = 'queued' AND next_attempt_at > ?").run(now, now);
  }

  list(status: MailStatus | undefined, limit: number): StoredMail[] {
    const sql = status ? 'SELECT * FROM mail_outbox WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?' : 'SELECT * FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT ?';
    return (status ? this.db.prepare(sql).all(status, limit) : this.db.prepare(sql).all(limit)).map(toMail);
  }
}
