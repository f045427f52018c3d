// Sessions are paged from the core by cursor and follow live events; a session's detail reads its
// log in pages and then follows new lines.
import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLine, Session, SessionSummary } from '../../shared/model/session.js';
import { ReplicaDb } from '../../renderer/src/replica/replica-db.js';
import { configureConsoleStore, useConsoleStore } from '../../renderer/src/stores/console.js';
import { useSessionDetailStore } from '../../renderer/src/stores/session-detail.js';
import { useSessionsStore } from '../../renderer/src/stores/sessions.js';
import { eventually, FakeCore } from './support/fake-bridge.js';
import { FakeFeed } from './support/fake-feed.js';
import { session, systemInfo } from './support/fixtures.js';

let db: ReplicaDb;
let n = 0;

function setup(fake: FakeCore) {
  fake.handle('system.info', () => systemInfo('c1')).handle('changes.since', new FakeFeed().since);
  setActivePinia(createPinia());
  configureConsoleStore({ bridge: fake.bridge(), db });
  return useConsoleStore().start();
}

beforeEach(() => {
  db = new ReplicaDb(`sessions-${++n}`);
});
afterEach(async () => {
  useConsoleStore().dispose();
  await db.delete();
  configureConsoleStore({});
});

/** The core's sessions.list over a fixed list, newest first, with opaque cursors. */
function pagedList(all: SessionSummary[]) {
  return ({ limit = 50, cursor, status }: { limit?: number; cursor?: string; status?: unknown }) => {
    const statuses = status === undefined ? null : Array.isArray(status) ? status : [status];
    const matching = all.filter((s) => !statuses || statuses.includes(s.status));
    const start = cursor ? Number(cursor) : 0;
    const items = matching.slice(start, start + limit).map((s) => ({ ...s, computerName: null, tenantName: null }));
    const counts = { queued: 0, 'waiting-for-agent': 0, 'in-progress': 0, completed: 0, failed: 0, cancelled: 0, skipped: 0, incomplete: 0 };
    for (const s of all) counts[s.status]++;
    return { items, nextCursor: start + limit < matching.length ? String(start + limit) : null, total: matching.length, counts };
  };
}

describe('sessions list', () => {
  it('pages forward and back by cursor', async () => {
    const all = Array.from({ length: 60 }, (_, i) => session('c', 't', { createdAt: new Date(Date.UTC(2026, 0, 1, 0, 60 - i)).toISOString() }));
    const fake = new FakeCore().handle('sessions.list', pagedList(all));
    await setup(fake);
    const store = useSessionsStore();
    await store.load(1);
    expect(store.items).toHaveLength(25);
    expect(store.hasNext).toBe(true);
    await store.load(2);
    await store.load(3);
    expect(store.items.map((s) => s.id)).toEqual(all.slice(50).map((s) => s.id));
    expect(store.hasNext).toBe(false);
    await store.load(2);
    expect(store.items[0]!.id).toBe(all[25]!.id);
  });

  it('shows the first answer at once when a refresh is asked for meanwhile, and drops answers for old filters', async () => {
    const all = [session('c', 't', { status: 'failed' }), session('c', 't', { status: 'completed' })];
    const answer = pagedList(all);
    const held: { input: Parameters<typeof answer>[0]; release: () => void }[] = [];
    const fake = new FakeCore().handle('sessions.list', (input) => new Promise((resolve) => held.push({ input, release: () => resolve(answer(input)) })));
    await setup(fake);
    const store = useSessionsStore();
    // A fresh tab: the first page is asked for, then the console connects and asks for a refresh.
    const first = store.load(1);
    const refresh = store.load(1, true);
    await eventually(() => expect(held).toHaveLength(2));
    held[0]!.release();
    await first;
    expect(store.items).toHaveLength(2);
    expect(store.loading).toBe(true);
    held[1]!.release();
    await refresh;
    expect(store.loading).toBe(false);

    // A filter change while an answer for the old filters is on its way: the old answer is dropped.
    const old = store.load(1, true);
    store.filters.status = ['failed'];
    const filtered = store.reload();
    await eventually(() => expect(held).toHaveLength(4));
    held[3]!.release();
    await filtered;
    held[2]!.release();
    await old;
    expect(store.items.map((s) => s.status)).toEqual(['failed']);
  });

  it('sends the filters to the core and starts again at page one', async () => {
    const all = [session('c', 't', { status: 'failed' }), session('c', 't', { status: 'completed' })];
    const fake = new FakeCore().handle('sessions.list', pagedList(all));
    await setup(fake);
    const store = useSessionsStore();
    store.filters.status = ['failed'];
    await store.reload();
    expect(store.items.map((s) => s.status)).toEqual(['failed']);
    expect(fake.callsOf('sessions.list').at(-1)).toMatchObject({ status: ['failed'] });
  });

  it('updates a row on screen when its session changes, and reloads the first page for a new session', async () => {
    const all = [session('c', 't', { status: 'in-progress' })];
    const fake = new FakeCore().handle('sessions.list', pagedList(all));
    await setup(fake);
    const store = useSessionsStore();
    const stop = store.follow();
    await store.load(1);
    fake.emit({ type: 'session', session: { ...all[0]!, status: 'completed' } });
    expect(store.items[0]!.status).toBe('completed');

    all.unshift(session('c', 't'));
    fake.emit({ type: 'session', session: all[0]! });
    await eventually(() => expect(store.items).toHaveLength(2), 3000);
    stop();
  });
});

describe('session detail', () => {
  const line = (seq: number, text = `line ${seq}`): LogLine => ({ seq, at: '2026-01-01T00:00:00.000Z', level: 'stdout', actionId: null, text });

  function detailCore(full: Session, lines: LogLine[]) {
    return new FakeCore()
      .handle('sessions.get', () => structuredClone(full))
      .handle('sessions.logs', ({ afterSeq = 0, limit = 1000 }) => ({ lines: lines.filter((l) => l.seq > afterSeq).slice(0, limit), more: lines.filter((l) => l.seq > afterSeq).length > limit }));
  }

  const base = (): Session => ({ ...session('c', 't', { status: 'in-progress' }), deploymentIds: null, decisions: [], actions: [] });

  it('reads the log, then follows new lines and action changes while open', async () => {
    const full = base();
    const lines = [line(1), line(2)];
    const fake = detailCore(full, lines);
    await setup(fake);
    const detail = useSessionDetailStore();
    await detail.open(full.id);
    expect(fake.logSubscriptions.get(full.id)).toBe(1);
    expect(detail.lines.map((l) => l.seq)).toEqual([1, 2]);
    expect(detail.caughtUp).toBe(true);

    fake.emit({ type: 'log', sessionId: full.id, lines: [line(2), line(3, 'installing 1.2.0')] });
    expect(detail.lines.map((l) => l.text)).toEqual(['line 1', 'line 2', 'installing 1.2.0']);

    // A gap (lines 4-5 missed) is filled from the core rather than shown with a hole.
    lines.push(line(3, 'installing 1.2.0'), line(4), line(5), line(6));
    fake.emit({ type: 'log', sessionId: full.id, lines: [line(6)] });
    await eventually(() => expect(detail.lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6]));

    fake.emit({ type: 'session', session: { ...full, status: 'completed', endedAt: '2026-01-01T00:01:00.000Z' } });
    expect(detail.session?.status).toBe('completed');

    detail.close();
    expect(fake.logSubscriptions.get(full.id)).toBe(0);
  });

  it('refetches the session when planning adds actions it has not seen', async () => {
    const full = base();
    const fake = detailCore(full, []);
    await setup(fake);
    const detail = useSessionDetailStore();
    await detail.open(full.id);
    const action = { id: 'a1', deploymentId: null, kind: 'install' as const, status: 'running' as const, reason: null, fromVersion: null, toVersion: '1.0.0', startedAt: null, endedAt: null, exitCode: null };
    full.actions = [action];
    fake.emit({ type: 'action', sessionId: full.id, action });
    await eventually(() => expect(detail.session?.actions).toHaveLength(1));
    fake.emit({ type: 'action', sessionId: full.id, action: { ...action, status: 'failed', exitCode: 3, reason: 'exit code 3' } });
    expect(detail.session?.actions[0]).toMatchObject({ status: 'failed', exitCode: 3 });
    detail.close();
  });

  it('shows why a session cannot be opened', async () => {
    const fake = new FakeCore().handle('sessions.get', () => {
      throw Object.assign(new Error('session nope does not exist'), { code: 'not-found', status: 404 });
    });
    await setup(fake);
    const detail = useSessionDetailStore();
    await detail.open('nope');
    expect(detail.error).toBe('session nope does not exist');
    detail.close();
  });
});
