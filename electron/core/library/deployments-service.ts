// Deployments: which software (or task) should be in which state, for which computers.
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { Deployment, Target } from '../../../shared/model/deployment.js';
import type { Software } from '../../../shared/model/software.js';
import type { Tenant } from '../../../shared/model/tenant.js';
import type { ParameterValue, Task } from '../../../shared/model/task.js';
import { compareVersions } from '../../../shared/engine/versions.js';
import { newId } from '../../../shared/ids.js';
import { invalid, notFound } from '../errors.js';
import type { EntityCollection } from '../store/entity-collection.js';
import type { StoredComputer } from '../computers/stored-computer.js';
import { isoNow, type Clock } from '../ports.js';

/** Lookups a deployment's references are checked against. */
export interface DeploymentReferences {
  software: EntityCollection<Software>;
  tenants: EntityCollection<Tenant>;
  computers: EntityCollection<StoredComputer>;
  groupExists(id: string): boolean;
  task(id: string): Task | undefined;
  /** Throws an invalid-input error naming the parameter that does not fit the task. */
  checkParameters(task: Task, values: Record<string, ParameterValue>, field: string): void;
}

export class DeploymentsService {
  constructor(
    private readonly deployments: EntityCollection<Deployment>,
    private readonly refs: DeploymentReferences,
    private readonly clock: Clock,
  ) {}

  list(): Deployment[] {
    return this.deployments.all().sort((a, b) => a.name.localeCompare(b.name));
  }

  exists(id: string): boolean {
    return this.deployments.get(id) !== undefined;
  }

  get(id: string): Deployment {
    const d = this.deployments.get(id);
    if (!d) throw notFound('deployment', id);
    return d;
  }

  private checkTargets(targets: Target[]): void {
    targets.forEach((t, i) => {
      const field = `targets.${i}.id`;
      if (t.kind === 'tenant' && !this.refs.tenants.get(t.id!)) throw invalid(field, `tenant ${t.id} does not exist`);
      if (t.kind === 'computer' && !this.refs.computers.get(t.id!)) throw invalid(field, `computer ${t.id} does not exist`);
      if (t.kind === 'group' && !this.refs.groupExists(t.id!)) throw invalid(field, `group ${t.id} does not exist`);
    });
  }

  private checkVersion(softwareId: string | null, version: string | null): void {
    if (softwareId === null || version === null || version === 'latest') return;
    const software = this.refs.software.get(softwareId);
    if (software && !software.versions.some((v) => compareVersions(v.version, version) === 0)) {
      throw invalid('version', `${software.name} has no version ${version} in the library`);
    }
  }

  create(input: ApiParsedInput<'deployments.create'>): Deployment {
    if (input.softwareId !== undefined && !this.refs.software.get(input.softwareId)) throw invalid('softwareId', `software ${input.softwareId} does not exist`);
    const task = input.taskId === undefined ? undefined : this.refs.task(input.taskId);
    if (input.taskId !== undefined && !task) throw invalid('taskId', `task ${input.taskId} does not exist`);
    if (task) this.refs.checkParameters(task, input.parameters ?? {}, 'parameters');
    const isSoftware = input.softwareId !== undefined;
    const version = isSoftware ? (input.version ?? 'latest') : null;
    this.checkVersion(input.softwareId ?? null, version);
    this.checkTargets(input.targets);
    const now = isoNow(this.clock);
    return this.deployments.put({
      id: newId(),
      name: input.name,
      softwareId: input.softwareId ?? null,
      taskId: input.taskId ?? null,
      version,
      desiredState: isSoftware ? (input.desiredState ?? 'installed') : null,
      mode: isSoftware ? null : (input.mode ?? 'audit'),
      parameters: input.parameters ?? {},
      targets: input.targets,
      enabled: input.enabled,
      createdAt: now,
      updatedAt: now,
    });
  }

  update(input: ApiParsedInput<'deployments.update'>): Deployment {
    const current = this.get(input.id);
    const isSoftware = current.softwareId !== null;
    if (!isSoftware && (input.version !== undefined || input.desiredState !== undefined)) {
      throw invalid(input.version !== undefined ? 'version' : 'desiredState', 'applies to software deployments only');
    }
    if (isSoftware && input.mode !== undefined) throw invalid('mode', 'applies to task deployments only');
    if (isSoftware && input.parameters !== undefined) throw invalid('parameters', 'applies to task deployments only (software takes options per version)');
    if (!isSoftware && input.parameters !== undefined) {
      const task = this.refs.task(current.taskId!);
      if (task) this.refs.checkParameters(task, input.parameters, 'parameters');
    }
    const version = input.version ?? current.version;
    this.checkVersion(current.softwareId, version);
    if (input.targets) this.checkTargets(input.targets);
    return this.deployments.put({
      ...current,
      name: input.name ?? current.name,
      version,
      desiredState: input.desiredState ?? current.desiredState,
      mode: input.mode ?? current.mode,
      parameters: input.parameters ?? current.parameters,
      targets: input.targets ?? current.targets,
      enabled: input.enabled ?? current.enabled,
      updatedAt: isoNow(this.clock),
    });
  }

  delete(id: string): void {
    this.get(id);
    this.deployments.delete(id);
  }
}
