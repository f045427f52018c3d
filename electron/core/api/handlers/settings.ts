// API handlers: global settings.
import type { settingsApi } from '../../../../shared/api/settings.js';
import type { SettingsService } from '../../settings/settings-service.js';
import type { Handlers } from '../handlers.js';

export function settingsHandlers(s: { settings: SettingsService }): Handlers<keyof typeof settingsApi> {
  return {
    'settings.get': () => s.settings.get(),
    'settings.update': (patch) => s.settings.update(patch),
  };
}
