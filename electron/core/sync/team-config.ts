// This console's membership of a team, kept in the meta table: the relay, who we are there, the
// (sealed) member token, and where we are in the team's log.
import { z } from 'zod';
import { Id, IsoTime } from '../../../shared/model/common.js';
import { Member, Workspace } from '../../../shared/sync/relay-api.js';
import { Role } from '../../../shared/sync/roles.js';
import type { MetaStore } from '../store/meta.js';

export const TeamConfig = z.object({
  relayUrl: z.string(),
  workspace: Workspace,
  memberId: Id,
  memberName: z.string(),
  role: Role,
  /** This console's client id in the log: new for every join, so sequence numbers start at 1. */
  clientId: Id,
  /** The member token, sealed with the console's secret box. */
  tokenSealed: z.string(),
  joinedAt: IsoTime,
  /** False until the first sync (team snapshot merged, local entities uploaded) has finished. */
  initialized: z.boolean(),
  /** The relay revoked this membership: stop syncing, keep the data. */
  revoked: z.boolean(),
});
export type TeamConfig = z.infer<typeof TeamConfig>;

const KEYS = { config: 'team.config', cursor: 'team.cursor', nextSeq: 'team.next-seq', hlc: 'team.hlc', members: 'team.members' } as const;

/** Team facts in the meta table; every setter runs inside the caller's transaction when there is one. */
export class TeamMeta {
  private configCache: TeamConfig | null | undefined;

  constructor(private readonly meta: MetaStore) {}

  get config(): TeamConfig | null {
    if (this.configCache !== undefined) return this.configCache;
    const text = this.meta.get(KEYS.config);
    const parsed = text ? TeamConfig.safeParse(JSON.parse(text)) : null;
    this.configCache = parsed?.success ? parsed.data : null;
    return this.configCache;
  }

  setConfig(config: TeamConfig | null): void {
    if (config === null) this.meta.delete(KEYS.config);
    else this.meta.set(KEYS.config, JSON.stringify(config));
    this.configCache = config;
  }

  get cursor(): number {
    return Number(this.meta.get(KEYS.cursor) ?? 0);
  }

  set cursor(value: number) {
    this.meta.set(KEYS.cursor, String(value));
  }

  /** Takes the next client sequence number. */
  takeSeq(): number {
    const seq = Number(this.meta.get(KEYS.nextSeq) ?? 1);
    this.meta.set(KEYS.nextSeq, String(seq + 1));
    return seq;
  }

  set nextSeq(value: number) {
    this.meta.set(KEYS.nextSeq, String(value));
  }

  get hlc(): string | null {
    return this.meta.get(KEYS.hlc) ?? null;
  }

  set hlc(value: string) {
    this.meta.set(KEYS.hlc, value);
  }

  get members(): Member[] {
    const text = this.meta.get(KEYS.members);
    const parsed = text ? z.array(Member).safeParse(JSON.parse(text)) : null;
    return parsed?.success ? parsed.data : [];
  }

  set members(members: Member[]) {
    this.meta.set(KEYS.members, JSON.stringify(members));
  }

  /** Forgets the team: used when leaving. */
  clear(): void {
    for (const key of Object.values(KEYS)) this.meta.delete(key);
    this.configCache = null;
  }
}
