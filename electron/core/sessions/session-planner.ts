// Resolve → detect → plan for one computer, shared by sessions and the plan preview. Detection
// runs on the agent (read-only: detection scripts, task tests, the OS-update scan); what it found
// is returned, and only a session records it.
import type { Deployment } from '../../../shared/model/deployment.js';
import type { UpdateScan } from '../../../shared/model/os-updates.js';
import type { Decision } from '../../../shared/model/session.js';
import type { WindowsUpdateSettings } from '../../../shared/model/settings.js';
import type { Software } from '../../../shared/model/software.js';
import { taskDetectionValue, type Task } from '../../../shared/model/task.js';
import type { CommandBody, CommandOutcome, DetectResult, ScriptEnv } from '../../../shared/protocol/agent.js';
import { resolveDeployments, type Resolution } from '../../../shared/engine/precedence.js';
import { orderPlan, planSoftware, type Detected, type PlannedAction } from '../../../shared/engine/plan.js';
import { planOsUpdates, planTask, taskEnvironment, type TaskDetected } from '../../../shared/engine/plan-tasks.js';
import { describeUpdates } from '../../../shared/engine/os-updates.js';
import type { Detection } from '../computers/detections.js';
import type { StoredComputer } from '../computers/stored-computer.js';
import type { EntityCollection } from '../store/entity-collection.js';

export interface PlannerDeps {
  software: EntityCollection<Software>;
  tasks: EntityCollection<Task>;
  deployments: EntityCollection<Deployment>;
  groupsOf: (computerId: string) => string[];
  windowsUpdates: () => WindowsUpdateSettings;
  options: { detectTimeoutSeconds: number; updateScanTimeoutSeconds: number };
}

/** Sends a command to the computer's agent; the caller decides whether to wait for an offline agent. */
export type RunCommand = (body: CommandBody) => Promise<CommandOutcome>;
export type PlanLog = (level: 'info' | 'error', text: string) => void;

export interface ComputerPlan {
  decisions: Decision[];
  actions: PlannedAction[];
  /** What detection found: a session records it, a preview does not. */
  detections: Omit<Detection, 'detectedAt'>[];
  updateScan: UpdateScan | null;
}

type DetectItem = DetectResult['items'][number];

type Winner =
  | { kind: 'software'; deployment: Deployment; software: Software }
  | { kind: 'task'; deployment: Deployment; task: Task };

export const softwareKey = (id: string) => `software:${id}`;
export const taskKey = (id: string) => `task:${id}`;

/** The environment of a task's scripts: its parameters, then Steward's own names. */
export function taskScriptEnv(task: Task, deployment: Deployment, action: 'test' | 'set'): ScriptEnv {
  return { ...taskEnvironment(task, deployment.parameters), STEWARD_TASK: task.name, STEWARD_ACTION: action, STEWARD_MODE: deployment.mode ?? 'audit' };
}

/** A task test's detect result: exit code 0 is compliant; the last line printed is the detail. */
export function taskResult(item: DetectItem | undefined): TaskDetected {
  if (!item) return { error: 'no result' };
  if (item.error !== null) return { error: item.error };
  return { compliant: item.exitCode === 0, detail: item.version };
}

export class SessionPlanner {
  constructor(private readonly deps: PlannerDeps) {}

  /** Every item some deployment targets at the computer, with the winner and the losers. */
  resolve(computer: Pick<StoredComputer, 'id' | 'tenantId'>): Resolution<Deployment>[] {
    return resolveDeployments({ id: computer.id, tenantId: computer.tenantId, groupIds: this.deps.groupsOf(computer.id) }, this.deps.deployments.all());
  }

  async plan(computer: StoredComputer, deploymentIds: readonly string[] | null, run: RunCommand, log: PlanLog): Promise<ComputerPlan> {
    const { decisions, winners } = this.decide(computer, deploymentIds);
    const applicable = winners.filter((w) => {
      if (w.kind !== 'software' || w.software.platforms.length === 0 || w.software.platforms.includes(computer.os.platform)) return true;
      log('info', `${w.software.name} is for ${w.software.platforms.join(', ')}; this computer runs ${computer.os.platform}: not applicable`);
      return false;
    });
    log('info', `Resolved ${applicable.length} deployment${applicable.length === 1 ? '' : 's'} to apply`);
    const scripted = applicable.filter((w) => w.kind === 'software' || w.task.builtIn === null);
    const osUpdates = applicable.find((w): w is Extract<Winner, { kind: 'task' }> => w.kind === 'task' && w.task.builtIn === 'os-updates');

    const detected = scripted.length > 0 ? await this.detect(scripted, run, log) : new Map<string, DetectItem>();
    const scan = osUpdates ? await this.scanUpdates(run, log) : null;

    const actions: PlannedAction[] = [];
    const detections: ComputerPlan['detections'] = [];
    for (const w of scripted) {
      if (w.kind === 'software') {
        const found = detected.get(softwareKey(w.software.id));
        const d: Detected = !found ? { error: 'no detection result' } : found.error === null ? { version: found.version } : { error: found.error };
        if ('version' in d) detections.push({ itemKind: 'software', itemId: w.software.id, value: d.version });
        const action = planSoftware(w.software, w.deployment, d);
        if (action) actions.push(action);
      } else {
        const t = taskResult(detected.get(taskKey(w.task.id)));
        if (!('error' in t)) detections.push({ itemKind: 'task', itemId: w.task.id, value: taskDetectionValue(t.compliant, t.detail) });
        const action = planTask(w.task, w.deployment, t);
        if (action) actions.push(action);
      }
    }
    if (osUpdates) {
      const settings = this.deps.windowsUpdates();
      const outcome: UpdateScan | { error: string } = scan ?? { error: 'no scan result' };
      if ('provider' in outcome && outcome.provider !== null && outcome.error === null) {
        const pending = outcome.updates.some((u) => u.selected);
        const detail = [pending ? describeUpdates(outcome.updates) : null, outcome.rebootRequired ? 'restart pending' : null].filter(Boolean).join('; ');
        detections.push({ itemKind: 'task', itemId: osUpdates.task.id, value: taskDetectionValue(!pending && !outcome.rebootRequired, detail || null) });
      }
      actions.push(...planOsUpdates(osUpdates.task, osUpdates.deployment, outcome, settings.restart));
    }
    return { decisions, actions: orderPlan(actions), detections, updateScan: scan && 'provider' in scan ? scan : null };
  }

  /** Winners and the recorded decisions, limited to the chosen deployments when there are some. */
  private decide(computer: StoredComputer, deploymentIds: readonly string[] | null): { decisions: Decision[]; winners: Winner[] } {
    const chosen = deploymentIds ? new Set(deploymentIds) : null;
    const decisions: Decision[] = [];
    const winners: Winner[] = [];
    for (const r of this.resolve(computer)) {
      const relevant = !chosen || chosen.has(r.winner.id) || r.losers.some((l) => chosen.has(l.deployment.id));
      if (!relevant) continue;
      const winnerChosen = !chosen || chosen.has(r.winner.id);
      decisions.push({ deploymentId: r.winner.id, itemKind: r.itemKind, itemId: r.itemId, won: true, reason: winnerChosen ? r.winnerReason : `${r.winnerReason} (not among the deployments chosen for this run)` });
      for (const l of r.losers) decisions.push({ deploymentId: l.deployment.id, itemKind: r.itemKind, itemId: r.itemId, won: false, reason: l.reason });
      if (!winnerChosen) continue;
      if (r.itemKind === 'software') {
        const software = this.deps.software.get(r.itemId);
        if (software) winners.push({ kind: 'software', deployment: r.winner, software });
      } else {
        const task = this.deps.tasks.get(r.itemId);
        if (task) winners.push({ kind: 'task', deployment: r.winner, task });
      }
    }
    for (const id of chosen ?? []) {
      if (decisions.some((d) => d.deploymentId === id)) continue;
      const d = this.deps.deployments.get(id);
      const item = d?.softwareId ? { itemKind: 'software' as const, itemId: d.softwareId } : { itemKind: 'task' as const, itemId: d?.taskId ?? '' };
      decisions.push({ deploymentId: id, ...item, won: false, reason: d ? (d.enabled ? 'does not target this computer' : 'disabled: takes no part') : 'deployment no longer exists' });
    }
    return { decisions, winners };
  }

  private async detect(winners: Winner[], run: RunCommand, log: PlanLog): Promise<Map<string, DetectItem>> {
    const items = winners.map((w) =>
      w.kind === 'software'
        ? { key: softwareKey(w.software.id), script: w.software.detectScript, env: {} }
        : { key: taskKey(w.task.id), script: w.task.testScript!, env: taskScriptEnv(w.task, w.deployment, 'test') },
    );
    const name = (key: string) => {
      const w = winners.find((x) => (x.kind === 'software' ? softwareKey(x.software.id) : taskKey(x.task.id)) === key);
      return w ? (w.kind === 'software' ? w.software.name : w.task.name) : key;
    };
    log('info', `Detecting ${winners.map((w) => (w.kind === 'software' ? w.software.name : w.task.name)).join(', ')}`);
    const outcome = await run({ kind: 'detect', payload: { items, timeoutSeconds: this.deps.options.detectTimeoutSeconds } });
    const result = new Map<string, DetectItem>();
    if (outcome.status !== 'completed' || outcome.kind !== 'detect') {
      const why = outcome.status === 'completed' ? 'unexpected result' : outcome.reason;
      for (const i of items) result.set(i.key, { key: i.key, version: null, exitCode: null, error: why });
      log('error', `Detection did not run: ${why}`);
      return result;
    }
    for (const item of outcome.data.items) {
      result.set(item.key, item);
      const isTask = item.key.startsWith('task:');
      if (item.error) log('error', `${name(item.key)}: ${isTask ? 'test' : 'detection'} failed: ${item.error}`);
      else if (isTask) log('info', `${name(item.key)}: ${item.exitCode === 0 ? 'compliant' : `non-compliant${item.version ? `: ${item.version}` : ''}`}`);
      else log('info', `${name(item.key)}: ${item.version === null ? 'not installed' : `version ${item.version} installed`}`);
    }
    return result;
  }

  private async scanUpdates(run: RunCommand, log: PlanLog): Promise<UpdateScan | { error: string }> {
    const settings = this.deps.windowsUpdates();
    log('info', `Scanning for OS updates (categories: ${settings.categories.join(', ') || 'none'})`);
    const outcome = await run({ kind: 'os-updates-scan', payload: { categories: settings.categories, deferralDays: settings.deferralDays, timeoutSeconds: this.deps.options.updateScanTimeoutSeconds } });
    if (outcome.status !== 'completed' || outcome.kind !== 'os-updates-scan') {
      const why = outcome.status === 'completed' ? 'unexpected result' : outcome.reason;
      log('error', `The OS-update scan did not run: ${why}`);
      return { error: why };
    }
    const scan = outcome.data;
    if (scan.provider === null || scan.error !== null) log(scan.provider === null ? 'info' : 'error', `OS updates: ${scan.error ?? 'no provider'}`);
    else log('info', `OS updates (${scan.provider}): ${describeUpdates(scan.updates)}${scan.rebootRequired ? '; a restart is pending' : ''}`);
    return scan;
  }
}
