// Console API: global settings.
import { z } from 'zod';
import { Settings, SettingsPatch } from '../model/settings.js';
import { command, query } from './method.js';

export const settingsApi = {
  'settings.get': query(z.strictObject({}), Settings),
  'settings.update': command(SettingsPatch, Settings),
} as const;
