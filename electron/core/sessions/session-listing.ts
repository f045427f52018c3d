// The sessions list as the API serves it: validates the cursor against the sort and filter,
// pages in SQL and adds computer and tenant names to each row.
import type { ApiOutput, ApiParsedInput } from '../../../shared/api/contract.js';
import type { ListedSession, SessionStatus } from '../../../shared/model/session.js';
import { decodeCursor, encodeCursor, filterFingerprint } from '../api/cursor.js';
import { invalid } from '../errors.js';
import type { SessionFilter, SessionList } from '../store/session-list.js';
import { summaryOf, toSession } from '../store/sessions-repo.js';

export interface NameLookup {
  computerName(id: string): string | null;
  tenantName(id: string): string | null;
}

export class SessionListing {
  constructor(
    private readonly list: SessionList,
    private readonly names: NameLookup,
  ) {}

  page(q: ApiParsedInput<'sessions.list'>): ApiOutput<'sessions.list'> {
    const status: SessionStatus[] | undefined = q.status === undefined ? undefined : Array.isArray(q.status) ? q.status : [q.status];
    const filter: SessionFilter = {};
    if (status) filter.status = [...new Set(status)].sort();
    for (const key of ['computerId', 'tenantId', 'trigger', 'windowId', 'occurrenceStart', 'from', 'to'] as const) {
      if (q[key] !== undefined) filter[key] = q[key] as never;
    }
    const fingerprint = filterFingerprint(filter);
    let after: (string | number)[] | null = null;
    if (q.cursor !== undefined) {
      const cursor = decodeCursor(q.cursor);
      if (!cursor) throw invalid('cursor', 'is not a cursor this console issued');
      if (cursor.sort !== q.sort) throw invalid('cursor', `was issued for sort ${cursor.sort}, not ${q.sort}: start again without a cursor`);
      if (cursor.filter !== fingerprint) throw invalid('cursor', 'was issued for other filters: start again without a cursor');
      after = cursor.key;
    }
    let page;
    try {
      page = this.list.page(filter, q.sort, q.limit, after);
    } catch (error) {
      if ((error as Error).message === 'cursor does not match the sort') throw invalid('cursor', 'does not match the sort');
      throw error;
    }
    const counts = this.list.countsByStatus(filter);
    const total = (filter.status ?? (Object.keys(counts) as SessionStatus[])).reduce((sum, s) => sum + (counts[s] ?? 0), 0);
    const items: ListedSession[] = page.rows.map((row) => {
      const s = summaryOf(toSession(row));
      return { ...s, computerName: this.names.computerName(s.computerId), tenantName: this.names.tenantName(s.tenantId) };
    });
    const nextCursor = page.nextKey ? encodeCursor({ sort: q.sort, filter: fingerprint, key: page.nextKey }) : null;
    return { items, nextCursor, total, counts };
  }
}
