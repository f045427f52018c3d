// The sessions list's filters and sort as they live in the address bar, so a view can be
// bookmarked and survives a reload, and how they become a `sessions.list` request.
import type { ApiInput } from '../../../shared/api/contract.js';
import type { SessionSort, SessionStatus, SessionTrigger } from '../../../shared/model/session.js';
import { isOneOf, SESSION_SORTS, SESSION_STATUSES, SESSION_TRIGGERS } from '../../../shared/model/session-values.js';

export interface SessionFilters {
  status: SessionStatus[];
  tenantId: string | null;
  computerId: string | null;
  trigger: SessionTrigger | null;
  /** First day shown (YYYY-MM-DD, local) or an exact instant (ISO, from a mail link). */
  from: string | null;
  /** Last day shown, inclusive (YYYY-MM-DD, local), or an exact instant (ISO, exclusive). */
  to: string | null;
  /** One window occurrence (a digest mail links to it). */
  windowId: string | null;
  occurrenceStart: string | null;
}

export const DEFAULT_SORT: SessionSort = '-createdAt';

export function emptyFilters(): SessionFilters {
  return { status: [], tenantId: null, computerId: null, trigger: null, from: null, to: null, windowId: null, occurrenceStart: null };
}

type Query = Record<string, string | null | (string | null)[] | undefined>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function one(query: Query, key: string): string | null {
  const value = query[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : null;
}

function validTime(value: string | null): string | null {
  if (value === null) return null;
  if (DAY.test(value)) return Number.isNaN(Date.parse(`${value}T00:00:00`)) ? null : value;
  return Number.isNaN(Date.parse(value)) ? null : value;
}

/** Reads filters and sort from the route's query; anything malformed is left out, not guessed. */
export function fromQuery(query: Query): { filters: SessionFilters; sort: SessionSort } {
  const raw = query.status;
  const statuses = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => (typeof v === 'string' ? v.split(',') : []));
  const trigger = one(query, 'trigger');
  const sort = one(query, 'sort');
  return {
    filters: {
      status: [...new Set(statuses.filter((s) => isOneOf(SESSION_STATUSES, s)))],
      tenantId: one(query, 'tenant'),
      computerId: one(query, 'computer'),
      trigger: isOneOf(SESSION_TRIGGERS, trigger) ? trigger : null,
      from: validTime(one(query, 'from')),
      to: validTime(one(query, 'to')),
      windowId: one(query, 'windowId'),
      occurrenceStart: validTime(one(query, 'occurrenceStart')),
    },
    sort: isOneOf(SESSION_SORTS, sort) ? sort : DEFAULT_SORT,
  };
}

/** The query for the address bar: only what differs from the defaults, in a stable order. */
export function toQuery(filters: SessionFilters, sort: SessionSort): Record<string, string> {
  const q: Record<string, string> = {};
  if (filters.status.length > 0) q.status = [...filters.status].sort().join(',');
  if (filters.tenantId) q.tenant = filters.tenantId;
  if (filters.computerId) q.computer = filters.computerId;
  if (filters.trigger) q.trigger = filters.trigger;
  if (filters.from) q.from = filters.from;
  if (filters.to) q.to = filters.to;
  if (filters.windowId) q.windowId = filters.windowId;
  if (filters.occurrenceStart) q.occurrenceStart = filters.occurrenceStart;
  if (sort !== DEFAULT_SORT) q.sort = sort;
  return q;
}

/** A day (local midnight) or an instant as the ISO time the API takes; `endOfDay` moves a day to the next midnight. */
export function toInstant(value: string, endOfDay = false): string {
  if (!DAY.test(value)) return new Date(value).toISOString();
  const d = new Date(`${value}T00:00:00`);
  if (endOfDay) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

export function listInput(f: SessionFilters, sort: SessionSort, limit: number, cursor: string | null): ApiInput<'sessions.list'> {
  return {
    limit,
    ...(sort !== DEFAULT_SORT ? { sort } : {}),
    ...(f.status.length > 0 ? { status: f.status } : {}),
    ...(f.tenantId ? { tenantId: f.tenantId } : {}),
    ...(f.computerId ? { computerId: f.computerId } : {}),
    ...(f.trigger ? { trigger: f.trigger } : {}),
    ...(f.from ? { from: toInstant(f.from) } : {}),
    ...(f.to ? { to: toInstant(f.to, true) } : {}),
    ...(f.windowId ? { windowId: f.windowId } : {}),
    ...(f.occurrenceStart ? { occurrenceStart: toInstant(f.occurrenceStart) } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export function sameFilters(a: SessionFilters, b: SessionFilters): boolean {
  return JSON.stringify(toQuery(a, DEFAULT_SORT)) === JSON.stringify(toQuery(b, DEFAULT_SORT));
}

/** Whether a live session matches the filters (window filters aside: live events do not carry the window). */
export function matchesFilters(s: { status: SessionStatus; tenantId: string; computerId: string; trigger: SessionTrigger; createdAt: string }, f: SessionFilters): boolean {
  if (f.status.length > 0 && !f.status.includes(s.status)) return false;
  if ((f.tenantId && s.tenantId !== f.tenantId) || (f.computerId && s.computerId !== f.computerId) || (f.trigger && s.trigger !== f.trigger)) return false;
  const at = Date.parse(s.createdAt);
  if (f.from && at < Date.parse(toInstant(f.from))) return false;
  if (f.to && at >= Date.parse(toInstant(f.to, true))) return false;
  return true;
}
