// This browser's own preferences (theme, navigation rail), kept in localStorage: they are not
// console data and do not travel through the replica.
import { defineStore } from 'pinia';
import { reactive, toRefs, watch } from 'vue';
import type { ThemePreference } from '../plugins/vuetify.js';

export interface PreferencesState {
  theme: ThemePreference;
  rail: boolean;
}

const KEY = 'steward.preferences';

export function readPreferences(): PreferencesState {
  const fallback: PreferencesState = { theme: 'system', rail: false };
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<PreferencesState>;
    return {
      theme: value.theme === 'light' || value.theme === 'dark' ? value.theme : 'system',
      rail: value.rail === true,
    };
  } catch {
    return fallback;
  }
}

export const usePreferencesStore = defineStore('preferences', () => {
  const state = reactive<PreferencesState>(readPreferences());
  watch(state, (value) => {
    try {
      localStorage.setItem(KEY, JSON.stringify(value));
    } catch {
      // storage full or disabled: the preference lasts for this page only
    }
  });
  return { ...toRefs(state) };
});
