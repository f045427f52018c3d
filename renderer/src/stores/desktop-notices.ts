// Session-failure notices in the web console: a browser notification when the user allowed them,
// otherwise an alert inside the window; either opens the session. The core decides which sessions
// deserve one (settings, a manual run's own choice); the desktop app shows native ones itself.
import { defineStore } from 'pinia';
import { reactive, toRefs } from 'vue';
import type { Router } from 'vue-router';
import type { DesktopNotice } from '../../../shared/model/notification.js';
import { isWebConsole } from '../bridge/environment.js';
import { useConsoleStore } from './console.js';
import { useNoticesStore } from './notices.js';

export type BrowserPermission = NotificationPermission | 'unsupported';

export interface DesktopNoticesState {
  permission: BrowserPermission;
}

function currentPermission(): BrowserPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export const useDesktopNoticesStore = defineStore('desktop-notices', () => {
  const core = useConsoleStore();
  const notices = useNoticesStore();
  const state = reactive<DesktopNoticesState>({ permission: currentPermission() });

  function show(notice: DesktopNotice, router: Router): void {
    const to = { name: 'session', params: { id: notice.sessionId } };
    // A browser notification only when the window is not in front; in front, the in-app alert is enough.
    if (isWebConsole() && state.permission === 'granted' && document.visibilityState !== 'visible') {
      const n = new Notification(notice.title, { body: notice.body, tag: notice.sessionId });
      n.onclick = () => {
        window.focus();
        void router.push(to);
        n.close();
      };
      return;
    }
    notices.notify(`${notice.title} — ${notice.body}`, { color: notice.status === 'failed' || notice.status === 'incomplete' ? 'error' : 'info', action: { label: 'Open session', to } });
  }

  /** Shows notices from now on; returns the stop function. */
  function start(router: Router): () => void {
    return core.onConsoleEvent((event) => {
      if (event.type === 'notice') show(event.notice, router);
    });
  }

  async function requestPermission(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    state.permission = await Notification.requestPermission();
  }

  return { ...toRefs(state), start, requestPermission };
});
