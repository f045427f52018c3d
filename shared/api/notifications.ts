// Console API: SMTP settings, notification rules with templates, and the mail outbox.
import { z } from 'zod';
import { Id, Name } from '../model/common.js';
import { EmailAddress, MailStatus, NotificationRule, NotificationTrigger, OutboxItem, SmtpSettings, SmtpTls } from '../model/notification.js';
import { command, query } from './method.js';

const RuleFields = {
  name: Name,
  triggers: z.array(NotificationTrigger).min(1, 'needs at least one trigger'),
  /** Omit (or null) for every tenant. */
  tenantIds: z.array(Id).min(1, 'give at least one tenant, or leave it out for all').nullable().optional(),
  recipients: z.array(EmailAddress).min(1, 'needs at least one recipient').max(100),
  subject: z.string().trim().min(1, 'must not be empty').max(500),
  body: z.string().min(1, 'must not be empty').max(20_000),
  enabled: z.boolean().optional(),
};

export const notificationsApi = {
  /** The password is sealed on this machine and never returned; omit it to keep the stored one, "" to remove it. */
  'notifications.setSmtp': command(
    z.strictObject({
      host: z.string().trim().min(1, 'must not be empty').max(253),
      port: z.number().int().min(1).max(65_535),
      tls: SmtpTls,
      user: z.string().max(320).optional(),
      password: z.string().max(1024).optional(),
      from: EmailAddress,
    }),
    SmtpSettings,
  ),
  'notifications.getSmtp': query(z.strictObject({}), z.object({ smtp: SmtpSettings.nullable() })),
  /** Sends a test mail now (not through the outbox) and reports what the server said. */
  'notifications.testSmtp': command(z.strictObject({ to: EmailAddress }), z.object({ ok: z.boolean(), error: z.string().nullable() })),
  'notifications.createRule': command(z.strictObject(RuleFields), z.object({ id: Id })),
  'notifications.updateRule': command(z.strictObject({ id: Id, ...z.strictObject(RuleFields).partial().shape }), NotificationRule),
  'notifications.deleteRule': command(z.strictObject({ id: Id }), z.object({ id: Id, deleted: z.literal(true) })),
  'notifications.listRules': query(z.strictObject({}), z.object({ items: z.array(NotificationRule) })),
  'notifications.getRule': query(z.strictObject({ id: Id }), NotificationRule),
  /** Renders a subject and body with an example (or a real session when sessionId is given). */
  'notifications.preview': query(
    z.strictObject({
      subject: z.string().max(500),
      body: z.string().max(20_000),
      trigger: NotificationTrigger.default('session-failed'),
      sessionId: Id.optional(),
      digest: z.boolean().default(false),
    }),
    z.object({ subject: z.string(), body: z.string(), placeholders: z.record(z.string(), z.string()) }),
  ),
  'notifications.outbox': query(
    z.strictObject({ status: MailStatus.optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    z.object({ items: z.array(OutboxItem) }),
  ),
  /** Queues a failed (or waiting) mail again now, with a fresh 24 hours of retries. */
  'notifications.retryMail': command(z.strictObject({ id: Id }), OutboxItem),
} as const;
