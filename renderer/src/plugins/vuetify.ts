// Vuetify, configured once: themes (light and dark, following the OS unless the user picks one),
// the mdi-svg icon set with Steward's named icons, component defaults and aliases.
import 'vuetify/styles';
import { createVuetify, type ThemeDefinition, type VuetifyOptions } from 'vuetify';
import { VChip } from 'vuetify/components/VChip';
import { VTextarea } from 'vuetify/components/VTextarea';
import { aliases as mdiAliases, mdi } from 'vuetify/iconsets/mdi-svg';
import { stewardIcons } from './icons.js';

const light: ThemeDefinition = {
  dark: false,
  colors: {
    background: '#f4f6fa',
    surface: '#ffffff',
    'surface-variant': '#e8ecf3',
    primary: '#2f5bd3',
    secondary: '#5f6b7d',
    success: '#1b7f3b',
    warning: '#a15c00',
    error: '#c62828',
    info: '#0b6fa4',
  },
};

const dark: ThemeDefinition = {
  dark: true,
  colors: {
    background: '#10141a',
    surface: '#181d25',
    'surface-variant': '#2a313c',
    primary: '#86a5ff',
    secondary: '#9aa6b8',
    success: '#56c58a',
    warning: '#f0b458',
    error: '#f2776f',
    info: '#5cc4f0',
  },
};

const field = { variant: 'outlined', density: 'comfortable', color: 'primary', hideDetails: 'auto' } as const;

export type ThemePreference = 'system' | 'light' | 'dark';

/** `extra` lets tests register every component (the build registers them per file instead). */
export function createStewardVuetify(theme: ThemePreference = 'system', extra: Pick<VuetifyOptions, 'components' | 'directives'> = {}) {
  return createVuetify({
    ...extra,
    theme: { defaultTheme: theme, themes: { light, dark } },
    icons: { defaultSet: 'mdi', aliases: { ...mdiAliases, ...stewardIcons }, sets: { mdi } },
    aliases: {
      // A status chip: small, tonal, with its icon; used for sessions, actions and computers.
      VStatusChip: VChip,
      // A script editor: a monospace, non-wrapping text area.
      VScriptField: VTextarea,
    },
    defaults: {
      VTextField: field,
      VTextarea: field,
      VSelect: field,
      VAutocomplete: field,
      VCombobox: field,
      VNumberInput: field,
      VCheckbox: { color: 'primary', hideDetails: 'auto', density: 'comfortable' },
      VSwitch: { color: 'primary', hideDetails: 'auto', inset: true, density: 'comfortable' },
      VBtn: { rounded: 'lg' },
      VCard: { rounded: 'lg', elevation: 0, border: true },
      VAlert: { variant: 'tonal', density: 'compact', rounded: 'lg' },
      VChip: { size: 'small', variant: 'tonal' },
      VStatusChip: { size: 'small', variant: 'tonal', label: true, class: 'status-chip' },
      VScriptField: { ...field, rows: 6, autoGrow: true, maxRows: 24, spellcheck: false, class: 'script-field' },
      VDataTable: { density: 'comfortable', hover: true },
      VDataTableServer: { density: 'comfortable', hover: true },
      VTooltip: { location: 'bottom' },
      VDialog: { scrollable: true },
      // A field's clear button (and a chip's filter mark) appears at once. The expand animation
      // measured the field twice in the click that filled it (a forced layout) and then laid the
      // page out again on every frame while it ran: ~6 ms in a filter change, plus every frame after.
      'expand-x-transition': { disabled: true },
    },
  });
}
