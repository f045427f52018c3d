// What the API offers about mail: SMTP settings and a test mail, rule previews, the outbox.
import type { ApiOutput, ApiParsedInput } from '../../../shared/api/contract.js';
import type { NotificationTrigger, OutboxItem } from '../../../shared/model/notification.js';
import { unknownPlaceholders } from '../../../shared/engine/mail-template.js';
import { newId } from '../../../shared/ids.js';
import { invalid, notFound } from '../errors.js';
import { isoNow, type Clock } from '../ports.js';
import type { SessionsRepo } from '../store/sessions-repo.js';
import { composeMail, templateContext, type Links } from './mail-composer.js';
import type { MailSender } from './mail-sender.js';
import { publicMail, type OutboxRepo } from './outbox-repo.js';
import type { OutboxWorker } from './outbox-worker.js';
import { sessionNotice, type NoticeNames, type SessionNotice } from './session-notice.js';
import type { SmtpConfig } from './smtp-config.js';

export interface NotificationsDeps {
  smtp: SmtpConfig;
  sender: MailSender;
  outbox: OutboxRepo;
  worker: OutboxWorker;
  sessions: SessionsRepo;
  names: NoticeNames;
  links: Links;
  windowName: (id: string) => string | null;
  clock: Clock;
  giveUpAfterMs: number;
}

function example(event: NotificationTrigger, n: number): SessionNotice {
  const computers = ['RECEPTION-PC', 'DENTIST-LAPTOP', 'XRAY-WS', 'OFFICE-02'];
  const failed = event === 'session-failed';
  return {
    event,
    sessionId: `0190f1c2-0000-7000-8000-00000000000${n}`,
    computerId: `0190f1c2-0000-7000-8000-0000000000c${n}`,
    computer: computers[n % computers.length]!,
    tenantId: '0190f1c2-0000-7000-8000-0000000000a1',
    tenant: 'Example Dental',
    status: failed ? 'failed' : 'completed',
    trigger: 'scheduled',
    reason: failed ? '1 of 2 actions failed' : null,
    startedAt: '2026-03-02T01:00:04.000Z',
    endedAt: '2026-03-02T01:03:41.000Z',
    failedActions: failed ? ['install 7-Zip 24.08: exit code 1603'] : [],
    complianceIssues: event === 'compliance-issue' ? ['7-Zip latest: installed 23.01, desired latest (24.08)'] : [],
    windowId: 'example-window',
    occurrenceStart: '2026-03-02T01:00:00.000Z',
  };
}

export class NotificationsService {
  constructor(private readonly deps: NotificationsDeps) {}

  async testSmtp(to: string): Promise<{ ok: boolean; error: string | null }> {
    const connection = this.deps.smtp.connection();
    if (!connection) return { ok: false, error: 'SMTP is not configured: save the settings first' };
    try {
      await this.deps.sender.send(connection, {
        messageId: `<${newId()}@steward.invalid>`,
        to,
        subject: 'Steward test mail',
        text: `This is a test mail from Steward, sent ${isoNow(this.deps.clock)} through ${connection.host}:${connection.port}.\nIf you can read it, notification mail will reach you.\n`,
      });
      return { ok: true, error: null };
    } catch (error) {
      return { ok: false, error: (error as Error).message || String(error) };
    }
  }

  preview(q: ApiParsedInput<'notifications.preview'>): ApiOutput<'notifications.preview'> {
    for (const field of ['subject', 'body'] as const) {
      const unknown = unknownPlaceholders(q[field]);
      if (unknown.length > 0) throw invalid(field, `unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(', ')}`);
    }
    let notices: SessionNotice[];
    if (q.sessionId !== undefined) {
      const session = this.deps.sessions.get(q.sessionId);
      if (!session) throw notFound('session', q.sessionId, 'sessionId');
      notices = [sessionNotice(session, this.deps.sessions, this.deps.names, q.trigger)];
    } else {
      notices = q.digest ? [0, 1, 2, 3].map((n) => example(q.trigger, n)) : [example(q.trigger, 0)];
    }
    const rule = { name: 'Preview', subject: q.subject, body: q.body };
    const mail = composeMail(rule, notices, this.deps.links, this.deps.windowName);
    return { ...mail, placeholders: templateContext(rule, notices, this.deps.links, this.deps.windowName) };
  }

  outbox(q: ApiParsedInput<'notifications.outbox'>): OutboxItem[] {
    return this.deps.outbox.list(q.status, q.limit).map(publicMail);
  }

  retry(id: string): OutboxItem {
    const mail = this.deps.outbox.get(id);
    if (!mail) throw notFound('mail', id);
    if (mail.status === 'sent') throw invalid('id', 'this mail was already sent');
    const now = this.deps.clock.now();
    this.deps.outbox.requeue(id, new Date(now).toISOString(), new Date(now + this.deps.giveUpAfterMs).toISOString());
    this.deps.worker.kick();
    return publicMail(this.deps.outbox.get(id)!);
  }

  /** New SMTP settings: mails that were waiting are tried again at once. */
  smtpChanged(): void {
    this.deps.outbox.retryAllNow(isoNow(this.deps.clock));
    this.deps.worker.kick();
  }
}
