// The queue view: sessions waiting to start and why, and the next window openings. Read from the
// core (not replicated: it changes by the second), refreshed when sessions change.
import { defineStore } from 'pinia';
import { reactive, toRefs } from 'vue';
import type { QueueView } from '../../../shared/api/maintenance.js';
import { toBridgeError, type BridgeFailure } from '../bridge/bridge-error.js';
import { useConsoleStore } from './console.js';

export interface QueueState {
  view: QueueView | null;
  loading: boolean;
  error: BridgeFailure | null;
}

export const useQueueStore = defineStore('queue', () => {
  const core = useConsoleStore();
  const state = reactive<QueueState>({ view: null, loading: false, error: null });
  let pending: ReturnType<typeof setTimeout> | null = null;

  async function load(): Promise<void> {
    state.loading = true;
    try {
      state.view = await core.call('maintenance.queue', { limit: 500 });
      state.error = null;
    } catch (error) {
      state.error = toBridgeError(error);
    } finally {
      state.loading = false;
    }
  }

  /** Follows session events while a screen shows the queue; returns the unsubscribe function. */
  function follow(): () => void {
    void load();
    const off = core.onConsoleEvent((event) => {
      if (event.type !== 'session' && event.type !== 'computer') return;
      // Bursts (a window opening queues hundreds) become one reload.
      pending ??= setTimeout(() => {
        pending = null;
        void load();
      }, 500);
    });
    return () => {
      off();
      if (pending) clearTimeout(pending);
      pending = null;
    };
  }

  return { ...toRefs(state), load, follow };
});
