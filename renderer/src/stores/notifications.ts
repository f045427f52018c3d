// Mail notifications: SMTP settings and rules from the replica, the outbox read from the core and
// followed live, and the API calls of the notification settings screen.
import { defineStore } from 'pinia';
import { computed, reactive, toRefs } from 'vue';
import type { ApiInput, ApiOutput } from '../../../shared/api/contract.js';
import type { NotificationRule, OutboxItem, SmtpSettings } from '../../../shared/model/notification.js';
import { toBridgeError } from '../bridge/bridge-error.js';
import { byName } from '../logic/by-name.js';
import { useConsoleStore } from './console.js';

export interface NotificationsState {
  outbox: OutboxItem[];
  outboxLoaded: boolean;
  outboxError: string | null;
  /** What `notifications.getSmtp` answered, until the replica has the document. */
  fetchedSmtp: SmtpSettings | null;
}

export const useNotificationsStore = defineStore('notifications', () => {
  const core = useConsoleStore();
  const state = reactive<NotificationsState>({ outbox: [], outboxLoaded: false, outboxError: null, fetchedSmtp: null });

  const smtp = computed<SmtpSettings | null>(() => core.entities('smtp-settings').get('smtp') ?? state.fetchedSmtp);
  const rules = computed<NotificationRule[]>(() => byName(core.entities('notification-rule').values()));

  async function loadSmtp(): Promise<void> {
    if (!core.entities('smtp-settings').has('smtp')) state.fetchedSmtp = (await core.call('notifications.getSmtp', {})).smtp;
  }

  async function saveSmtp(input: ApiInput<'notifications.setSmtp'>): Promise<SmtpSettings> {
    const saved = await core.call('notifications.setSmtp', input);
    await core.remember('smtp-settings', saved);
    state.fetchedSmtp = saved;
    return saved;
  }

  function testSmtp(to: string): Promise<ApiOutput<'notifications.testSmtp'>> {
    return core.call('notifications.testSmtp', { to });
  }

  async function createRule(input: ApiInput<'notifications.createRule'>): Promise<NotificationRule> {
    const { id } = await core.call('notifications.createRule', input);
    const rule = await core.call('notifications.getRule', { id });
    await core.remember('notification-rule', rule);
    return rule;
  }

  async function updateRule(input: ApiInput<'notifications.updateRule'>): Promise<NotificationRule> {
    const rule = await core.call('notifications.updateRule', input);
    await core.remember('notification-rule', rule);
    return rule;
  }

  async function deleteRule(id: string): Promise<void> {
    await core.call('notifications.deleteRule', { id });
  }

  function preview(input: ApiInput<'notifications.preview'>): Promise<ApiOutput<'notifications.preview'>> {
    return core.call('notifications.preview', input);
  }

  async function loadOutbox(): Promise<void> {
    try {
      state.outbox = (await core.call('notifications.outbox', { limit: 200 })).items;
      state.outboxError = null;
    } catch (error) {
      state.outboxError = toBridgeError(error).message;
    } finally {
      state.outboxLoaded = true;
    }
  }

  async function retryMail(id: string): Promise<void> {
    onMail(await core.call('notifications.retryMail', { id }));
  }

  function onMail(mail: OutboxItem): void {
    const index = state.outbox.findIndex((m) => m.id === mail.id);
    if (index >= 0) state.outbox[index] = mail;
    else state.outbox = [mail, ...state.outbox].slice(0, 200);
  }

  /** Follows mail state changes while the outbox is on screen; returns the stop function. */
  function follow(): () => void {
    return core.onConsoleEvent((event) => {
      if (event.type === 'mail') onMail(event.mail);
    });
  }

  return { ...toRefs(state), smtp, rules, loadSmtp, saveSmtp, testSmtp, createRule, updateRule, deleteRule, preview, loadOutbox, retryMail, follow };
});
