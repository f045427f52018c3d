// Notification rules: who gets mail for which events of which tenants, with what subject and body.
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { NotificationRule, NotificationTrigger } from '../../../shared/model/notification.js';
import { unknownPlaceholders } from '../../../shared/engine/mail-template.js';
import { newId } from '../../../shared/ids.js';
import { invalid, notFound } from '../errors.js';
import { isoNow, type Clock } from '../ports.js';
import type { EntityCollection } from '../store/entity-collection.js';

type RuleInput = ApiParsedInput<'notifications.createRule'>;

export class RulesService {
  constructor(
    private readonly rules: EntityCollection<NotificationRule>,
    private readonly tenantExists: (id: string) => boolean,
    private readonly clock: Clock,
  ) {}

  list(): NotificationRule[] {
    return this.rules.all().sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  get(id: string): NotificationRule {
    const rule = this.rules.get(id);
    if (!rule) throw notFound('notification rule', id);
    return rule;
  }

  /** Enabled rules for this trigger whose scope includes the tenant. */
  matching(trigger: NotificationTrigger, tenantId: string): NotificationRule[] {
    return this.list().filter((r) => r.enabled && r.triggers.includes(trigger) && (r.tenantIds === null || r.tenantIds.includes(tenantId)));
  }

  create(input: RuleInput): NotificationRule {
    this.check(input);
    const now = isoNow(this.clock);
    return this.rules.put({
      id: newId(),
      name: input.name,
      triggers: [...new Set(input.triggers)],
      tenantIds: input.tenantIds ?? null,
      recipients: [...new Set(input.recipients)],
      subject: input.subject,
      body: input.body,
      enabled: input.enabled ?? true,
      createdAt: now,
      updatedAt: now,
    });
  }

  update(input: ApiParsedInput<'notifications.updateRule'>): NotificationRule {
    const current = this.get(input.id);
    this.check(input);
    return this.rules.put({
      ...current,
      name: input.name ?? current.name,
      triggers: input.triggers ? [...new Set(input.triggers)] : current.triggers,
      tenantIds: input.tenantIds === undefined ? current.tenantIds : input.tenantIds,
      recipients: input.recipients ? [...new Set(input.recipients)] : current.recipients,
      subject: input.subject ?? current.subject,
      body: input.body ?? current.body,
      enabled: input.enabled ?? current.enabled,
      updatedAt: isoNow(this.clock),
    });
  }

  delete(id: string): void {
    this.get(id);
    this.rules.delete(id);
  }

  private check(input: Partial<RuleInput>): void {
    input.tenantIds?.forEach((id, i) => {
      if (!this.tenantExists(id)) throw invalid(`tenantIds.${i}`, `tenant ${id} does not exist`);
    });
    for (const field of ['subject', 'body'] as const) {
      const unknown = input[field] === undefined ? [] : unknownPlaceholders(input[field]);
      if (unknown.length > 0) throw invalid(field, `unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(', ')}`);
    }
  }
}
