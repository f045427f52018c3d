// Global settings: read with defaults filled in, patched section by section, listeners told of changes.
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../shared/model/settings.js';
import type { EntityCollection } from '../store/entity-collection.js';
import { isoNow, type Clock } from '../ports.js';

/** The settings every console starts from (also the team's baseline for the shared document). */
export function defaultSettings(): Settings {
  return { ...structuredClone(DEFAULT_SETTINGS), updatedAt: new Date(0).toISOString() };
}

export class SettingsService {
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly docs: EntityCollection<Settings>,
    private readonly clock: Clock,
  ) {
    // A teammate's change (through the relay) takes effect here as if it were made locally.
    docs.onChange((_id, settings, origin) => {
      if (origin === 'remote' && settings) for (const listener of this.listeners) listener(settings);
    });
  }

  get(): Settings {
    return this.docs.get('global') ?? defaultSettings();
  }

  update(patch: SettingsPatch): Settings {
    const current = this.get();
    const am = patch.automatedMaintenance;
    const next: Settings = {
      ...current,
      automatedMaintenance: am ? { ...current.automatedMaintenance, ...am, retry: { ...current.automatedMaintenance.retry, ...am.retry } } : current.automatedMaintenance,
      windowsUpdates: patch.windowsUpdates ? { ...current.windowsUpdates, ...patch.windowsUpdates } : current.windowsUpdates,
      notifications: patch.notifications ? { ...current.notifications, ...patch.notifications } : current.notifications,
      compliance: patch.compliance ? { ...current.compliance, ...patch.compliance } : current.compliance,
      updatedAt: isoNow(this.clock),
    };
    const saved = this.docs.put(next);
    for (const listener of this.listeners) listener(saved);
    return saved;
  }

  onChange(listener: (settings: Settings) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
}
