// The replica follows the change feed by cursor, survives a reload, starts over on reset, and
// throws away another console's data.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplicaDb } from '../../renderer/src/replica/replica-db.js';
import { ReplicaSync, type AppliedBatch } from '../../renderer/src/replica/replica-sync.js';
import { FakeFeed } from './support/fake-feed.js';
import { computer, tenant } from './support/fixtures.js';

const dbs: ReplicaDb[] = [];
let dbCount = 0;
function openDb(name = `replica-test-${++dbCount}`): ReplicaDb {
  const db = new ReplicaDb(name);
  dbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function replica(db: ReplicaDb, feed: FakeFeed, batches: AppliedBatch[] = []) {
  return new ReplicaSync(db, (cursor) => Promise.resolve(feed.since({ cursor, limit: 2 })), (b) => batches.push(b));
}

describe('replica sync', () => {
  it('pulls every page of the change feed and stores entities with the cursor', async () => {
    const feed = new FakeFeed();
    const acme = tenant('Acme');
    feed.put('tenant', acme);
    for (let i = 0; i < 5; i++) feed.put('computer', computer(`pc-${i}`, acme.id));
    const db = openDb();
    const batches: AppliedBatch[] = [];
    const sync = replica(db, feed, batches);
    await sync.open();
    await sync.bindTo('console-1');
    await sync.sync();

    expect(await db.entitiesOf('computer')).toHaveLength(5);
    expect(await db.entitiesOf('tenant')).toHaveLength(1);
    expect(sync.state.cursor).toBe(feed.cursor);
    expect(sync.state.syncedAt).not.toBeNull();
    expect(batches.length).toBe(3); // pages of two
  });

  it('applies renames and deletions, and continues from its cursor after a reload', async () => {
    const feed = new FakeFeed();
    const acme = tenant('Acme');
    const beta = tenant('Beta');
    feed.put('tenant', acme);
    feed.put('tenant', beta);
    const db = openDb();
    const first = replica(db, feed);
    await first.open();
    await first.bindTo('console-1');
    await first.sync();

    feed.put('tenant', { ...acme, name: 'Acme Dental' });
    feed.remove('tenant', beta.id);
    const fetched: number[] = [];
    // A new page load: the replica opens where it stopped and fetches only what changed.
    const second = new ReplicaSync(db, (cursor) => (fetched.push(cursor), Promise.resolve(feed.since({ cursor, limit: 100 }))), () => undefined);
    await second.open();
    await second.bindTo('console-1');
    await second.sync();

    expect(fetched[0]).toBe(2);
    const rows = await db.entitiesOf('tenant');
    expect(rows.map((r) => (r.data as { name: string }).name)).toEqual(['Acme Dental']);
  });

  it('starts over when the core answers reset (its feed is behind the replica)', async () => {
    const feed = new FakeFeed();
    feed.put('tenant', tenant('Old'));
    feed.put('tenant', tenant('Older'));
    const db = openDb();
    const batches: AppliedBatch[] = [];
    const sync = replica(db, feed, batches);
    await sync.open();
    await sync.bindTo('console-1');
    await sync.sync();

    feed.wipe();
    feed.put('tenant', tenant('Fresh'));
    // The replica's cursor (2) is ahead of the feed (1): reset, then read from 0.
    await sync.sync();
    const rows = await db.entitiesOf('tenant');
    expect(rows.map((r) => (r.data as { name: string }).name)).toEqual(['Fresh']);
    expect(batches.some((b) => b.reset)).toBe(true);
  });

  it('empties the replica when it mirrors another console', async () => {
    const feed = new FakeFeed();
    feed.put('tenant', tenant('Mine'));
    const db = openDb();
    const sync = replica(db, feed);
    await sync.open();
    await sync.bindTo('console-1');
    await sync.sync();
    await sync.bindTo('console-2');
    expect(await db.entitiesOf('tenant')).toHaveLength(0);
    expect(sync.state.cursor).toBe(0);
  });

  it('skips a document that does not match its schema instead of storing it', async () => {
    const feed = new FakeFeed();
    feed.put('tenant', { id: 'broken' });
    feed.put('tenant', tenant('Good'));
    const db = openDb();
    const sync = replica(db, feed);
    await sync.open();
    await sync.bindTo('c');
    await sync.sync();
    expect((await db.entitiesOf('tenant')).map((r) => r.id)).not.toContain('broken');
  });
});
