// The console store: opens from the replica, catches up from the change feed, goes offline and
// refuses edits with a message, catches up again when the core returns, and asks for sign-in on 401.
import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReplicaDb } from '../../renderer/src/replica/replica-db.js';
import { configureConsoleStore, useConsoleStore } from '../../renderer/src/stores/console.js';
import { useTenantsStore } from '../../renderer/src/stores/tenants.js';
import { eventually, FakeCore } from './support/fake-bridge.js';
import { FakeFeed } from './support/fake-feed.js';
import { computer, tenant } from './support/fixtures.js';

let db: ReplicaDb;
let dbCount = 0;

function coreWith(feed: FakeFeed, consoleId = 'console-1'): FakeCore {
  return new FakeCore()
    .handle('system.info', () => ({ version: '0.1.0', consoleId, agentGatewayUrl: 'wss://127.0.0.1:1', startedAt: '2026-01-01T00:00:00.000Z' }))
    .handle('changes.since', feed.since);
}

function startStore(fake: FakeCore, withLink = false) {
  setActivePinia(createPinia());
  configureConsoleStore({ bridge: fake.bridge(withLink), db });
  const store = useConsoleStore();
  return { store, started: store.start() };
}

beforeEach(() => {
  db = new ReplicaDb(`console-store-${++dbCount}`);
});

afterEach(async () => {
  useConsoleStore().dispose();
  await db.delete();
  configureConsoleStore({});
});

describe('console store', () => {
  it('goes online and fills the entity maps from the change feed', async () => {
    const feed = new FakeFeed();
    const acme = tenant('Acme');
    feed.put('tenant', acme);
    feed.put('computer', computer('pc-1', acme.id));
    const { store, started } = startStore(coreWith(feed));
    await started;
    expect(store.status).toBe('online');
    expect(store.replicaLoaded).toBe(true);
    expect(store.entities('tenant').get(acme.id)?.name).toBe('Acme');
    expect(store.entities('computer').size).toBe(1);
    expect(store.syncedAt).not.toBeNull();
  });

  it('opens from the replica when the core cannot be reached, and refuses edits with a message', async () => {
    const feed = new FakeFeed();
    feed.put('tenant', tenant('Acme'));
    const first = startStore(coreWith(feed));
    await first.started;
    first.store.dispose();
    db = new ReplicaDb(db.name);

    // A later page load with the core gone: the last data is there, the status says offline.
    const fake = coreWith(feed);
    fake.offline = true;
    const { store, started } = startStore(fake);
    await started;
    expect(store.status).toBe('offline');
    expect([...store.entities('tenant').values()].map((t) => t.name)).toEqual(['Acme']);

    const tenants = useTenantsStore();
    await expect(tenants.create('Beta')).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('not saved') });
    // The edit never reached the core: nothing is queued to be replayed silently later.
    expect(fake.callsOf('tenants.create')).toHaveLength(0);
  });

  it('catches up when a changes event says the feed moved', async () => {
    const feed = new FakeFeed();
    const fake = coreWith(feed);
    const { store, started } = startStore(fake);
    await started;
    const acme = tenant('Acme');
    const cursor = feed.put('tenant', acme);
    fake.emit({ type: 'changes', cursor });
    await eventually(() => expect(store.entities('tenant').has(acme.id)).toBe(true));
  });

  it('shows a computer event at once (status and software change without a feed entry)', async () => {
    const feed = new FakeFeed();
    const acme = tenant('Acme');
    const pc = computer('pc-1', acme.id, { online: false });
    feed.put('tenant', acme);
    feed.put('computer', pc);
    const fake = coreWith(feed);
    const { store, started } = startStore(fake);
    await started;
    fake.emit({ type: 'computer', computer: { ...pc, online: true } });
    await eventually(() => expect(store.entities('computer').get(pc.id)?.online).toBe(true));
  });

  it('marks itself offline when the events socket drops and the core does not answer, then catches up when it returns', async () => {
    const feed = new FakeFeed();
    const fake = coreWith(feed);
    const { store, started } = startStore(fake, true);
    await started;
    const epoch = store.onlineEpoch;

    fake.offline = true;
    fake.link('closed');
    await eventually(() => expect(store.status).toBe('offline'));

    const acme = tenant('Made while the page was offline');
    feed.put('tenant', acme);
    fake.offline = false;
    fake.link('open');
    await eventually(() => expect(store.status).toBe('online'));
    await eventually(() => expect(store.entities('tenant').has(acme.id)).toBe(true));
    expect(store.onlineEpoch).toBe(epoch + 1);
  });

  it('asks for sign-in when the web console answers 401', async () => {
    const fake = coreWith(new FakeFeed());
    fake.unauthorized = true;
    const { store, started } = startStore(fake, true);
    await started;
    expect(store.status).toBe('signed-out');
  });

  it('puts API errors in BridgeError form with the field at fault', async () => {
    const feed = new FakeFeed();
    const fake = coreWith(feed).handle('tenants.create', () => {
      throw Object.assign(new Error('name: must not be empty'), { code: 'invalid-input', field: 'name', status: 400 });
    });
    const { started } = startStore(fake);
    await started;
    await expect(useTenantsStore().create('')).rejects.toMatchObject({ code: 'invalid-input', field: 'name', message: 'name: must not be empty' });
  });
});
