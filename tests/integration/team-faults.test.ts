// Fault test: the relay and consoles are killed with SIGKILL at random points while three consoles
// keep writing, at least 50 times. Afterwards every acknowledged change exists exactly once on every
// console and in the relay's log, and everything converges within 30 s.
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.js';
import type { LoggedOp } from '../../shared/sync/operation.js';
import { RelayHttp } from '../../electron/core/sync/relay-http.js';
import { cleanup, startConsole, stopProcess, waitFor, type TestConsole } from '../support/processes.js';
import { invite, startRelay, startTeam, type TestRelay } from '../support/team.js';

afterEach(cleanup);

const KILLS = 50;

/** Deterministic randomness: the seed is printed, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Acked {
  /** The name of the last acknowledged rename; null once a later rename was not acknowledged (it may or may not have happened). */
  name: string | null;
}

describe('team sync under crashes', () => {
  it(`loses and duplicates nothing when the relay and consoles are killed ${KILLS} times during sync`, async () => {
    const seed = Number(process.env.STEWARD_FAULT_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    process.stdout.write(`team fault test seed: ${seed} (STEWARD_FAULT_SEED=${seed} replays it)\n`);

    const team = await startTeam(3);
    let relay: TestRelay = team.relay;
    const consoles: TestConsole[] = [...team.consoles];
    const up = consoles.map(() => true);
    // An auditor member reads the relay's log at the end.
    const auditorJoin = await new RelayHttp(relay.url, null).join(await invite(consoles[0]!, 'viewer'), 'Auditor', newId());
    const auditor = new RelayHttp(relay.url, auditorJoin.token);

    const acked = new Map<string, Acked>();
    const mine = consoles.map(() => [] as string[]);
    let writing = true;
    let writes = 0;

    const writer = async (index: number) => {
      let n = 0;
      while (writing) {
        if (!up[index]) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const c = consoles[index]!;
        const own = mine[index]!;
        const renameOf = own.length > 0 && random() < 0.3 ? own[Math.floor(random() * own.length)]! : null;
        const name = renameOf ? `c${index}-renamed-${n++}` : `c${index}-${n++}`;
        try {
          if (renameOf) {
            acked.get(renameOf)!.name = null;
            await c.api.call('tenants.update', { id: renameOf, name });
            acked.get(renameOf)!.name = name;
          } else {
            const tenant = await c.api.call('tenants.create', { name });
            acked.set(tenant.id, { name });
            own.push(tenant.id);
          }
          writes++;
          // A steady stream of changes, not a flood: the point is where the kills land, not volume.
          await new Promise((r) => setTimeout(r, 20 + random() * 40));
        } catch {
          // Not acknowledged: the console died under the call. It may or may not have happened.
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const writers = consoles.map((_, i) => writer(i));

    let kills = 0;
    let relayKills = 0;
    const chaosStarted = Date.now();
    // Console restarts run in the background while the relay keeps being killed, so cycles stay short.
    const consoleRestarts = new Set<Promise<void>>();
    while (kills < KILLS) {
      await new Promise((r) => setTimeout(r, 50 + random() * 400));
      const candidates = consoles.map((_, i) => i).filter((i) => up[i]);
      const victim = candidates.length > 0 && random() < 0.5 ? candidates[Math.floor(random() * candidates.length)]! : null;
      if (victim !== null) {
        const old = consoles[victim]!;
        up[victim] = false;
        await stopProcess(old.process, 'SIGKILL');
        kills++;
        const restart = (async () => {
          consoles[victim] = await startConsole({ dataDir: old.dataDir, port: old.port, agentPort: old.agentPort });
          up[victim] = true;
        })();
        consoleRestarts.add(restart);
        void restart.finally(() => consoleRestarts.delete(restart));
      }
      const old = relay;
      await stopProcess(old.process, 'SIGKILL');
      kills++;
      relayKills++;
      await new Promise((r) => setTimeout(r, random() * 300));
      relay = await startRelay({ dataDir: old.dataDir, port: old.port });
      if (kills % 10 < 2) process.stdout.write(`  ${kills} kills, ${writes} acknowledged writes\n`);
    }
    await Promise.all(consoleRestarts);
    const chaosSeconds = ((Date.now() - chaosStarted) / 1000).toFixed(0);
    writing = false;
    await Promise.all(writers);
    expect(relayKills).toBeGreaterThan(10);
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(writes).toBeGreaterThan(50);

    // Converges within 30 s: every console online with nothing pending and the same tenants.
    const settled = Date.now();
    const view = async (c: TestConsole) => (await c.api.call('tenants.list', {})).items.map((t) => `${t.id}=${t.name}`).sort();
    const views = await waitFor(async () => {
      const statuses = await Promise.all(consoles.map((c) => c.api.call('team.status', {})));
      if (!statuses.every((s) => s.state === 'online' && s.pendingChanges === 0)) return undefined;
      const all = await Promise.all(consoles.map(view));
      return all.every((v) => v.join() === all[0]!.join()) ? all : undefined;
    }, 'every console to converge', 30_000);
    expect(Date.now() - settled).toBeLessThan(30_000);
    process.stdout.write(`  ${kills} kills (${relayKills} of the relay) in ${chaosSeconds} s, ${writes} acknowledged writes, converged in ${Date.now() - settled} ms\n`);

    // Every acknowledged change is on every console, exactly once, with its last acknowledged name.
    for (const [index, c] of consoles.entries()) {
      const items = (await c.api.call('tenants.list', {})).items;
      expect(new Set(items.map((t) => t.id)).size, `console ${index} has a duplicate`).toBe(items.length);
      const byId = new Map(items.map((t) => [t.id, t.name]));
      for (const [id, change] of acked) {
        expect(byId.has(id), `console ${index} lacks acknowledged tenant ${id}`).toBe(true);
        if (change.name !== null) expect(byId.get(id)).toBe(change.name);
      }
    }
    expect(views[0]!.length).toBeGreaterThanOrEqual(acked.size);

    // The relay's log: positions 1..head without a gap, each (client, sequence) once, each tenant created once.
    const log: LoggedOp[] = [];
    for (let cursor = 0; ; ) {
      const page = await new RelayHttp(relay.url, auditorJoin.token).pull(cursor, undefined, 2000);
      if (page.reset) throw new Error('the relay reset a cursor it should still hold');
      log.push(...page.ops);
      if (page.ops.length === 0) break;
      cursor = page.cursor;
    }
    expect(log.map((o) => o.seq)).toEqual(log.map((_, i) => i + 1));
    const byClient = new Map<string, number[]>();
    for (const o of log) byClient.set(o.clientId, [...(byClient.get(o.clientId) ?? []), o.clientSeq]);
    for (const [clientId, seqs] of byClient) expect(seqs, `client ${clientId}`).toEqual(seqs.map((_, i) => i + 1));
    const creations = new Map<string, number>();
    for (const o of log) if (o.kind === 'tenant' && 'createdAt' in o.set) creations.set(o.entityId, (creations.get(o.entityId) ?? 0) + 1);
    for (const id of acked.keys()) expect(creations.get(id), `tenant ${id} in the relay's log`).toBe(1);
    void auditor;
  }, 300_000);
});
