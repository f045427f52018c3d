// Which scripts an action runs, in which steps, with which environment.
import type { ActionKind } from '../../../shared/model/session.js';
import type { Script } from '../../../shared/model/common.js';
import type { Software, SoftwareVersion } from '../../../shared/model/software.js';
import type { ScriptEnv } from '../../../shared/protocol/agent.js';
import { RESERVED_ENV_NAME } from '../../../shared/model/task.js';
import { compareVersions, highestVersion } from '../../../shared/engine/versions.js';

export type StepName = 'uninstall-step' | 'execute';

export interface ScriptStep {
  name: StepName;
  label: string;
  script: Script;
  env: ScriptEnv;
}


function findVersion(software: Software, version: string | null): SoftwareVersion | undefined {
  if (version === null) return undefined;
  return software.versions.find((v) => compareVersions(v.version, version) === 0);
}

/** The version entry whose uninstall script fits the installed version best. */
function uninstallerFor(software: Software, installed: string | null): SoftwareVersion | undefined {
  const exact = findVersion(software, installed);
  if (exact?.uninstallScript) return exact;
  const withScript = software.versions.filter((v) => v.uninstallScript !== null);
  const top = highestVersion(withScript.map((v) => v.version));
  return withScript.find((v) => v.version === top);
}

function baseEnv(software: Software, kind: ActionKind, version: string, from: string | null, options: Record<string, string>): ScriptEnv {
  const env: ScriptEnv = {};
  for (const [name, value] of Object.entries(options)) if (!RESERVED_ENV_NAME.test(name)) env[name] = value;
  env.STEWARD_ACTION = kind;
  env.STEWARD_SOFTWARE = software.name;
  env.STEWARD_VERSION = version;
  if (from !== null) env.STEWARD_FROM_VERSION = from;
  return env;
}

/** The steps of an install, upgrade or uninstall, or an error saying why it cannot run. */
export function stepsFor(software: Software, kind: ActionKind, fromVersion: string | null, toVersion: string | null): ScriptStep[] | string {
  if (kind === 'uninstall') {
    const entry = uninstallerFor(software, fromVersion);
    if (!entry?.uninstallScript) return `${software.name} has no uninstall script in the library`;
    return [{ name: 'execute', label: `Uninstall ${software.name} ${fromVersion ?? ''}`.trim(), script: entry.uninstallScript, env: baseEnv(software, kind, fromVersion ?? entry.version, null, entry.options) }];
  }
  const target = findVersion(software, toVersion);
  if (!target) return `version ${toVersion ?? '(none)'} of ${software.name} is not in the library`;
  const env = baseEnv(software, kind, target.version, fromVersion, target.options);
  const install: ScriptStep = { name: 'execute', label: `Install ${software.name} ${target.version}`, script: target.installScript, env };
  if (kind !== 'upgrade') return [install];
  if (target.upgradeStrategy === 'upgrade-script' && target.upgradeScript) {
    return [{ name: 'execute', label: `Upgrade ${software.name} ${fromVersion} → ${target.version}`, script: target.upgradeScript, env }];
  }
  if (target.upgradeStrategy === 'uninstall-first') {
    const old = uninstallerFor(software, fromVersion);
    if (!old?.uninstallScript) return `${software.name} upgrades by uninstalling first, but has no uninstall script`;
    const uninstallEnv = baseEnv(software, 'uninstall', fromVersion ?? old.version, null, old.options);
    return [{ name: 'uninstall-step', label: `Uninstall ${software.name} ${fromVersion}`, script: old.uninstallScript, env: uninstallEnv }, install];
  }
  return [install];
}
