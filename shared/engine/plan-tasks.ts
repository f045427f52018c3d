// Planning tasks and OS updates: desired mode versus what the test (or the update scan) found.
import type { Deployment } from '../model/deployment.js';
import type { UpdateScan } from '../model/os-updates.js';
import type { RestartBehaviour } from '../model/settings.js';
import type { ParameterValue, Task } from '../model/task.js';
import { describeUpdates } from './os-updates.js';
import type { PlannedAction } from './plan.js';

/** What a task's test found: compliant or not (with the test's last line as detail), or a failure. */
export type TaskDetected = { compliant: boolean; detail: string | null } | { error: string };

function base(task: Task, deployment: Deployment) {
  return { deploymentId: deployment.id, itemKind: 'task' as const, itemId: task.id, fromVersion: null, toVersion: null, error: null, skipped: false };
}

/** Audit: a non-compliant result is listed (skipped: nothing changes). Enforce: set, then test again. */
export function planTask(task: Task, deployment: Deployment, detected: TaskDetected): PlannedAction | null {
  const b = base(task, deployment);
  if ('error' in detected) return { ...b, kind: 'run-task', reason: 'the test did not run', error: `test failed to run: ${detected.error}` };
  if (detected.compliant) return null;
  const finding = `non-compliant${detected.detail ? `: ${detected.detail}` : ''}`;
  if (deployment.mode === 'enforce') return { ...b, kind: 'run-task', reason: `${finding}; enforce runs the set script, then tests again` };
  return { ...b, kind: 'run-task', reason: `${finding}; audit mode reports it and changes nothing`, skipped: true };
}

/** The built-in OS Updates task: install what the settings let through, then restart as they say. */
export function planOsUpdates(task: Task, deployment: Deployment, scan: UpdateScan | { error: string }, restart: RestartBehaviour): PlannedAction[] {
  const b = base(task, deployment);
  if (!('provider' in scan)) return [{ ...b, kind: 'install-updates', reason: 'the update scan did not run', error: `update scan failed: ${scan.error}` }];
  if (scan.provider === null) return [{ ...b, kind: 'install-updates', reason: scan.error ?? 'no OS update provider on this computer', skipped: true }];
  if (scan.error !== null) return [{ ...b, kind: 'install-updates', reason: 'the update scan failed', error: `update scan failed: ${scan.error}` }];
  const pending = scan.updates.filter((u) => u.selected).length;
  const summary = describeUpdates(scan.updates);
  const actions: PlannedAction[] = [];
  const audit = deployment.mode !== 'enforce';
  if (pending > 0) {
    actions.push(audit ? { ...b, kind: 'install-updates', reason: `${summary}; audit mode reports them and installs nothing`, skipped: true } : { ...b, kind: 'install-updates', reason: summary });
  }
  if (audit) {
    if (scan.rebootRequired) actions.push({ ...b, kind: 'reboot', reason: 'a restart is pending; audit mode does not restart', skipped: true });
    return actions;
  }
  if (restart === 'never') {
    if (scan.rebootRequired) actions.push({ ...b, kind: 'reboot', reason: 'a restart is pending, but the restart behaviour is never', skipped: true });
    return actions;
  }
  if (scan.rebootRequired) actions.push({ ...b, kind: 'reboot', reason: 'a restart is pending' });
  else if (pending > 0 && restart === 'always') actions.push({ ...b, kind: 'reboot', reason: 'restart behaviour is always: restart after installing updates' });
  else if (pending > 0) actions.push({ ...b, kind: 'reboot', reason: 'restart behaviour is if-required: restart if an update asks for it' });
  return actions;
}

/** A task's parameter values with defaults filled in, as environment variables for its scripts. */
export function taskEnvironment(task: Task, values: Record<string, ParameterValue>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const p of task.parameters) {
    const value = values[p.name] ?? p.default;
    if (value !== undefined) env[p.name] = typeof value === 'string' ? value : String(value);
  }
  return env;
}
