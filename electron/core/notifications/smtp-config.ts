// SMTP settings: the public part is a configuration entity (in the change feed), the password is
// sealed with the core's SecretBox and kept apart, so no API answer or replica ever carries it.
import type { SmtpSettings, SmtpTls } from '../../../shared/model/notification.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { isoNow, type Clock } from '../ports.js';
import type { EntityCollection } from '../store/entity-collection.js';
import type { MetaStore } from '../store/meta.js';

const PASSWORD_KEY = 'smtp-password';

/** Everything a mail transport needs, password included: never leaves the core. */
export interface SmtpConnection {
  host: string;
  port: number;
  tls: SmtpTls;
  user: string | null;
  password: string | null;
  from: string;
}

export interface SmtpInput {
  host: string;
  port: number;
  tls: SmtpTls;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
}

export class SmtpConfig {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly docs: EntityCollection<SmtpSettings>,
    private readonly meta: MetaStore,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  get(): SmtpSettings | null {
    return this.docs.get('smtp') ?? null;
  }

  set(input: SmtpInput): SmtpSettings {
    const user = input.user?.trim() ? input.user.trim() : null;
    let passwordSet = this.get()?.passwordSet ?? false;
    if (input.password !== undefined) {
      if (input.password === '') this.meta.delete(PASSWORD_KEY);
      else this.meta.set(PASSWORD_KEY, this.box.encrypt(input.password));
      passwordSet = input.password !== '';
    }
    const saved = this.docs.put({ id: 'smtp', host: input.host, port: input.port, tls: input.tls, user, from: input.from, passwordSet, updatedAt: isoNow(this.clock) });
    for (const listener of this.listeners) listener();
    return saved;
  }

  /** The settings with the password unsealed, or null when SMTP is not configured. */
  connection(): SmtpConnection | null {
    const s = this.get();
    if (!s) return null;
    const sealed = s.passwordSet ? this.meta.get(PASSWORD_KEY) : undefined;
    return { host: s.host, port: s.port, tls: s.tls, user: s.user, password: sealed ? this.box.decrypt(sealed) : null, from: s.from };
  }

  onChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
}
