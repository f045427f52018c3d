// Whether a computer's agent is connected, shared with the team: the console holding the connection
// publishes it, and teammates show the computer online while that console is itself online.
import { z } from 'zod';
import { Id } from '../../../shared/model/common.js';
import type { EventBus } from '../event-bus.js';
import type { AgentGateway } from '../gateway/agent-gateway.js';
import type { Database } from '../store/database.js';
import { materialize, type EntityState } from '../../../shared/sync/field-merge.js';
import { json } from '../store/row.js';
import { syncRegistryOf, type Doc, type SyncedKind } from './synced-kinds.js';
import type { TeamMeta } from './team-config.js';

export const PRESENCE_KIND = 'computer-presence';

/** `memberId` is the publishing console's member: shown online only while that member is. */
const Presence = z.object({ id: Id, online: z.boolean(), consoleId: Id, memberId: Id });
type Presence = z.infer<typeof Presence>;

export class ComputerPresence implements SyncedKind {
  readonly kind = PRESENCE_KIND;
  readonly localFields: readonly string[] = [];
  /** Teammates' computers: who serves each and whether its agent is connected there. */
  private cache: Map<string, Presence> | null = null;
  private readonly subscriptions: { dispose(): void }[] = [];
  /** Called when a teammate's computer went on- or offline (to tell the UI). */
  onRemoteChange: (computerId: string) => void = () => undefined;

  constructor(
    private readonly db: Database,
    private readonly team: TeamMeta,
    private readonly consoleId: string,
    private readonly gateway: AgentGateway,
    events: EventBus,
  ) {
    syncRegistryOf(db).register(this);
    this.subscriptions.push(
      gateway.onConnect((link) => this.publish(link.computerId, true)),
      gateway.onDisconnect((link) => {
        if (!gateway.isOnline(link.computerId)) this.publish(link.computerId, false);
      }),
    );
    // A member going off- or online changes what its computers show.
    this.subscriptions.push(events.subscribe((event) => {
      if (event.type === 'team') for (const id of this.remote().keys()) this.onRemoteChange(id);
    }));
  }

  private publish(computerId: string, online: boolean): void {
    const config = this.team.config;
    if (!syncRegistryOf(this.db).active || !config) return;
    const doc: Presence = { id: computerId, online, consoleId: this.consoleId, memberId: config.memberId };
    this.db.tx(() => syncRegistryOf(this.db).localWrite(this, computerId, doc));
  }

  /** Publishes every agent connected here (when the console has just joined a team). */
  publishConnected(): void {
    for (const computerId of this.gateway.connectedIds()) this.publish(computerId, true);
  }

  /** Teammates' computers as last published, read from the sync state once, then kept current. */
  private remote(): Map<string, Presence> {
    if (this.cache) return this.cache;
    const map = new Map<string, Presence>();
    for (const row of this.db.prepare('SELECT state FROM sync_state WHERE kind = ?').all(PRESENCE_KIND)) {
      const parsed = Presence.safeParse(materialize(json<EntityState>(row.state)));
      if (parsed.success && parsed.data.consoleId !== this.consoleId) map.set(parsed.data.id, parsed.data);
    }
    this.cache = map;
    return map;
  }

  /** Is the computer's agent connected to a teammate's console that is itself connected to the relay? */
  onlineElsewhere(computerId: string): boolean {
    const presence = this.remote().get(computerId);
    if (!presence?.online || !this.team.config || this.team.config.revoked) return false;
    return this.team.members.some((m) => m.id === presence.memberId && m.online && m.revokedAt === null);
  }

  all(): { id: string }[] {
    return [];
  }

  writeRemote(id: string, doc: Doc | null): { commit(): void } | { invalid: string } {
    if (doc === null) return { commit: () => void this.remote().delete(id) };
    const parsed = Presence.safeParse(doc);
    if (!parsed.success) return { invalid: parsed.error.issues[0]?.message ?? 'not a computer presence' };
    if (parsed.data.consoleId === this.consoleId) return { commit: () => undefined };
    return {
      commit: () => {
        this.remote().set(id, parsed.data);
        this.onRemoteChange(id);
      },
    };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
