// Global settings: one document with a section per concern; `settings.update` takes any subset.
import { z } from 'zod';
import { IsoTime } from './common.js';

export const Frequency = z.enum(['daily', 'weekly', 'monthly']);
export type Frequency = z.infer<typeof Frequency>;

export const NotifyPreference = z.enum(['none', 'failure', 'always']);
export type NotifyPreference = z.infer<typeof NotifyPreference>;

export const AutomatedMaintenanceSettings = z.object({
  enabled: z.boolean(),
  maxConcurrentSessions: z.number().int().min(1).max(10_000),
  retry: z.object({ attempts: z.number().int().min(0).max(20), delayMinutes: z.number().min(0).max(24 * 60) }),
  frequency: Frequency,
  notify: NotifyPreference,
});
export type AutomatedMaintenanceSettings = z.infer<typeof AutomatedMaintenanceSettings>;

export const UpdateCategory = z.enum(['security', 'critical', 'definition', 'feature', 'driver', 'other']);
export type UpdateCategory = z.infer<typeof UpdateCategory>;

export const RestartBehaviour = z.enum(['never', 'if-required', 'always']);
export type RestartBehaviour = z.infer<typeof RestartBehaviour>;

export const WindowsUpdateSettings = z.object({
  categories: z.array(UpdateCategory),
  deferralDays: z.partialRecord(UpdateCategory, z.number().int().min(0).max(365)),
  restart: RestartBehaviour,
});
export type WindowsUpdateSettings = z.infer<typeof WindowsUpdateSettings>;

export const NotificationSettings = z.object({
  /** Desktop (tray or browser) notification when a session fails. */
  desktopOnFailure: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const ComplianceSettings = z.object({
  /** A detection older than this makes the state unknown. */
  staleAfterHours: z.number().int().min(1).max(24 * 365),
});
export type ComplianceSettings = z.infer<typeof ComplianceSettings>;

export const Settings = z.object({
  id: z.literal('global'),
  automatedMaintenance: AutomatedMaintenanceSettings,
  windowsUpdates: WindowsUpdateSettings,
  notifications: NotificationSettings,
  compliance: ComplianceSettings,
  updatedAt: IsoTime,
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Omit<Settings, 'updatedAt'> = {
  id: 'global',
  automatedMaintenance: { enabled: false, maxConcurrentSessions: 20, retry: { attempts: 2, delayMinutes: 10 }, frequency: 'daily', notify: 'failure' },
  windowsUpdates: { categories: ['security', 'critical', 'definition'], deferralDays: {}, restart: 'if-required' },
  notifications: { desktopOnFailure: true },
  compliance: { staleAfterHours: 7 * 24 },
};

/** Input of `settings.update`: any subset of any section. */
export const SettingsPatch = z.strictObject({
  automatedMaintenance: z
    .strictObject({
      enabled: z.boolean(),
      maxConcurrentSessions: z.number().int().min(1).max(10_000),
      retry: z.strictObject({ attempts: z.number().int().min(0).max(20), delayMinutes: z.number().min(0).max(24 * 60) }).partial(),
      frequency: Frequency,
      notify: NotifyPreference,
    })
    .partial()
    .optional(),
  windowsUpdates: z
    .strictObject({ categories: z.array(UpdateCategory), deferralDays: z.partialRecord(UpdateCategory, z.number().int().min(0).max(365)), restart: RestartBehaviour })
    .partial()
    .optional(),
  notifications: z.strictObject({ desktopOnFailure: z.boolean() }).partial().optional(),
  compliance: z.strictObject({ staleAfterHours: z.number().int().min(1).max(24 * 365) }).partial().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;
