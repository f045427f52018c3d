// The sessions list, paged from the core by cursor (sessions are history: never replicated whole),
// filtered and sorted by the core, with the total and counts per status for the filter bar.
// Rows on screen follow live session events; the first page refreshes when new sessions start.
import { defineStore } from 'pinia';
import { reactive, toRefs, watch } from 'vue';
import type { StatusCounts } from '../../../shared/api/sessions.js';
import type { ListedSession, SessionSort, SessionSummary } from '../../../shared/model/session.js';
import { toBridgeError } from '../bridge/bridge-error.js';
import { DEFAULT_SORT, emptyFilters, listInput, matchesFilters, type SessionFilters } from '../logic/session-query.js';
import { useConsoleStore } from './console.js';

export type { SessionFilters } from '../logic/session-query.js';
export { listInput, matchesFilters } from '../logic/session-query.js';

export interface SessionsState {
  filters: SessionFilters;
  sort: SessionSort;
  perPage: number;
  /** 1-based page number. */
  page: number;
  /** cursors[i] fetches page i + 1; the first page needs none. */
  cursors: (string | null)[];
  items: ListedSession[];
  hasNext: boolean;
  /** Sessions matching every filter, over all pages. */
  total: number;
  /** Sessions matching the other filters, per status (shown on the status filter). */
  counts: StatusCounts | null;
  loading: boolean;
  error: string | null;
}

export const useSessionsStore = defineStore('sessions', () => {
  const core = useConsoleStore();
  const state = reactive<SessionsState>({
    filters: emptyFilters(),
    sort: DEFAULT_SORT,
    perPage: 25,
    page: 1,
    cursors: [null],
    items: [],
    hasNext: false,
    total: 0,
    counts: null,
    loading: false,
    error: null,
  });
  let request = 0;
  /** Grows when the filters, sort or page change: answers to an older query are dropped. */
  let query = 0;
  /** The newest request whose answer is on screen: a refresh answered late never overwrites a newer one. */
  let shown = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Loads a page. A refresh (same query, e.g. when the console comes back) does not cancel a load
   * in flight: on a fresh tab the first answer shows at once, the refresh just after.
   */
  async function load(page: number, refresh = false): Promise<void> {
    const cursor = state.cursors[page - 1];
    if (cursor === undefined) return;
    if (!refresh || page !== state.page) query++;
    const mine = ++request;
    const forQuery = query;
    state.loading = true;
    try {
      const result = await core.call('sessions.list', listInput(state.filters, state.sort, state.perPage, cursor));
      if (forQuery !== query || mine < shown) return;
      shown = mine;
      state.items = result.items;
      state.page = page;
      state.hasNext = result.nextCursor !== null;
      state.total = result.total;
      state.counts = result.counts;
      state.cursors = [...state.cursors.slice(0, page), ...(result.nextCursor ? [result.nextCursor] : [])];
      state.error = null;
    } catch (error) {
      if (mine === request) state.error = toBridgeError(error).message;
    } finally {
      if (mine === request) state.loading = false;
    }
  }

  /** Back to the first page with new filters, sort or page size. */
  function reload(): Promise<void> {
    state.cursors = [null];
    return load(1);
  }

  function onSession(summary: SessionSummary): void {
    const index = state.items.findIndex((s) => s.id === summary.id);
    if (index >= 0) {
      if (matchesFilters(summary, state.filters)) state.items[index] = { ...state.items[index]!, ...summary };
      return;
    }
    // A new (or newly matching) session: the first page shows it after a short pause, so a run
    // on 500 computers reloads the page a few times, not 500.
    const windowed = state.filters.windowId !== null || state.filters.occurrenceStart !== null;
    if (state.page === 1 && !windowed && matchesFilters(summary, state.filters) && refreshTimer === null) {
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        if (state.page === 1) void load(1, true);
      }, 750);
    }
  }

  /** Follows live events while a screen shows the list; returns the stop function. */
  function follow(): () => void {
    const stopEvents = core.onConsoleEvent((event) => {
      if (event.type === 'session') onSession(event.session);
    });
    const stopEpoch = watch(() => core.onlineEpoch, () => void load(state.page, true));
    return () => {
      stopEvents();
      stopEpoch();
      if (refreshTimer !== null) clearTimeout(refreshTimer);
      refreshTimer = null;
    };
  }

  /** The newest sessions of one computer (its detail screen), outside the list's paging. */
  async function recentFor(computerId: string, limit = 10): Promise<SessionSummary[]> {
    return (await core.call('sessions.list', { computerId, limit })).items;
  }

  return { ...toRefs(state), load, reload, follow, recentFor };
});
