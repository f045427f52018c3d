// Resolve and plan many computers against stored detections (no agent involved): what compliance
// roll-ups and "what would change" views need at 10,000 computers. Plans of one deployment for one
// detected value are computed once and shared by every computer where they recur.
import type { ActionKind } from '../model/session.js';
import type { Deployment } from '../model/deployment.js';
import type { Software } from '../model/software.js';
import type { Task } from '../model/task.js';
import { DeploymentIndex, type IndexEntry } from './deployment-index.js';
import { planSoftware, type PlannedAction } from './plan.js';
import { planTask } from './plan-tasks.js';
import type { PrecedenceComputer } from './precedence.js';

/** Detection values of one computer by item key (`software:<id>`, `task:<id>`), as the detections store keeps them. */
export type StoredDetections = ReadonlyMap<string, string | null>;

export interface BulkAction {
  deploymentId: string;
  kind: ActionKind;
  fromVersion: string | null;
  toVersion: string | null;
}

export interface BulkPlanConfig {
  deployments: readonly Deployment[];
  software: readonly Software[];
  tasks: readonly Task[];
}

/** What one computer's winners come to: an action, nothing to do, or unknown (never detected). */
export interface PlanSink {
  action(computerId: string, action: BulkAction): void;
  inDesiredState(computerId: string, deploymentId: string): void;
  unknown(computerId: string, deploymentId: string): void;
}

const ABSENT = '\u0000absent';

export class BulkPlanner {
  private readonly index: DeploymentIndex<Deployment>;
  private readonly software = new Map<string, Software>();
  private readonly tasks = new Map<string, Task>();
  /** Per winning entry: detected value → the planned action (or null). Most computers share both. */
  private readonly memo = new WeakMap<IndexEntry<Deployment>, Map<string, BulkAction | null>>();

  constructor(config: BulkPlanConfig) {
    this.index = new DeploymentIndex(config.deployments);
    for (const s of config.software) this.software.set(s.id, s);
    for (const t of config.tasks) this.tasks.set(t.id, t);
  }

  plan(computer: PrecedenceComputer, detections: StoredDetections | undefined, sink: PlanSink): void {
    this.index.forEachWinner(computer, (entry) => {
      const item = this.index.itemOf(entry);
      const value = detections?.get(item.key);
      if (value === undefined) return sink.unknown(computer.id, entry.deployment.id);
      let byValue = this.memo.get(entry);
      if (!byValue) this.memo.set(entry, (byValue = new Map<string, BulkAction | null>()));
      const memoKey = value ?? ABSENT;
      let action = byValue.get(memoKey);
      if (action === undefined) {
        action = this.planOne(item.kind, item.id, entry.deployment, value);
        byValue.set(memoKey, action);
      }
      if (action) sink.action(computer.id, action);
      else sink.inDesiredState(computer.id, entry.deployment.id);
    });
  }

  private planOne(kind: 'software' | 'task', itemId: string, deployment: Deployment, value: string | null): BulkAction | null {
    let planned: PlannedAction | null = null;
    if (kind === 'software') {
      const software = this.software.get(itemId);
      if (software) planned = planSoftware(software, deployment, { version: value });
    } else {
      const task = this.tasks.get(itemId);
      if (task && value !== null) planned = planTask(task, deployment, { compliant: value === 'compliant', detail: value.replace(/^non-compliant:? ?/, '') || null });
      // The OS Updates task's stored value stands for its scan: enforce installs what it found.
      if (planned && task?.builtIn === 'os-updates') planned = { ...planned, kind: 'install-updates' };
    }
    if (!planned || planned.skipped) return null;
    return { deploymentId: planned.deploymentId, kind: planned.kind, fromVersion: planned.fromVersion, toVersion: planned.toVersion };
  }
}
