// The deployment dialog's form model and its conversion to API input.
import type { Deployment, DesiredState, Target, TargetKind } from '../../../shared/model/deployment.js';

export interface DeploymentDraft {
  id: string | null;
  name: string;
  softwareId: string | null;
  desiredState: DesiredState;
  version: string;
  targetKind: TargetKind;
  targetId: string | null;
  enabled: boolean;
}

export function emptyDeploymentDraft(): DeploymentDraft {
  return { id: null, name: '', softwareId: null, desiredState: 'installed', version: 'latest', targetKind: 'all', targetId: null, enabled: true };
}

export function draftFromDeployment(d: Deployment): DeploymentDraft {
  const target = d.targets[0] ?? { kind: 'all' };
  return {
    id: d.id,
    name: d.name,
    softwareId: d.softwareId,
    desiredState: d.desiredState ?? 'installed',
    version: d.version ?? 'latest',
    targetKind: target.kind,
    targetId: target.id ?? null,
    enabled: d.enabled,
  };
}

/** A version matters only when the software should be (or stay) installed. */
export function usesVersion(state: DesiredState): boolean {
  return state === 'installed' || state === 'update-if-found';
}

export function draftTarget(d: DeploymentDraft): Target {
  return d.targetKind === 'all' ? { kind: 'all' } : { kind: d.targetKind, id: d.targetId ?? '' };
}

export function deploymentFields(d: DeploymentDraft) {
  return {
    name: d.name,
    desiredState: d.desiredState,
    ...(usesVersion(d.desiredState) ? { version: d.version } : {}),
    targets: [draftTarget(d)],
    enabled: d.enabled,
  };
}
