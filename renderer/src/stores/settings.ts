// Global settings: the replica's document (or the core's defaults before the first save), patched
// section by section through the Console API.
import { defineStore } from 'pinia';
import { computed, reactive, toRefs } from 'vue';
import type { Settings, SettingsPatch } from '../../../shared/model/settings.js';
import { useConsoleStore } from './console.js';

export interface SettingsState {
  /** What `settings.get` answered, used until the replica holds a saved document. */
  fetched: Settings | null;
}

export const useSettingsStore = defineStore('settings', () => {
  const core = useConsoleStore();
  const state = reactive<SettingsState>({ fetched: null });

  const current = computed<Settings | null>(() => core.entities('settings').get('global') ?? state.fetched);

  async function load(): Promise<void> {
    if (core.entities('settings').has('global')) return;
    state.fetched = await core.call('settings.get', {});
  }

  async function update(patch: SettingsPatch): Promise<Settings> {
    const saved = await core.call('settings.update', patch);
    await core.remember('settings', saved);
    return saved;
  }

  return { ...toRefs(state), current, load, update };
});
