// Team membership as the Console API offers it: join with an invitation, leave, invite, manage
// members, report sync status, and tell who changed what.
import { hostname, userInfo } from 'node:os';
import type { ActivityEntry, HistoryEntry, TeamStatus } from '../../../shared/api/team.js';
import { hlcWall } from '../../../shared/sync/hlc.js';
import type { Member } from '../../../shared/sync/relay-api.js';
import type { Role } from '../../../shared/sync/roles.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { ApiError, conflict, invalid } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import type { Database } from '../store/database.js';
import type { ComputerLeases } from './computer-leases.js';
import { normalizeRelayUrl, RelayCallError, RelayHttp } from './relay-http.js';
import type { SyncClient } from './sync-client.js';
import type { SyncStore } from './sync-store.js';
import type { TeamMeta } from './team-config.js';
import { newId } from '../../../shared/ids.js';

/** Turns a relay refusal into the API error a user sees. */
export function apiErrorFrom(error: unknown, field?: string): ApiError {
  if (!(error instanceof RelayCallError)) return error instanceof ApiError ? error : new ApiError('internal', (error as Error).message);
  // Not 'unavailable' (503): that means the console itself cannot be reached, and the UI says so.
  if (error.status === 0 || error.status >= 500) return field === 'invitation' ? new ApiError('invalid-input', `relayUrl: ${error.message}`, 'relayUrl') : new ApiError('conflict', error.message);
  if (error.status === 403 && field) return new ApiError('invalid-input', `${field}: ${error.message}`, field);
  if (error.status === 401 || error.status === 403) return new ApiError('forbidden', error.message);
  if (error.status === 404) return new ApiError('not-found', error.message);
  if (error.status === 409) return new ApiError('conflict', error.message);
  return new ApiError('invalid-input', error.message);
}

/** Fields a console updates by itself as agents come and go; a change of only these is not shown as activity. */
const STATUS_FIELDS = new Set(['lastSeenAt', 'updatedAt', 'hostName', 'os', 'agentVersion']);

function defaultMemberName(): string {
  try {
    return `${userInfo().username} on ${hostname()}`.slice(0, 120);
  } catch {
    return hostname().slice(0, 120);
  }
}

export interface TeamServiceDeps {
  db: Database;
  team: TeamMeta;
  store: SyncStore;
  leases: ComputerLeases;
  sync: SyncClient;
  box: SecretBox;
  consoleId: string;
  clock: Clock;
  logger: Logger;
}

export class TeamService {
  constructor(private readonly d: TeamServiceDeps) {}

  status(): TeamStatus {
    const config = this.d.team.config;
    return {
      state: config ? this.d.sync.state : 'offline',
      pendingChanges: config ? this.d.store.pendingCount : 0,
      relayUrl: config?.relayUrl ?? null,
      members: config ? this.d.team.members : [],
      joined: config !== null,
      team: config ? { id: config.workspace.id, name: config.workspace.name } : null,
      member: config ? { id: config.memberId, name: config.memberName, role: config.role } : null,
      revoked: config?.revoked ?? false,
      lastError: config ? this.d.sync.error : null,
      refusedChanges: this.d.sync.refused,
    };
  }

  /** Why a write must be refused on this console (a viewer's), or null. */
  readOnlyReason(): string | null {
    const config = this.d.team.config;
    if (!config || config.revoked || config.role !== 'viewer') return null;
    return `this console is a viewer in the team ${config.workspace.name}: viewers cannot change anything`;
  }

  async join(input: { relayUrl: string; invitation: string; memberName?: string | undefined }): Promise<TeamStatus> {
    const current = this.d.team.config;
    if (current && !current.revoked) throw conflict(`this console is already in the team ${current.workspace.name}: leave it first`);
    const relayUrl = normalizeRelayUrl(input.relayUrl);
    if (!relayUrl) throw invalid('relayUrl', 'must be the relay\'s http:// or https:// address as it prints it');
    let joined;
    try {
      joined = await new RelayHttp(relayUrl, null).join(input.invitation, input.memberName ?? defaultMemberName(), this.d.consoleId);
    } catch (error) {
      throw apiErrorFrom(error, 'invitation');
    }
    this.d.sync.stop();
    this.d.db.tx(() => {
      this.d.store.clear();
      this.d.leases.clear();
      this.d.team.clear();
      this.d.team.setConfig({
        relayUrl,
        workspace: joined.workspace,
        memberId: joined.member.id,
        memberName: joined.member.name,
        role: joined.member.role,
        clientId: newId(),
        tokenSealed: this.d.box.encrypt(joined.token),
        joinedAt: new Date(this.d.clock.now()).toISOString(),
        initialized: false,
        revoked: false,
      });
      this.d.team.cursor = 0;
      this.d.team.nextSeq = 1;
      this.d.team.members = [joined.member];
    });
    this.d.logger.info('joined a team', { team: joined.workspace.name, relay: relayUrl, role: joined.member.role });
    this.d.sync.start();
    await this.d.sync.settled(20_000);
    return this.status();
  }

  async leave(): Promise<{ droppedChanges: number; relayInformed: boolean }> {
    const config = this.d.team.config;
    if (!config) throw conflict('this console is not in a team');
    if (!config.revoked) await this.d.sync.settled(5_000);
    let relayInformed = false;
    const relay = this.d.sync.relay;
    if (relay && !config.revoked) {
      try {
        await relay.leave();
        relayInformed = true;
      } catch (error) {
        if (error instanceof RelayCallError && error.status === 409) throw apiErrorFrom(error);
        this.d.logger.warn('could not tell the relay this console left; an owner can remove it', { error: (error as Error).message });
      }
    }
    const droppedChanges = this.d.store.pendingCount;
    this.d.sync.stop();
    this.d.db.tx(() => {
      this.d.store.clear();
      this.d.leases.clear();
      this.d.team.clear();
    });
    return { droppedChanges, relayInformed };
  }

  private relay(): RelayHttp {
    const relay = this.d.sync.relay;
    const config = this.d.team.config;
    if (!config) throw conflict('this console is not in a team');
    if (!relay || config.revoked) throw new ApiError('forbidden', 'this console is no longer a member of the team');
    return relay;
  }

  async createInvitation(input: { role: Role; expiresInHours?: number | undefined }): Promise<{ invitation: string; role: Role; expiresAt: string }> {
    try {
      const created = await this.relay().createInvitation(input.role, input.expiresInHours ?? 72);
      return { invitation: created.invitation, role: created.role, expiresAt: created.expiresAt };
    } catch (error) {
      throw apiErrorFrom(error);
    }
  }

  async members(): Promise<Member[]> {
    try {
      const { members } = await this.relay().members();
      this.d.team.members = members;
      return members;
    } catch (error) {
      if (error instanceof RelayCallError && error.unreachable) return this.d.team.members;
      throw apiErrorFrom(error);
    }
  }

  async setRole(memberId: string, role: Role): Promise<Member> {
    try {
      return await this.relay().setRole(memberId, role);
    } catch (error) {
      throw apiErrorFrom(error);
    }
  }

  async revoke(memberId: string): Promise<Member> {
    try {
      return await this.relay().revoke(memberId);
    } catch (error) {
      throw apiErrorFrom(error);
    }
  }

  async releaseComputer(computerId: string): Promise<boolean> {
    try {
      const { released } = await this.relay().release([computerId], true);
      return released.includes(computerId);
    } catch (error) {
      throw apiErrorFrom(error);
    }
  }

  private authorOf(): (id: string | null) => { id: string; name: string } | null {
    const names = new Map(this.d.team.members.map((m) => [m.id, m.name]));
    const config = this.d.team.config;
    if (config) names.set(config.memberId, config.memberName);
    return (id) => (id === null ? null : { id, name: names.get(id) ?? 'a former member' });
  }

  /** Who created each entity of a kind (the author of its `id` field, written once) and who changed it last. */
  authors(kind: string): { id: string; createdBy: string | null; changedBy: string | null; changedAt: string }[] {
    if (!this.d.team.config) return [];
    const author = this.authorOf();
    return this.d.store.statesOf(kind).flatMap(({ id, state }) => {
      if (state.deleted) return [];
      let last: { h: string; by: string | null } | null = null;
      for (const [field, value] of Object.entries(state.fields)) if (field !== 'updatedAt' && (!last || value.h > last.h)) last = value;
      const created = state.fields.id;
      return [{
        id,
        createdBy: created ? (author(created.by)?.name ?? null) : null,
        changedBy: last ? (author(last.by)?.name ?? null) : null,
        changedAt: new Date(last ? hlcWall(last.h) : 0).toISOString(),
      }];
    });
  }

  activity(limit: number): ActivityEntry[] {
    const author = this.authorOf();
    // Session summaries and an agent's comings and goings are not changes anyone made.
    const statusOnly = (fields: string[]) => fields.every((f) => STATUS_FIELDS.has(f));
    const rows = this.d.store.recent(limit * 4, ['session']).filter((row) => row.deleted || !statusOnly(row.fields)).slice(0, limit);
    return rows.map((row) => {
      const doc = this.d.store.state(row.kind, row.id)?.fields;
      const label = [doc?.name?.v, doc?.customName?.v, doc?.hostName?.v].find((v): v is string => typeof v === 'string' && v !== '') ?? row.id;
      return {
        kind: row.kind,
        id: row.id,
        label,
        action: row.deleted ? 'deleted' as const : row.fields.includes('id') ? 'created' as const : 'changed' as const,
        at: new Date(hlcWall(row.hlc)).toISOString(),
        author: author(row.author),
        fields: row.fields,
        deleted: row.deleted,
        pending: row.logSeq === null,
      };
    });
  }

  history(kind: string, id: string, limit: number): { items: HistoryEntry[]; fields: { field: string; at: string; author: { id: string; name: string } | null }[] } {
    const author = this.authorOf();
    const items = this.d.store.history(kind, id, limit).map((row) => ({
      at: new Date(hlcWall(row.hlc)).toISOString(),
      author: author(row.author),
      fields: row.fields,
      deleted: row.deleted,
      pending: row.logSeq === null,
    }));
    const state = this.d.store.state(kind, id);
    const fields = state ? Object.entries(state.fields).map(([field, value]) => ({ field, at: new Date(hlcWall(value.h)).toISOString(), author: author(value.by) })).sort((a, b) => a.field.localeCompare(b.field)) : [];
    return { items, fields };
  }

  computers(): { computerId: string; servedHere: boolean; holder: string | null; status: 'held' | 'wanted' | 'other' }[] {
    return this.d.db
      .prepare('SELECT computer_id FROM sync_leases ORDER BY computer_id')
      .all()
      .map((r) => {
        const computerId = String(r.computer_id);
        const status = this.d.leases.status(computerId) ?? 'wanted';
        return { computerId, servedHere: status === 'held', holder: this.d.leases.holder(computerId)?.name ?? null, status };
      });
  }
}
