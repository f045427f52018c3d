// Delivers the outbox: due mails one at a time; a failed attempt is retried first within a minute,
// then at doubling intervals of at most 5 minutes, and marked failed only after 24 hours.
import type { OutboxItem } from '../../../shared/model/notification.js';
import type { Disposable } from '../lifecycle.js';
import type { Clock, Logger } from '../ports.js';
import type { Timers } from '../timers.js';
import type { MailSender } from './mail-sender.js';
import { publicMail, type OutboxRepo, type StoredMail } from './outbox-repo.js';
import type { SmtpConfig } from './smtp-config.js';

export interface OutboxTiming {
  firstRetryMs: number;
  maxRetryMs: number;
  giveUpAfterMs: number;
}

export const DEFAULT_OUTBOX_TIMING: OutboxTiming = { firstRetryMs: 30_000, maxRetryMs: 5 * 60_000, giveUpAfterMs: 24 * 3_600_000 };

/** Delay before the next attempt after `failures` failed attempts (1, 2, …). */
export function retryDelayMs(failures: number, timing: OutboxTiming): number {
  return Math.min(timing.maxRetryMs, timing.firstRetryMs * 2 ** Math.max(0, failures - 1));
}

const BATCH = 25;

export class OutboxWorker implements Disposable {
  private timer: Disposable | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private disposed = false;

  constructor(
    private readonly repo: OutboxRepo,
    private readonly smtp: SmtpConfig,
    private readonly sender: MailSender,
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly logger: Logger,
    private readonly timing: OutboxTiming,
    /** Told of every change of a mail's state (for the UI's outbox view). */
    private readonly onMail: (item: OutboxItem) => void = () => {},
  ) {}

  /** Delivers what is due now and arms the timer for the rest. */
  kick(): void {
    if (this.disposed) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    void this.timer?.dispose();
    this.timer = null;
    this.draining = this.drain()
      .catch((error: unknown) => this.logger.error('mail outbox failed', { error: (error as Error).stack }))
      .finally(() => {
        this.draining = null;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          this.arm();
        }
      });
  }

  /** Resolves once the current delivery round (if any) is over: for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.disposed) return;
      const due = this.repo.due(this.iso(this.clock.now()), BATCH);
      if (due.length === 0) return;
      for (const mail of due) {
        if (this.disposed) return;
        await this.attempt(mail);
      }
    }
  }

  private async attempt(mail: StoredMail): Promise<void> {
    const connection = this.smtp.connection();
    let error: string | null = null;
    if (!connection) {
      error = 'SMTP is not configured (Settings → Notifications)';
    } else {
      try {
        await this.sender.send(connection, { messageId: `<${mail.id}@steward.invalid>`, to: mail.to, subject: mail.subject, text: mail.body });
      } catch (e) {
        error = (e as Error).message || String(e);
      }
    }
    const now = this.clock.now();
    if (error === null) {
      this.repo.markSent(mail.id, this.iso(now));
    } else {
      const retryAt = now + retryDelayMs(mail.attempts + 1, this.timing);
      const giveUp = now >= Date.parse(mail.giveUpAt);
      this.repo.markAttemptFailed(mail.id, error, giveUp ? null : this.iso(retryAt));
      this.logger.warn(giveUp ? 'mail failed for good' : 'mail delivery failed; will retry', { mailId: mail.id, attempts: mail.attempts + 1, error });
    }
    const updated = this.repo.get(mail.id);
    if (updated) this.onMail(publicMail(updated));
  }

  private arm(): void {
    if (this.disposed) return;
    const next = this.repo.nextDueAt();
    if (next === null) return;
    const wait = Math.max(0, Date.parse(next) - this.clock.now());
    this.timer = this.timers.after(wait, () => {
      this.timer = null;
      this.kick();
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    void this.timer?.dispose();
    this.timer = null;
    await this.idle();
  }
}
