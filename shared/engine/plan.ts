// Desired versus detected state gives a session's actions, in the order they run.
import type { ActionKind } from '../model/session.js';
import type { Deployment } from '../model/deployment.js';
import type { Software, SoftwareVersion } from '../model/software.js';
import { compareVersions, highestVersion } from './versions.js';

export interface PlannedAction {
  deploymentId: string;
  itemKind: 'software' | 'task';
  itemId: string;
  kind: ActionKind;
  fromVersion: string | null;
  toVersion: string | null;
  reason: string;
  /** Set when the action cannot run at all (the plan itself found the problem). */
  error: string | null;
  /** The action is listed but will not run (audit mode, no provider): `reason` says why. */
  skipped: boolean;
}

/** What detection found for an item: a version, absent (null), or a failure. */
export type Detected = { version: string | null } | { error: string };

const KIND_ORDER: Record<ActionKind, number> = { uninstall: 0, install: 1, upgrade: 1, 'run-task': 2, 'install-updates': 3, reboot: 4 };

export function latestVersion(software: Software): SoftwareVersion | null {
  const top = highestVersion(software.versions.map((v) => v.version));
  return top === null ? null : (software.versions.find((v) => v.version === top) ?? null);
}

/** The library version a deployment asks for, or an error naming what is missing. */
export function targetVersion(software: Software, deployment: Deployment): SoftwareVersion | string {
  if (deployment.version === null || deployment.version === 'latest') {
    return latestVersion(software) ?? `${software.name} has no versions in the library`;
  }
  const pinned = deployment.version;
  return software.versions.find((v) => compareVersions(v.version, pinned) === 0) ?? `version ${pinned} of ${software.name} is not in the library`;
}

/** Plans one software item for one computer. Returns null when nothing needs doing. */
export function planSoftware(software: Software, deployment: Deployment, detected: Detected): PlannedAction | null {
  const base = { deploymentId: deployment.id, itemKind: 'software' as const, itemId: software.id, skipped: false };
  const state = deployment.desiredState;
  if (state === null || state === 'ignore') return null;
  const guessKind: ActionKind = state === 'uninstalled' ? 'uninstall' : 'install';
  if ('error' in detected) {
    return { ...base, kind: guessKind, fromVersion: null, toVersion: null, reason: 'detection failed', error: `detection failed: ${detected.error}` };
  }
  const installed = detected.version;
  if (state === 'uninstalled') {
    if (installed === null) return null;
    return { ...base, kind: 'uninstall', fromVersion: installed, toVersion: null, reason: `installed (${installed}); desired state is uninstalled`, error: null };
  }
  const target = targetVersion(software, deployment);
  if (typeof target === 'string') {
    return { ...base, kind: guessKind, fromVersion: installed, toVersion: null, reason: target, error: target };
  }
  const want = target.version;
  const wanted = deployment.version === 'latest' ? `latest (${want})` : want;
  if (installed === null) {
    if (state === 'update-if-found') return null;
    return { ...base, kind: 'install', fromVersion: null, toVersion: want, reason: `not installed; desired ${wanted}`, error: null };
  }
  const order = compareVersions(installed, want);
  if (order === 0) return null;
  if (order < 0) {
    return { ...base, kind: 'upgrade', fromVersion: installed, toVersion: want, reason: `installed ${installed} is older than ${wanted}`, error: null };
  }
  if (state === 'update-if-found' || deployment.version === 'latest') return null;
  return { ...base, kind: 'install', fromVersion: installed, toVersion: want, reason: `installed ${installed} is newer than the pinned ${want}: reinstalling the pinned version`, error: null };
}

/** Stable run order: uninstalls, then installs and upgrades, tasks, OS updates, reboot. */
export function orderPlan(actions: PlannedAction[]): PlannedAction[] {
  return actions
    .map((a, i) => ({ a, i }))
    .sort((x, y) => KIND_ORDER[x.a.kind] - KIND_ORDER[y.a.kind] || x.i - y.i)
    .map(({ a }) => a);
}
