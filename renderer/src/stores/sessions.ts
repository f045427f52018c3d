// The sessions list, paged from the core by cursor (sessions are history: never replicated whole).
// Rows on screen follow live session events; the first page refreshes when new sessions start.
import { defineStore } from 'pinia';
import { reactive, toRefs, watch } from 'vue';
import type { ApiInput } from '../../../shared/api/contract.js';
import type { SessionStatus, SessionSummary, SessionTrigger } from '../../../shared/model/session.js';
import { toBridgeError } from '../bridge/bridge-error.js';
import { useConsoleStore } from './console.js';

export interface SessionFilters {
  status: SessionStatus[];
  tenantId: string | null;
  computerId: string | null;
  trigger: SessionTrigger | null;
}

export interface SessionsState {
  filters: SessionFilters;
  perPage: number;
  /** 1-based page number. */
  page: number;
  /** cursors[i] fetches page i + 1; the first page needs none. */
  cursors: (string | null)[];
  items: SessionSummary[];
  hasNext: boolean;
  loading: boolean;
  error: string | null;
}

export function matchesFilters(s: SessionSummary, f: SessionFilters): boolean {
  return (f.status.length === 0 || f.status.includes(s.status)) && (!f.tenantId || s.tenantId === f.tenantId) && (!f.computerId || s.computerId === f.computerId) && (!f.trigger || s.trigger === f.trigger);
}

export function listInput(f: SessionFilters, limit: number, cursor: string | null): ApiInput<'sessions.list'> {
  return {
    limit,
    ...(f.status.length > 0 ? { status: f.status } : {}),
    ...(f.tenantId ? { tenantId: f.tenantId } : {}),
    ...(f.computerId ? { computerId: f.computerId } : {}),
    ...(f.trigger ? { trigger: f.trigger } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export const useSessionsStore = defineStore('sessions', () => {
  const core = useConsoleStore();
  const state = reactive<SessionsState>({
    filters: { status: [], tenantId: null, computerId: null, trigger: null },
    perPage: 25,
    page: 1,
    cursors: [null],
    items: [],
    hasNext: false,
    loading: false,
    error: null,
  });
  let request = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  async function load(page: number): Promise<void> {
    const cursor = state.cursors[page - 1];
    if (cursor === undefined) return;
    const mine = ++request;
    state.loading = true;
    try {
      const result = await core.call('sessions.list', listInput(state.filters, state.perPage, cursor));
      if (mine !== request) return;
      state.items = result.items;
      state.page = page;
      state.hasNext = result.nextCursor !== null;
      state.cursors = [...state.cursors.slice(0, page), ...(result.nextCursor ? [result.nextCursor] : [])];
      state.error = null;
    } catch (error) {
      if (mine === request) state.error = toBridgeError(error).message;
    } finally {
      if (mine === request) state.loading = false;
    }
  }

  /** Back to the first page with new filters or page size. */
  function reload(): Promise<void> {
    state.cursors = [null];
    return load(1);
  }

  function onSession(summary: SessionSummary): void {
    const index = state.items.findIndex((s) => s.id === summary.id);
    if (index >= 0) {
      if (matchesFilters(summary, state.filters)) state.items[index] = summary;
      return;
    }
    // A new (or newly matching) session: the first page shows it after a short pause, so a run
    // on 500 computers reloads the page a few times, not 500.
    if (state.page === 1 && matchesFilters(summary, state.filters) && refreshTimer === null) {
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        if (state.page === 1) void load(1);
      }, 750);
    }
  }

  /** Follows live events while a screen shows the list; returns the stop function. */
  function follow(): () => void {
    const stopEvents = core.onConsoleEvent((event) => {
      if (event.type === 'session') onSession(event.session);
    });
    const stopEpoch = watch(() => core.onlineEpoch, () => void load(state.page));
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
