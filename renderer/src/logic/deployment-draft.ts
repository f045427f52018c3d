// The deployment editor's form model and its conversion to API input: a software deployment has a
// version and a desired state, a task deployment a mode and parameters; targets are a list.
import type { ApiInput } from '../../../shared/api/contract.js';
import type { Deployment, DesiredState, TargetKind, TaskMode } from '../../../shared/model/deployment.js';
import type { ParameterValue, Task, TaskParameter } from '../../../shared/model/task.js';

export interface TargetDraft {
  kind: TargetKind;
  id: string | null;
}

export interface DeploymentDraft {
  id: string | null;
  name: string;
  itemKind: 'software' | 'task';
  softwareId: string | null;
  taskId: string | null;
  /** 'latest' or a library version. */
  version: string;
  desiredState: DesiredState;
  mode: TaskMode;
  /** Values as the form holds them (text fields give strings; converted by the parameter's type). */
  parameters: Record<string, string | number | boolean | null>;
  targets: TargetDraft[];
  enabled: boolean;
}

export const TARGET_KINDS: { value: TargetKind; title: string }[] = [
  { value: 'all', title: 'All computers' },
  { value: 'tenant', title: 'Tenant' },
  { value: 'group', title: 'Computer group' },
  { value: 'computer', title: 'Computer' },
];

export const TASK_MODES: { value: TaskMode; title: string; hint: string }[] = [
  { value: 'audit', title: 'Audit', hint: 'Run the test only and report non-compliance; change nothing' },
  { value: 'enforce', title: 'Enforce', hint: 'Test, run the set script when non-compliant, then test again' },
];

export function emptyDeploymentDraft(): DeploymentDraft {
  return { id: null, name: '', itemKind: 'software', softwareId: null, taskId: null, version: 'latest', desiredState: 'installed', mode: 'audit', parameters: {}, targets: [{ kind: 'all', id: null }], enabled: true };
}

export function draftFromDeployment(d: Deployment): DeploymentDraft {
  return {
    id: d.id,
    name: d.name,
    itemKind: d.softwareId ? 'software' : 'task',
    softwareId: d.softwareId,
    taskId: d.taskId,
    version: d.version ?? 'latest',
    desiredState: d.desiredState ?? 'installed',
    mode: d.mode ?? 'audit',
    parameters: { ...d.parameters },
    targets: d.targets.map((t) => ({ kind: t.kind, id: t.id ?? null })),
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

function parameterValues(task: Task | undefined, raw: DeploymentDraft['parameters']): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  for (const p of task?.parameters ?? []) {
    const v = parameterValue(p, raw[p.name]);
    if (v !== undefined) values[p.name] = v;
  }
  return values;
}

const targetsOf = (d: DeploymentDraft) => d.targets.map((t) => (t.kind === 'all' ? { kind: 'all' as const } : { kind: t.kind, id: t.id ?? '' }));

export function createDeploymentInput(d: DeploymentDraft, task: Task | undefined): ApiInput<'deployments.create'> {
  const common = { name: d.name, targets: targetsOf(d), enabled: d.enabled };
  if (d.itemKind === 'software') return { ...common, softwareId: d.softwareId ?? '', version: d.version, desiredState: d.desiredState };
  return { ...common, taskId: d.taskId ?? '', mode: d.mode, parameters: parameterValues(task, d.parameters) };
}

export function updateDeploymentInput(d: DeploymentDraft & { id: string }, task: Task | undefined): ApiInput<'deployments.update'> {
  const common = { id: d.id, name: d.name, targets: targetsOf(d), enabled: d.enabled };
  if (d.itemKind === 'software') return { ...common, version: d.version, desiredState: d.desiredState };
  return { ...common, mode: d.mode, parameters: parameterValues(task, d.parameters) };
}
