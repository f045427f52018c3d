// API handlers: SMTP settings, notification rules and the outbox.
import type { notificationsApi } from '../../../../shared/api/notifications.js';
import type { NotificationsService } from '../../notifications/notifications-service.js';
import type { RulesService } from '../../notifications/rules-service.js';
import type { SmtpConfig } from '../../notifications/smtp-config.js';
import type { Handlers } from '../handlers.js';

export function notificationHandlers(s: { smtp: SmtpConfig; rules: RulesService; notifications: NotificationsService }): Handlers<keyof typeof notificationsApi> {
  return {
    'notifications.setSmtp': (input) => {
      const saved = s.smtp.set(input);
      s.notifications.smtpChanged();
      return saved;
    },
    'notifications.getSmtp': () => ({ smtp: s.smtp.get() }),
    'notifications.testSmtp': ({ to }) => s.notifications.testSmtp(to),
    'notifications.createRule': (input) => ({ id: s.rules.create(input).id }),
    'notifications.updateRule': (input) => s.rules.update(input),
    'notifications.deleteRule': ({ id }) => {
      s.rules.delete(id);
      return { id, deleted: true as const };
    },
    'notifications.listRules': () => ({ items: s.rules.list() }),
    'notifications.getRule': ({ id }) => s.rules.get(id),
    'notifications.preview': (q) => s.notifications.preview(q),
    'notifications.outbox': (q) => ({ items: s.notifications.outbox(q) }),
    'notifications.retryMail': ({ id }) => s.notifications.retry(id),
  };
}
