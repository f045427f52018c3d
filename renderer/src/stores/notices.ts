// Short messages at the bottom of the window ("3 sessions started — View"), one at a time.
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
  queue: Notice[];
}

let nextId = 1;

export const useNoticesStore = defineStore('notices', () => {
  const state = reactive<NoticesState>({ current: null, queue: [] });

  function notify(text: string, options: Partial<Omit<Notice, 'id' | 'text'>> = {}): void {
    const notice: Notice = { id: nextId++, text, color: options.color ?? 'success', ...(options.action ? { action: options.action } : {}) };
    if (state.current) state.queue.push(notice);
    else state.current = notice;
  }

  function dismiss(): void {
    state.current = state.queue.shift() ?? null;
  }

  return { ...toRefs(state), notify, dismiss };
});
