// Notification rules, SMTP settings as the API shows them (never the password), and outbox mails.
import { z } from 'zod';
import { Id, IsoTime, Name } from './common.js';

export const NotificationTrigger = z.enum(['session-completed', 'session-failed', 'compliance-issue']);
export type NotificationTrigger = z.infer<typeof NotificationTrigger>;

export const EmailAddress = z.email('must be an e-mail address such as it@example.com').max(254);

export const NotificationRule = z.object({
  id: Id,
  name: Name,
  triggers: z.array(NotificationTrigger).min(1, 'needs at least one trigger'),
  /** null: every tenant. */
  tenantIds: z.array(Id).nullable(),
  recipients: z.array(EmailAddress).min(1, 'needs at least one recipient').max(100),
  subject: z.string().trim().min(1, 'must not be empty').max(500),
  body: z.string().min(1, 'must not be empty').max(20_000),
  enabled: z.boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type NotificationRule = z.infer<typeof NotificationRule>;

export const SmtpTls = z.enum(['none', 'starttls', 'tls']);
export type SmtpTls = z.infer<typeof SmtpTls>;

/** The SMTP settings as stored in the change feed: the password is sealed elsewhere, never here. */
export const SmtpSettings = z.object({
  id: z.literal('smtp'),
  host: z.string().trim().min(1, 'must not be empty').max(253),
  port: z.number().int().min(1).max(65_535),
  tls: SmtpTls,
  user: z.string().max(320).nullable(),
  from: EmailAddress,
  passwordSet: z.boolean(),
  updatedAt: IsoTime,
});
export type SmtpSettings = z.infer<typeof SmtpSettings>;

export const MailStatus = z.enum(['queued', 'sent', 'failed']);
export type MailStatus = z.infer<typeof MailStatus>;

export const OutboxItem = z.object({
  id: Id,
  /** null for mails that no rule sent (none today; kept for test mails sent through the outbox later). */
  ruleId: Id.nullable(),
  to: z.string(),
  subject: z.string(),
  status: MailStatus,
  attempts: z.number().int(),
  createdAt: IsoTime,
  nextAttemptAt: IsoTime.nullable(),
  sentAt: IsoTime.nullable(),
  lastError: z.string().nullable(),
  /** How many sessions the mail reports on (more than one: a digest). */
  sessions: z.number().int(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

/** A desktop (tray or browser) notification the core decided to show. */
export const DesktopNotice = z.object({
  id: Id,
  sessionId: Id,
  computerId: Id,
  status: z.string(),
  title: z.string(),
  body: z.string(),
});
export type DesktopNotice = z.infer<typeof DesktopNotice>;
