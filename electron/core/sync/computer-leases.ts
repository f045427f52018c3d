// One console per computer: which computers this console may run sessions on. The relay grants a
// lease to the console holding the computer's agent connection and keeps it there (sticky) until
// that console releases it, leaves or is revoked, or an owner moves it; a console that has not
// joined a team runs everything it holds, as before.
import type { ClaimResponse, LeasesResponse } from '../../../shared/sync/relay-api.js';
import type { Logger } from '../ports.js';
import type { Database } from '../store/database.js';
import { text, textOrNull } from '../store/row.js';
import type { TeamMeta } from './team-config.js';

export type LeaseStatus = 'held' | 'wanted' | 'other';

interface LeaseRow {
  status: LeaseStatus;
  holderConsole: string | null;
  holderName: string | null;
}

/** What the leases need of the relay. */
export interface LeaseRelay {
  claim(consoleId: string, computerIds: string[]): Promise<ClaimResponse>;
  leases(): Promise<LeasesResponse>;
}

export class ComputerLeases {
  private cache: Map<string, LeaseRow> | null = null;
  private readonly listeners = new Set<(computerId: string, held: boolean) => void>();
  private readonly wantListeners = new Set<() => void>();

  constructor(
    private readonly db: Database,
    private readonly team: TeamMeta,
    private readonly consoleId: string,
    private readonly isConnectedHere: (computerId: string) => boolean,
    private readonly logger: Logger,
  ) {}

  private load(): Map<string, LeaseRow> {
    if (this.cache) return this.cache;
    const map = new Map<string, LeaseRow>();
    for (const r of this.db.prepare('SELECT computer_id, status, holder_console, holder_name FROM sync_leases').all()) {
      map.set(text(r.computer_id), { status: text(r.status) as LeaseStatus, holderConsole: textOrNull(r.holder_console), holderName: textOrNull(r.holder_name) });
    }
    this.cache = map;
    return map;
  }

  /** May this console run (and its scheduler queue) sessions on the computer? */
  mayRun(computerId: string): boolean {
    const config = this.team.config;
    if (!config || config.revoked) return true;
    return this.load().get(computerId)?.status === 'held';
  }

  /** The other console that serves the computer, as last heard from the relay. */
  holder(computerId: string): { consoleId: string; name: string } | null {
    const row = this.load().get(computerId);
    return row?.status === 'other' && row.holderConsole ? { consoleId: row.holderConsole, name: row.holderName ?? 'another console' } : null;
  }

  status(computerId: string): LeaseStatus | null {
    return this.load().get(computerId)?.status ?? null;
  }

  /** Asks for the computers' leases (this console holds their agent connection). */
  want(computerIds: string[]): void {
    if (!this.team.config) return;
    const fresh = computerIds.filter((id) => this.load().get(id)?.status !== 'held');
    if (fresh.length === 0) return;
    this.db.tx(() => {
      for (const id of fresh) this.set(id, { status: 'wanted', holderConsole: null, holderName: null });
    });
    for (const listener of this.wantListeners) listener();
  }

  get wanted(): string[] {
    return [...this.load()].filter(([, row]) => row.status === 'wanted').map(([id]) => id);
  }

  /** Sends the wanted claims to the relay and records its answer. */
  async flush(relay: LeaseRelay): Promise<void> {
    const wanted = this.wanted;
    for (let i = 0; i < wanted.length; i += 5000) {
      const answer = await relay.claim(this.consoleId, wanted.slice(i, i + 5000));
      this.db.tx(() => {
        for (const id of answer.granted) this.set(id, { status: 'held', holderConsole: this.consoleId, holderName: null });
        for (const { computerId, holder } of answer.refused) this.set(computerId, { status: 'other', holderConsole: holder.consoleId, holderName: holder.memberName });
      });
      for (const { computerId, holder } of answer.refused) this.logger.warn('another console serves this computer: its sessions run there', { computerId, holder: holder.memberName });
    }
  }

  /** Takes the relay's whole lease table as the truth (after reconnecting, or when an owner moved leases). */
  async refresh(relay: LeaseRelay): Promise<void> {
    const { leases } = await relay.leases();
    const seen = new Set<string>();
    const wantAgain: string[] = [];
    this.db.tx(() => {
      for (const { computerId, holder } of leases) {
        seen.add(computerId);
        if (holder.consoleId === this.consoleId) this.set(computerId, { status: 'held', holderConsole: this.consoleId, holderName: null });
        else this.set(computerId, { status: 'other', holderConsole: holder.consoleId, holderName: holder.memberName });
      }
      for (const [computerId, row] of [...this.load()]) {
        if (seen.has(computerId) || row.status === 'wanted') continue;
        // Nobody holds it any more (released, or its console left): ours to claim if its agent is here.
        if (this.isConnectedHere(computerId)) {
          this.set(computerId, { status: 'wanted', holderConsole: null, holderName: null });
          wantAgain.push(computerId);
        } else {
          this.remove(computerId);
        }
      }
    });
    if (wantAgain.length > 0) for (const listener of this.wantListeners) listener();
  }

  onChange(listener: (computerId: string, held: boolean) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  onWant(listener: () => void): { dispose(): void } {
    this.wantListeners.add(listener);
    return { dispose: () => void this.wantListeners.delete(listener) };
  }

  private set(computerId: string, row: LeaseRow): void {
    const before = this.load().get(computerId);
    this.db
      .prepare('INSERT INTO sync_leases (computer_id, status, holder_console, holder_name, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (computer_id) DO UPDATE SET status = excluded.status, holder_console = excluded.holder_console, holder_name = excluded.holder_name, updated_at = excluded.updated_at')
      .run(computerId, row.status, row.holderConsole, row.holderName, new Date().toISOString());
    this.load().set(computerId, row);
    const wasHeld = before?.status === 'held';
    if (wasHeld !== (row.status === 'held')) this.announce(computerId, row.status === 'held');
  }

  private remove(computerId: string): void {
    const before = this.load().get(computerId);
    this.db.prepare('DELETE FROM sync_leases WHERE computer_id = ?').run(computerId);
    this.load().delete(computerId);
    if (before?.status === 'held') this.announce(computerId, false);
  }

  private announce(computerId: string, held: boolean): void {
    queueMicrotask(() => {
      for (const listener of this.listeners) listener(computerId, held);
    });
  }

  /** Forgets every lease (leaving the team): the console runs its computers alone again. */
  clear(): void {
    this.db.prepare('DELETE FROM sync_leases').run();
    const held = [...this.load()].filter(([, row]) => row.status !== 'held').map(([id]) => id);
    this.cache = new Map();
    // Not being in a team means every computer may run again: tell the gate about the ones not held.
    for (const id of held) this.announce(id, true);
  }
}
