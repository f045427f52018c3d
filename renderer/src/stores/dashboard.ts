// The dashboard's sessions: recent failures and what is running now, read from the core and
// reloaded (at most once a second) when sessions change.
import { defineStore } from 'pinia';
import { reactive, toRefs, watch } from 'vue';
import type { ApiOutput } from '../../../shared/api/contract.js';
import type { SessionSummary } from '../../../shared/model/session.js';
import { toBridgeError } from '../bridge/bridge-error.js';
import { useConsoleStore } from './console.js';

const SHOWN = 5;
const ACTIVE_PROBE = 100;

export interface DashboardState {
  failures: SessionSummary[];
  active: SessionSummary[];
  /** How many sessions are queued or running, up to ACTIVE_PROBE ("100+" beyond). */
  activeCount: number;
  activeMore: boolean;
  /** The core's roll-up: last 24 h by status, failures needing attention, compliance, next windows. */
  summary: ApiOutput<'dashboard.summary'> | null;
  loaded: boolean;
  error: string | null;
}

export const useDashboardStore = defineStore('dashboard', () => {
  const core = useConsoleStore();
  const state = reactive<DashboardState>({ failures: [], active: [], activeCount: 0, activeMore: false, summary: null, loaded: false, error: null });
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function load(): Promise<void> {
    try {
      const [summary, active] = await Promise.all([
        core.call('dashboard.summary', {}),
        core.call('sessions.list', { status: ['queued', 'waiting-for-agent', 'in-progress'], limit: ACTIVE_PROBE }),
      ]);
      state.summary = summary;
      state.failures = summary.attention.slice(0, SHOWN);
      state.active = active.items.slice(0, SHOWN);
      state.activeCount = active.items.length;
      state.activeMore = active.nextCursor !== null;
      state.error = null;
    } catch (error) {
      state.error = toBridgeError(error).message;
    } finally {
      state.loaded = true;
    }
  }

  function follow(): () => void {
    const stopEvents = core.onConsoleEvent((event) => {
      if (event.type !== 'session' || timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        void load();
      }, 1000);
    });
    const stopEpoch = watch(() => core.onlineEpoch, () => void load());
    return () => {
      stopEvents();
      stopEpoch();
      if (timer !== null) clearTimeout(timer);
      timer = null;
    };
  }

  return { ...toRefs(state), load, follow };
});
