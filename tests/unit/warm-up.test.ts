// The startup warm-up on a real SQLite file: caches fill a slice at a time with the event loop
// free in between, a read or write meanwhile still sees everything, and the result equals a cold load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DetectionsRepo } from '../../electron/core/computers/detections.js';
import { silentLogger } from '../../electron/core/ports.js';
import { ChangeLog } from '../../electron/core/store/change-log.js';
import { Database } from '../../electron/core/store/database.js';
import { EntityCollection } from '../../electron/core/store/entity-collection.js';
import { SessionList } from '../../electron/core/store/session-list.js';
import { SessionsRepo } from '../../electron/core/store/sessions-repo.js';
import { TableCache, WarmUp } from '../../electron/core/store/warm-up.js';

const Item = z.object({ id: z.string(), name: z.string(), updatedAt: z.string() });
type Item = z.infer<typeof Item>;
const at = '2026-11-26T00:00:00.000Z';
const idOf = (i: number) => `item-${String(i).padStart(5, '0')}`;

let dir: string;
let db: Database;
let changes: ChangeLog;
const collection = () => new EntityCollection<Item>(db, changes, 'item', Item, silentLogger, { shared: false });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'steward-warm-up-'));
  db = Database.open(join(dir, 'steward.db'));
  changes = new ChangeLog(db);
  const writer = collection();
  db.tx(() => {
    for (let i = 0; i < 1200; i++) writer.put({ id: idOf(i), name: `name ${i}`, updatedAt: at });
  });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Counts the turns of the event loop that ran while `work` was in progress. */
async function turnsDuring(work: Promise<unknown>): Promise<number> {
  let turns = 0;
  let done = false;
  void work.finally(() => (done = true));
  while (!done) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    turns++;
  }
  return turns;
}

describe('EntityCollection.warm', () => {
  it('loads every document in slices, leaving the event loop free between them, in the order a cold load gives', async () => {
    const warmed = collection();
    const turns = await turnsDuring(warmed.warm());
    expect(turns).toBeGreaterThan(3);
    expect(warmed.all()).toEqual(collection().all());
    expect(warmed.size).toBe(1200);
  });

  it('a write in the middle of the warm-up is kept, and nothing is lost', async () => {
    const warmed = collection();
    const warming = warmed.warm();
    await new Promise<void>((resolve) => setImmediate(resolve));
    warmed.put({ id: idOf(5), name: 'renamed', updatedAt: at });
    warmed.put({ id: 'zz-new', name: 'new', updatedAt: at });
    await warming;
    expect(warmed.get(idOf(5))?.name).toBe('renamed');
    expect(warmed.get('zz-new')?.name).toBe('new');
    expect(warmed.size).toBe(1201);
  });
});

describe('DetectionsRepo.warm', () => {
  it('loads every detection in pages, and a detection recorded meanwhile wins', async () => {
    const repo = new DetectionsRepo(db);
    for (let c = 0; c < 3000; c++) repo.record(`pc-${c}`, [{ itemKind: 'software', itemId: 's1', value: '1.0', detectedAt: at }, { itemKind: 'task', itemId: 't1', value: null, detectedAt: at }]);
    const warmed = new DetectionsRepo(db);
    const warming = warmed.warm();
    await new Promise<void>((resolve) => setImmediate(resolve));
    warmed.record('pc-2999', [{ itemKind: 'software', itemId: 's1', value: '2.0', detectedAt: at }]);
    await warming;
    expect(warmed.mapOf('pc-2999')?.get('software:s1')?.value).toBe('2.0');
    expect(warmed.forComputer('pc-0')).toHaveLength(2);

    const quiet = new DetectionsRepo(db);
    expect(await turnsDuring(quiet.warm())).toBeGreaterThan(1);
    for (const id of ['pc-0', 'pc-1500', 'pc-2999']) expect(quiet.forComputer(id)).toEqual(new DetectionsRepo(db).forComputer(id));
  });
});

describe('SessionList.warm', () => {
  it('a sort by computer during the warm-up still pages every session in name order', async () => {
    const names = new Map(Array.from({ length: 3000 }, (_, i) => [`pc-${i}`, `Name ${String(2999 - i).padStart(4, '0')}`]));
    const repo = new SessionsRepo(db);
    for (const computerId of ['pc-0', 'pc-1', 'pc-2998']) {
      repo.insert({
        id: `s-${computerId}`, computerId, tenantId: 't', status: 'completed', trigger: 'manual', priority: 'normal', reason: null, createdAt: at, startedAt: at, endedAt: at,
        deadline: null, phase: 'done', deploymentIds: null, decisions: [], idempotencyKey: null, windowId: null, occurrenceStart: null, notify: 'failure',
      });
    }
    const list = new SessionList(db, () => names);
    const warming = list.warm();
    await new Promise<void>((resolve) => setImmediate(resolve));
    const page = list.page({}, 'computer', 10, null);
    await warming;
    expect(page.rows.map((r) => r.computer_id)).toEqual(['pc-2998', 'pc-1', 'pc-0']);
    expect(list.page({}, '-computer', 10, null).rows.map((r) => r.computer_id)).toEqual(['pc-0', 'pc-1', 'pc-2998']);
  });
});

describe('TableCache', () => {
  it('a read in the middle of the warm-up reads only the rows the warm-up has not reached', async () => {
    const table = Array.from({ length: 1000 }, (_, i) => i);
    let rowsRead = 0;
    const cache = new TableCache<number[], number>({
      empty: () => [],
      read: (last, limit) => {
        const rest = table.filter((n) => last === null || n > last);
        const rows = limit < 0 ? rest : rest.slice(0, limit);
        rowsRead += rows.length;
        return rows;
      },
      add: (into, rows) => void into.push(...rows),
    });
    const warming = cache.warm(100);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(cache.get()).toEqual(table);
    await warming;
    expect(rowsRead).toBe(1000);
    expect(cache.get()).toEqual(table);
  });
});

describe('WarmUp', () => {
  it('runs its steps in order, logs a failed one and goes on, and stops when told', async () => {
    const ran: string[] = [];
    const failed: string[] = [];
    const warmUp = new WarmUp(
      [
        { name: 'a', run: () => Promise.resolve(void ran.push('a')) },
        { name: 'b', run: () => Promise.reject(new Error('broken')) },
        { name: 'c', run: () => Promise.resolve(void ran.push('c')) },
      ],
      (name) => failed.push(name),
    );
    await warmUp.start();
    expect(ran).toEqual(['a', 'c']);
    expect(failed).toEqual(['b']);

    const stopped = new WarmUp([{ name: 'a', run: () => Promise.resolve(void ran.push('late')) }], () => undefined);
    const running = stopped.start();
    stopped.stop();
    await running;
    expect(ran).not.toContain('late');
  });
});
