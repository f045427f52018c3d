// Computers: admitting agents (enrollment, keys), their connection state and inventory.
import type { Computer } from '../../../shared/model/computer.js';
import type { Software } from '../../../shared/model/software.js';
import type { Inventory } from '../../../shared/protocol/agent.js';
import type { PendingUpdates } from '../../../shared/model/os-updates.js';
import { newId } from '../../../shared/ids.js';
import type { AgentDirectory } from '../gateway/agent-gateway.js';
import type { EnrollmentTokens } from '../gateway/enrollment-tokens.js';
import type { EventBus } from '../event-bus.js';
import type { Database } from '../store/database.js';
import type { EntityCollection } from '../store/entity-collection.js';
import type { Tenant } from '../../../shared/model/tenant.js';
import { isoNow, type Clock, type Logger } from '../ports.js';
import type { DetectionsRepo } from './detections.js';
import type { StoredComputer } from './stored-computer.js';
import { text } from '../store/row.js';

export class ComputerDirectory implements AgentDirectory {
  private readonly online = new Set<string>();
  /** Last heartbeat per online computer; written to the store when the agent leaves. */
  private readonly lastSeen = new Map<string, string>();
  private readonly connectListeners = new Set<(computerId: string) => void>();
  /** In a team: is the computer's agent connected to a teammate's console (set by team sharing)? */
  onlineElsewhere: (computerId: string) => boolean = () => false;

  constructor(
    private readonly db: Database,
    private readonly computers: EntityCollection<StoredComputer>,
    private readonly tenants: EntityCollection<Tenant>,
    private readonly software: EntityCollection<Software>,
    private readonly detections: DetectionsRepo,
    private readonly tokens: EnrollmentTokens,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  enroll(request: { token: string; publicKey: string; name: string | null; inventory: Inventory }): { computerId: string } | { refused: string } {
    return this.db.tx(() => {
      const used = this.tokens.consume(request.token);
      if ('refused' in used) return used;
      if (!this.tenants.get(used.tenantId)) return { refused: 'the tenant of this enrollment token no longer exists' };
      const now = isoNow(this.clock);
      const computer: StoredComputer = {
        id: newId(),
        tenantId: used.tenantId,
        customName: request.name,
        hostName: request.inventory.hostName,
        os: request.inventory.os,
        agentVersion: request.inventory.agentVersion,
        enrolledAt: now,
        lastSeenAt: now,
        revoked: false,
        pendingUpdates: null,
        updatedAt: now,
      };
      this.computers.put(computer);
      this.db.prepare('INSERT INTO agent_keys (computer_id, public_key, enrolled_at) VALUES (?, ?, ?)').run(computer.id, request.publicKey, now);
      this.logger.info('agent enrolled', { computerId: computer.id, tenantId: computer.tenantId, name: request.name ?? request.inventory.hostName });
      return { computerId: computer.id };
    });
  }

  publicKeyOf(computerId: string): string | undefined {
    const row = this.db.prepare('SELECT public_key FROM agent_keys WHERE computer_id = ? AND revoked_at IS NULL').get(computerId);
    return row ? text(row.public_key) : undefined;
  }

  connected(computerId: string, inventory: Inventory): void {
    const stored = this.computers.get(computerId);
    if (!stored) return;
    const now = isoNow(this.clock);
    this.online.add(computerId);
    this.lastSeen.set(computerId, now);
    this.computers.put({ ...stored, hostName: inventory.hostName, os: inventory.os, agentVersion: inventory.agentVersion, lastSeenAt: now, updatedAt: now });
    this.announce(computerId);
    for (const listener of this.connectListeners) listener(computerId);
  }

  disconnected(computerId: string): void {
    this.online.delete(computerId);
    const stored = this.computers.get(computerId);
    const lastSeenAt = this.lastSeen.get(computerId) ?? isoNow(this.clock);
    this.lastSeen.delete(computerId);
    if (!stored) return;
    this.computers.put({ ...stored, lastSeenAt, updatedAt: isoNow(this.clock) });
    this.announce(computerId);
  }

  inventory(computerId: string, inventory: Inventory): void {
    const stored = this.computers.get(computerId);
    if (!stored) return;
    this.computers.put({ ...stored, hostName: inventory.hostName, os: inventory.os, agentVersion: inventory.agentVersion, updatedAt: isoNow(this.clock) });
    this.announce(computerId);
  }

  seen(computerId: string): void {
    if (this.online.has(computerId)) this.lastSeen.set(computerId, isoNow(this.clock));
  }

  onConnected(listener: (computerId: string) => void): { dispose(): void } {
    this.connectListeners.add(listener);
    return { dispose: () => void this.connectListeners.delete(listener) };
  }

  isOnline(computerId: string): boolean {
    return this.online.has(computerId);
  }

  stored(computerId: string): StoredComputer | undefined {
    const c = this.computers.get(computerId);
    return c && !c.revoked ? c : undefined;
  }

  all(): StoredComputer[] {
    return this.computers.all().filter((c) => !c.revoked);
  }

  view(stored: StoredComputer): Computer {
    const software: Computer['software'] = [];
    for (const d of this.detections.forComputer(stored.id)) {
      if (d.itemKind !== 'software' || d.value === null) continue;
      const item = this.software.get(d.itemId);
      if (item) software.push({ softwareId: item.id, name: item.name, version: d.value, detectedAt: d.detectedAt });
    }
    software.sort((a, b) => a.name.localeCompare(b.name));
    return {
      id: stored.id,
      tenantId: stored.tenantId,
      name: stored.customName ?? stored.hostName,
      hostName: stored.hostName,
      os: stored.os,
      agentVersion: stored.agentVersion,
      online: this.online.has(stored.id) || this.onlineElsewhere(stored.id),
      lastSeenAt: this.lastSeen.get(stored.id) ?? stored.lastSeenAt,
      enrolledAt: stored.enrolledAt,
      software,
      pendingUpdates: stored.pendingUpdates ?? null,
    };
  }

  get(computerId: string): Computer | undefined {
    const stored = this.stored(computerId);
    return stored ? this.view(stored) : undefined;
  }

  list(tenantId?: string): Computer[] {
    return this.all()
      .filter((c) => tenantId === undefined || c.tenantId === tenantId)
      .map((c) => this.view(c))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  rename(computerId: string, name: string): Computer | undefined {
    const stored = this.stored(computerId);
    if (!stored) return undefined;
    this.computers.put({ ...stored, customName: name, updatedAt: isoNow(this.clock) });
    this.announce(computerId);
    return this.get(computerId);
  }

  /** Forgets the agent's key; the caller closes its connection. */
  revoke(computerId: string): boolean {
    const stored = this.stored(computerId);
    if (!stored) return false;
    const now = isoNow(this.clock);
    this.db.tx(() => {
      this.db.prepare('UPDATE agent_keys SET revoked_at = ? WHERE computer_id = ?').run(now, computerId);
      this.computers.put({ ...stored, revoked: true, updatedAt: now });
    });
    this.online.delete(computerId);
    return true;
  }

  /** Keeps the result of an OS-update scan as the computer's pending updates. */
  recordUpdateScan(computerId: string, pendingUpdates: PendingUpdates): void {
    const stored = this.stored(computerId);
    if (!stored) return;
    this.computers.put({ ...stored, pendingUpdates, updatedAt: isoNow(this.clock) });
    this.announce(computerId);
  }

  /** Called after detections changed the computer's software list. */
  announce(computerId: string): void {
    const computer = this.get(computerId);
    if (computer) this.events.emit({ type: 'computer', computer });
  }
}
