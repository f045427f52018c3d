// The software editor's form model and its conversion to API input: empty optional scripts become
// null, and indexes match the API's error fields (`versions.0.installScript.body`).
import type { ApiInput } from '../../../shared/api/contract.js';
import type { ScriptShell } from '../../../shared/model/common.js';
import type { Platform } from '../../../shared/model/computer.js';
import type { Software, SoftwareVersion, UpgradeStrategy } from '../../../shared/model/software.js';

export interface ScriptDraft {
  shell: ScriptShell;
  body: string;
}

export interface OptionDraft {
  name: string;
  value: string;
}

export interface VersionDraft {
  version: string;
  releaseDate: string;
  installScript: ScriptDraft;
  uninstallScript: ScriptDraft;
  upgradeScript: ScriptDraft;
  upgradeStrategy: UpgradeStrategy;
  options: OptionDraft[];
}

export interface SoftwareDraft {
  id: string | null;
  name: string;
  vendor: string;
  platforms: Platform[];
  detectScript: ScriptDraft;
  versions: VersionDraft[];
}

export const UPGRADE_STRATEGIES: { value: UpgradeStrategy; title: string }[] = [
  { value: 'install-over', title: 'Run the install script over the old version' },
  { value: 'uninstall-first', title: 'Uninstall the old version first' },
  { value: 'upgrade-script', title: 'Run the upgrade script' },
];

export function defaultShell(platforms: readonly Platform[]): ScriptShell {
  return platforms.length > 0 && platforms.every((p) => p === 'windows') ? 'powershell' : 'sh';
}

export function emptyVersion(shell: ScriptShell): VersionDraft {
  const script = () => ({ shell, body: '' });
  return { version: '', releaseDate: '', installScript: script(), uninstallScript: script(), upgradeScript: script(), upgradeStrategy: 'install-over', options: [] };
}

export function emptySoftwareDraft(): SoftwareDraft {
  return { id: null, name: '', vendor: '', platforms: [], detectScript: { shell: 'sh', body: '' }, versions: [emptyVersion('sh')] };
}

function versionDraft(v: SoftwareVersion, shell: ScriptShell): VersionDraft {
  return {
    version: v.version,
    releaseDate: v.releaseDate ?? '',
    installScript: { ...v.installScript },
    uninstallScript: v.uninstallScript ? { ...v.uninstallScript } : { shell, body: '' },
    upgradeScript: v.upgradeScript ? { ...v.upgradeScript } : { shell, body: '' },
    upgradeStrategy: v.upgradeStrategy,
    options: Object.entries(v.options).map(([name, value]) => ({ name, value })),
  };
}

export function draftFromSoftware(s: Software): SoftwareDraft {
  return {
    id: s.id,
    name: s.name,
    vendor: s.vendor,
    platforms: [...s.platforms],
    detectScript: { ...s.detectScript },
    versions: s.versions.map((v) => versionDraft(v, s.detectScript.shell)),
  };
}

const orNull = (s: ScriptDraft) => (s.body.trim() === '' ? null : { shell: s.shell, body: s.body });

export function versionInput(v: VersionDraft): Omit<ApiInput<'software.addVersion'>, 'softwareId'> {
  return {
    version: v.version.trim(),
    releaseDate: v.releaseDate.trim() === '' ? null : v.releaseDate.trim(),
    installScript: { shell: v.installScript.shell, body: v.installScript.body },
    uninstallScript: orNull(v.uninstallScript),
    upgradeScript: orNull(v.upgradeScript),
    upgradeStrategy: v.upgradeStrategy,
    options: Object.fromEntries(v.options.filter((o) => o.name.trim() !== '').map((o) => [o.name.trim(), o.value])),
  };
}

export function createInput(d: SoftwareDraft): ApiInput<'software.create'> {
  return { name: d.name, vendor: d.vendor, platforms: d.platforms, detectScript: { ...d.detectScript }, versions: d.versions.map(versionInput) };
}

export function updateInput(d: SoftwareDraft & { id: string }): ApiInput<'software.update'> {
  return { id: d.id, ...createInput(d) };
}
