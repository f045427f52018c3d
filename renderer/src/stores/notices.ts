// Short messages at the bottom of the window ("3 sessions started — View"), the newest only.
import { defineStore } from 'pinia';
import { reactive, toRefs } from 'vue';
import type { RouteLocationRaw } from 'vue-router';

export interface Notice {
  id: number;
  text: string;
  color: 'success' | 'error' | 'info' | 'warning';
  action?: { label: string; to: RouteLocationRaw };
}

export interface NoticesState {
  current: Notice | null;
}

let nextId = 1;

export const useNoticesStore = defineStore('notices', () => {
  const state = reactive<NoticesState>({ current: null });

  /** Shows the notice now, replacing the one on screen: the newest news is what the user acted on. */
  function notify(text: string, options: Partial<Omit<Notice, 'id' | 'text'>> = {}): void {
    state.current = { id: nextId++, text, color: options.color ?? 'success', ...(options.action ? { action: options.action } : {}) };
  }

  function dismiss(): void {
    state.current = null;
  }

  return { ...toRefs(state), notify, dismiss };
});
