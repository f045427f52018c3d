// Global settings: the replica's document (or the core's defaults before the first save), patched
// section by section through the Console API.
import { defineStore } from 'pinia';
import { computed, reactive, toRefs } from 'vue';
import type { LaunchAtLogin } from '../../../shared/api/desktop.js';
import type { Settings, SettingsPatch } from '../../../shared/model/settings.js';
import { useConsoleStore } from './console.js';

export interface SettingsState {
  /** What `settings.get` answered, used until the replica holds a saved document. */
  fetched: Settings | null;
  /** Whether the desktop app starts at sign-in (the web console reports it unavailable, with why). */
  launchAtLogin: LaunchAtLogin | null;
}

export const useSettingsStore = defineStore('settings', () => {
  const core = useConsoleStore();
  const state = reactive<SettingsState>({ fetched: null, launchAtLogin: null });

  const current = computed<Settings | null>(() => core.entities('settings').get('global') ?? state.fetched);

  /** The core's defaults, asked once: after the first save the replica holds the document. */
  async function load(): Promise<void> {
    if (core.entities('settings').has('global') || state.fetched) return;
    state.fetched = await core.call('settings.get', {});
  }

  async function loadLaunchAtLogin(): Promise<void> {
    state.launchAtLogin = await core.call('desktop.getLaunchAtLogin', {});
  }

  async function setLaunchAtLogin(enabled: boolean): Promise<void> {
    state.launchAtLogin = await core.call('desktop.setLaunchAtLogin', { enabled });
  }

  async function update(patch: SettingsPatch): Promise<Settings> {
    const saved = await core.call('settings.update', patch);
    await core.remember('settings', saved);
    return saved;
  }

  return { ...toRefs(state), current, load, update, loadLaunchAtLogin, setLaunchAtLogin };
});
