// The sessions list on a real SQLite file: every sort pages through all matching sessions exactly
// once, in order, even with equal times and sessions that have not ended.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSort, SessionStatus } from '../../shared/model/session.js';
import { SessionListing } from '../../electron/core/sessions/session-listing.js';
import { Database } from '../../electron/core/store/database.js';
import { SessionList } from '../../electron/core/store/session-list.js';
import { SessionsRepo, type SessionRecord } from '../../electron/core/store/sessions-repo.js';
import { ApiError } from '../../electron/core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'steward-session-list-'));
let db: Database;
let listing: SessionListing;
const sessions: SessionRecord[] = [];
// Two computers share a name: each one's sessions must still stay together.
const names: Record<string, string> = { c1: 'Zeta', c2: 'alpha', c3: 'Mike', c4: 'zeta' };
const STATUSES: SessionStatus[] = ['completed', 'failed', 'in-progress', 'queued', 'skipped'];

beforeAll(() => {
  db = Database.open(join(dir, 'steward.db'));
  const repo = new SessionsRepo(db);
  for (let i = 0; i < 40; i++) {
    // Four sessions share each creation time, so the id must break the tie.
    const created = new Date(Date.parse('2026-01-01T00:00:00.000Z') + Math.floor(i / 4) * 60_000).toISOString();
    const status = STATUSES[i % STATUSES.length]!;
    const ended = status === 'in-progress' || status === 'queued' ? null : new Date(Date.parse(created) + ((i * 7) % 5) * 1000).toISOString();
    const s: SessionRecord = {
      id: `0190${String(i).padStart(4, '0')}-0000-7000-8000-000000000000`,
      computerId: `c${(i % 4) + 1}`,
      tenantId: i % 2 === 0 ? 't-even' : 't-odd',
      status,
      trigger: i % 4 === 0 ? 'manual' : 'scheduled',
      priority: 'normal',
      reason: null,
      createdAt: created,
      startedAt: status === 'queued' ? null : created,
      endedAt: ended,
      deadline: null,
      phase: 'done',
      deploymentIds: null,
      decisions: [],
      idempotencyKey: null,
      windowId: null,
      occurrenceStart: null,
      notify: 'failure',
    };
    repo.insert(s);
    sessions.push(s);
  }
  listing = new SessionListing(new SessionList(db, () => new Map(Object.entries(names))), { computerName: (id) => names[id] ?? null, tenantName: () => null });
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function reference(sort: SessionSort, filter: (s: SessionRecord) => boolean = () => true): string[] {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  const later = (v: string | null) => v ?? '~';
  const primary = (s: SessionRecord): string =>
    field === 'createdAt' ? s.createdAt : field === 'startedAt' ? later(s.startedAt) : field === 'endedAt' ? later(s.endedAt) : field === 'status' ? s.status : names[s.computerId]!.toLowerCase();
  const key = (s: SessionRecord) => (field === 'computer' ? `${primary(s)}\u0000${s.computerId}` : primary(s));
  const byPrimary = (a: SessionRecord, b: SessionRecord) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (desc ? -1 : 1);
  const newestFirst = (a: SessionRecord, b: SessionRecord) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1);
  const byId = (a: SessionRecord, b: SessionRecord) => (a.id < b.id ? -1 : 1) * (desc ? -1 : 1);
  const secondary = field === 'status' || field === 'computer' ? newestFirst : byId;
  return sessions.filter(filter).sort((a, b) => byPrimary(a, b) || secondary(a, b)).map((s) => s.id);
}

function pageThrough(input: Record<string, unknown>): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = listing.page({ sort: '-createdAt', limit: 7, ...input, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((s) => s.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

describe('the sessions list', () => {
  const sorts: SessionSort[] = ['createdAt', '-createdAt', 'startedAt', '-startedAt', 'endedAt', '-endedAt', 'status', '-status', 'computer', '-computer'];
  for (const sort of sorts) {
    it(`pages through every session exactly once, sorted by ${sort}`, () => {
      expect(pageThrough({ sort })).toEqual(reference(sort));
    });
  }

  it('filters by status, tenant and trigger together, and pages the result', () => {
    const ids = pageThrough({ sort: '-endedAt', status: ['completed', 'failed'], tenantId: 't-even', trigger: 'scheduled' });
    expect(ids).toEqual(reference('-endedAt', (s) => ['completed', 'failed'].includes(s.status) && s.tenantId === 't-even' && s.trigger === 'scheduled'));
    expect(ids.length).toBeGreaterThan(0);
  });

  it('filters by a date range: from inclusive, to exclusive', () => {
    const from = '2026-01-01T00:02:00.000Z';
    const to = '2026-01-01T00:05:00.000Z';
    expect(pageThrough({ from, to, sort: 'createdAt' })).toEqual(reference('createdAt', (s) => s.createdAt >= from && s.createdAt < to));
  });

  it('reports the total and the counts per status that the filter bar shows', () => {
    const page = listing.page({ sort: '-createdAt', limit: 5, status: ['failed'], tenantId: 't-odd' });
    const odd = sessions.filter((s) => s.tenantId === 't-odd');
    expect(page.total).toBe(odd.filter((s) => s.status === 'failed').length);
    for (const status of STATUSES) expect(page.counts[status]).toBe(odd.filter((s) => s.status === status).length);
    expect(page.counts.cancelled).toBe(0);
    expect(page.items.every((s) => s.status === 'failed' && s.tenantId === 't-odd')).toBe(true);
  });

  it('names the computer in each row', () => {
    const page = listing.page({ sort: 'computer', limit: 1 });
    expect(page.items[0]).toMatchObject({ computerId: 'c2', computerName: 'alpha' });
  });

  it('refuses a cursor from another sort or other filters instead of skipping rows', () => {
    const first = listing.page({ sort: 'status', limit: 3 });
    const call = (input: Record<string, unknown>) => () => listing.page({ limit: 3, cursor: first.nextCursor!, ...input } as Parameters<SessionListing['page']>[0]);
    expect(call({ sort: 'createdAt' })).toThrow(ApiError);
    expect(call({ sort: 'createdAt' })).toThrow(/cursor: was issued for sort status/);
    expect(call({ sort: 'status', tenantId: 't-odd' })).toThrow(/other filters/);
    expect(call({ sort: 'status', cursor: 'garbage' })).toThrow(/not a cursor/);
  });
});
