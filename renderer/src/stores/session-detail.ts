// One session as the detail screen shows it: summary, actions and the log, read from the core and
// followed live (session, action and log events) until the screen closes.
import { defineStore } from 'pinia';
import { reactive, toRefs, watch } from 'vue';
import type { LogLine, Session } from '../../../shared/model/session.js';
import { toBridgeError } from '../bridge/bridge-error.js';
import { lastSeq, mergeLines } from '../logic/log-lines.js';
import { useConsoleStore } from './console.js';

export const LOG_PAGE = 1000;
/** Lines read when the screen opens; older sessions with longer logs page on with "Load more". */
const INITIAL_PAGES = 5;

export interface SessionDetailState {
  id: string | null;
  session: Session | null;
  lines: LogLine[];
  /** Every line up to the newest has been read: live lines can be appended directly. */
  caughtUp: boolean;
  trimmed: number;
  loading: boolean;
  error: string | null;
}

export const useSessionDetailStore = defineStore('session-detail', () => {
  const core = useConsoleStore();
  const state = reactive<SessionDetailState>({ id: null, session: null, lines: [], caughtUp: false, trimmed: 0, loading: false, error: null });
  let stops: (() => void)[] = [];
  let refetchTimer: ReturnType<typeof setTimeout> | null = null;

  function append(lines: readonly LogLine[]): number | null {
    const merged = mergeLines(state.lines, lines);
    state.lines = merged.lines;
    state.trimmed += merged.trimmed;
    return merged.gapAfter;
  }

  async function readLogs(pages: number): Promise<void> {
    const id = state.id;
    if (!id) return;
    for (let i = 0; i < pages; i++) {
      const { lines } = await core.call('sessions.logs', { id, afterSeq: lastSeq(state.lines), limit: LOG_PAGE });
      if (state.id !== id) return;
      append(lines);
      if (lines.length < LOG_PAGE) {
        state.caughtUp = true;
        return;
      }
    }
    state.caughtUp = false;
  }

  async function fetchSession(): Promise<void> {
    const id = state.id;
    if (!id) return;
    const session = await core.call('sessions.get', { id });
    if (state.id === id) state.session = session;
  }

  function scheduleRefetch(): void {
    if (refetchTimer !== null) return;
    refetchTimer = setTimeout(() => {
      refetchTimer = null;
      void fetchSession().catch(() => undefined);
    }, 300);
  }

  function onEvent(event: Parameters<Parameters<typeof core.onConsoleEvent>[0]>[0]): void {
    const session = state.session;
    if (!session) return;
    if (event.type === 'session' && event.session.id === session.id) {
      state.session = { ...session, ...event.session };
    } else if (event.type === 'action' && event.sessionId === session.id) {
      const index = session.actions.findIndex((a) => a.id === event.action.id);
      // Planning added actions this screen has not seen: read the session again for their order.
      if (index < 0) scheduleRefetch();
      else session.actions[index] = event.action;
    } else if (event.type === 'log' && event.sessionId === session.id && state.caughtUp) {
      if (append(event.lines) !== null) void readLogs(1).catch(() => undefined);
    }
  }

  async function open(id: string): Promise<void> {
    close();
    Object.assign(state, { id, session: null, lines: [], caughtUp: false, trimmed: 0, loading: true, error: null });
    // Subscribe before reading, so no line falls between the read and the first live event.
    stops = [core.subscribeLogs(id), core.onConsoleEvent(onEvent), watch(() => core.onlineEpoch, () => void refresh())];
    try {
      await fetchSession();
      await readLogs(INITIAL_PAGES);
    } catch (error) {
      if (state.id === id) state.error = toBridgeError(error).message;
    } finally {
      if (state.id === id) state.loading = false;
    }
  }

  /** After a reconnect: the session may have moved on while events could not arrive. */
  async function refresh(): Promise<void> {
    try {
      await fetchSession();
      await readLogs(INITIAL_PAGES);
    } catch (error) {
      state.error = toBridgeError(error).message;
    }
  }

  function loadMore(): Promise<void> {
    return readLogs(INITIAL_PAGES).catch((error: unknown) => void (state.error = toBridgeError(error).message));
  }

  async function cancel(): Promise<void> {
    const id = state.id;
    if (!id) return;
    const summary = await core.call('sessions.cancel', { id });
    if (state.session && state.id === id) state.session = { ...state.session, ...summary };
  }

  function close(): void {
    for (const stop of stops.splice(0)) stop();
    if (refetchTimer !== null) clearTimeout(refetchTimer);
    refetchTimer = null;
    state.id = null;
  }

  return { ...toRefs(state), open, close, loadMore, refresh, cancel };
});
