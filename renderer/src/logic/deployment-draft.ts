// The deployment dialog's form model and its conversion to API input: a software deployment has a
// version and a desired state, a task deployment a mode and typed parameters. The dialog edits the
// first target; any further targets (set through the API) are kept as they are.
import type { Deployment, DesiredState, Target, TargetKind, TaskMode } from '../../../shared/model/deployment.js';
import type { ParameterValue, Task, TaskParameter } from '../../../shared/model/task.js';

export interface DeploymentDraft {
  id: string | null;
  name: string;
  itemKind: 'software' | 'task';
  softwareId: string | null;
  taskId: string | null;
  desiredState: DesiredState;
  version: string;
  mode: TaskMode;
  /** Values as the form holds them (text fields give strings; converted by the parameter's type). */
  parameters: Record<string, string | number | boolean | null>;
  targetKind: TargetKind;
  targetId: string | null;
  otherTargets: Target[];
  enabled: boolean;
}

export const TASK_MODES: { value: TaskMode; title: string; hint: string }[] = [
  { value: 'audit', title: 'Audit', hint: 'Run the test only and report non-compliance; change nothing' },
  { value: 'enforce', title: 'Enforce', hint: 'Test, run the set script when non-compliant, then test again' },
];

export function emptyDeploymentDraft(): DeploymentDraft {
  return { id: null, name: '', itemKind: 'software', softwareId: null, taskId: null, desiredState: 'installed', version: 'latest', mode: 'audit', parameters: {}, targetKind: 'all', targetId: null, otherTargets: [], enabled: true };
}

export function draftFromDeployment(d: Deployment): DeploymentDraft {
  const [target = { kind: 'all' as const }, ...others] = d.targets;
  return {
    id: d.id,
    name: d.name,
    itemKind: d.taskId ? 'task' : 'software',
    softwareId: d.softwareId,
    taskId: d.taskId,
    desiredState: d.desiredState ?? 'installed',
    version: d.version ?? 'latest',
    mode: d.mode ?? 'audit',
    parameters: { ...d.parameters },
    targetKind: target.kind,
    targetId: target.id ?? null,
    otherTargets: others,
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

const targetsOf = (d: DeploymentDraft): Target[] => [draftTarget(d), ...(d.otherTargets ?? [])];

export function deploymentFields(d: DeploymentDraft) {
  return {
    name: d.name,
    desiredState: d.desiredState,
    ...(usesVersion(d.desiredState) ? { version: d.version } : {}),
    targets: targetsOf(d),
    enabled: d.enabled,
  };
}

/** A form value as the parameter's type wants it; empty means "use the task's default". */
export function parameterValue(p: TaskParameter, raw: string | number | boolean | null | undefined): ParameterValue | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (p.type === 'number') return typeof raw === 'number' ? raw : Number(raw);
  if (p.type === 'boolean') return raw === true || raw === 'true';
  return String(raw);
}

export function taskDeploymentFields(d: DeploymentDraft, task: Task | undefined) {
  const parameters: Record<string, ParameterValue> = {};
  for (const p of task?.parameters ?? []) {
    const v = parameterValue(p, d.parameters[p.name]);
    if (v !== undefined) parameters[p.name] = v;
  }
  return { name: d.name, mode: d.mode, parameters, targets: targetsOf(d), enabled: d.enabled };
}
