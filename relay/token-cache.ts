// Remembers which member a token belongs to for a moment, so a console's steady pushes do not each
// cost a database read and a hash. Revocations and role changes (bus events) drop the entry at once;
// the short lifetime covers an event missed while a relay instance was not listening.
import type { RelayClock } from './ports.js';
import type { RelayBus } from './sql/driver.js';
import type { MemberRecord } from './store/members-store.js';

const TTL_MS = 1000;
const MAX_ENTRIES = 10_000;

export class TokenCache {
  private readonly entries = new Map<string, { member: MemberRecord; at: number }>();
  private readonly subscription: { dispose(): void };

  constructor(
    bus: RelayBus,
    private readonly clock: RelayClock,
  ) {
    this.subscription = bus.subscribe((event) => {
      if (event.type === 'revoked' || event.type === 'members') this.forget(event.memberId);
    });
  }

  async lookup(token: string, load: (token: string) => Promise<MemberRecord | null>): Promise<MemberRecord | null> {
    const now = this.clock.now();
    const hit = this.entries.get(token);
    if (hit && now - hit.at < TTL_MS) return hit.member;
    const member = await load(token);
    if (member && member.revokedAt === null) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(token, { member, at: now });
    } else {
      this.entries.delete(token);
    }
    return member;
  }

  forget(memberId: string): void {
    for (const [token, entry] of this.entries) if (entry.member.id === memberId) this.entries.delete(token);
  }

  dispose(): void {
    this.subscription.dispose();
    this.entries.clear();
  }
}
