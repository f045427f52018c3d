// Which console runs each computer's sessions (leases), and which consoles are connected (presence).
// A lease is sticky: it stays with its console until that console releases it, leaves the team or is
// revoked, or an owner moves it, so a console cut off from the relay keeps serving its own computers
// and no other console can take them meanwhile.
import type { ClaimResponse, LeaseHolder } from '../../shared/sync/relay-api.js';
import { num, str, type SqlDriver } from '../sql/driver.js';

/** A console not heard from for this long counts as offline. */
export const PRESENCE_TIMEOUT_MS = 30_000;

export class LeaseStore {
  constructor(private readonly db: SqlDriver) {}

  private async holders(computerIds: string[], now: number): Promise<Map<string, LeaseHolder>> {
    const found = new Map<string, LeaseHolder>();
    for (let i = 0; i < computerIds.length; i += 500) {
      const chunk = computerIds.slice(i, i + 500);
      const marks = chunk.map((_, j) => `$${j + 1}`).join(', ');
      const rows = await this.db.query(
        `SELECT l.computer_id, l.console_id, l.member_id, m.name,
           (SELECT MAX(p.last_seen) FROM presence p WHERE p.console_id = l.console_id) AS seen
         FROM leases l JOIN members m ON m.id = l.member_id WHERE l.computer_id IN (${marks})`,
        chunk,
      );
      for (const r of rows) {
        found.set(str(r.computer_id), { consoleId: str(r.console_id), memberId: str(r.member_id), memberName: str(r.name), online: r.seen !== null && now - num(r.seen) < PRESENCE_TIMEOUT_MS });
      }
    }
    return found;
  }

  /** Grants each computer that no other console holds; refuses the rest, naming the holder. */
  async claim(consoleId: string, memberId: string, computerIds: string[], now: number): Promise<ClaimResponse> {
    const unique = [...new Set(computerIds)];
    const response: ClaimResponse = { granted: [], refused: [] };
    const at = new Date(now).toISOString();
    await this.db.tx(async (q) => {
      for (const computerId of unique) {
        const inserted = await q.run('INSERT INTO leases (computer_id, console_id, member_id, claimed_at) VALUES ($1, $2, $3, $4) ON CONFLICT (computer_id) DO NOTHING', [computerId, consoleId, memberId, at]);
        if (inserted === 1) {
          response.granted.push(computerId);
          continue;
        }
        const rows = await q.query('SELECT console_id FROM leases WHERE computer_id = $1', [computerId]);
        if (rows[0] && str(rows[0].console_id) === consoleId) response.granted.push(computerId);
      }
    });
    const refusedIds = unique.filter((id) => !response.granted.includes(id));
    const holders = await this.holders(refusedIds, now);
    for (const computerId of refusedIds) {
      const holder = holders.get(computerId);
      if (holder) response.refused.push({ computerId, holder });
    }
    return response;
  }

  /** Releases leases: the holder's own, or any when `consoleId` is null (an owner moving them). */
  async release(consoleId: string | null, computerIds: string[]): Promise<string[]> {
    const released: string[] = [];
    await this.db.tx(async (q) => {
      for (const computerId of new Set(computerIds)) {
        const changed = consoleId === null
          ? await q.run('DELETE FROM leases WHERE computer_id = $1', [computerId])
          : await q.run('DELETE FROM leases WHERE computer_id = $1 AND console_id = $2', [computerId, consoleId]);
        if (changed > 0) released.push(computerId);
      }
    });
    return released;
  }

  async all(now: number): Promise<{ computerId: string; holder: LeaseHolder }[]> {
    const rows = await this.db.query(
      `SELECT l.computer_id, l.console_id, l.member_id, m.name,
         (SELECT MAX(p.last_seen) FROM presence p WHERE p.console_id = l.console_id) AS seen
       FROM leases l JOIN members m ON m.id = l.member_id ORDER BY l.computer_id`,
    );
    return rows.map((r) => ({
      computerId: str(r.computer_id),
      holder: { consoleId: str(r.console_id), memberId: str(r.member_id), memberName: str(r.name), online: r.seen !== null && now - num(r.seen) < PRESENCE_TIMEOUT_MS },
    }));
  }

  async holdersOf(computerIds: string[], now: number): Promise<Map<string, LeaseHolder>> {
    return this.holders([...new Set(computerIds)], now);
  }

  // ---- presence ----

  async touch(consoleId: string, instanceId: string, memberId: string, now: number): Promise<void> {
    await this.db.run(
      'INSERT INTO presence (console_id, instance_id, member_id, last_seen) VALUES ($1, $2, $3, $4) ON CONFLICT (console_id, instance_id) DO UPDATE SET last_seen = excluded.last_seen, member_id = excluded.member_id',
      [consoleId, instanceId, memberId, now],
    );
  }

  async drop(consoleId: string, instanceId: string): Promise<void> {
    await this.db.run('DELETE FROM presence WHERE console_id = $1 AND instance_id = $2', [consoleId, instanceId]);
  }

  async dropInstance(instanceId: string): Promise<void> {
    await this.db.run('DELETE FROM presence WHERE instance_id = $1', [instanceId]);
  }

  async onlineMembers(now: number): Promise<Set<string>> {
    const rows = await this.db.query('SELECT DISTINCT member_id FROM presence WHERE last_seen > $1', [now - PRESENCE_TIMEOUT_MS]);
    return new Set(rows.map((r) => str(r.member_id)));
  }

  async isOnline(consoleId: string, now: number): Promise<boolean> {
    const rows = await this.db.query('SELECT console_id FROM presence WHERE console_id = $1 AND last_seen > $2', [consoleId, now - PRESENCE_TIMEOUT_MS]);
    return rows.length > 0;
  }
}
