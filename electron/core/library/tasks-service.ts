// Tasks: scripts that test and set a setting, with typed parameters; plus the built-in OS Updates
// task, created at start with a fixed id and never edited or deleted.
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { Deployment } from '../../../shared/model/deployment.js';
import { OS_UPDATES_TASK_ID, parameterValueProblem, type ParameterValue, type Task } from '../../../shared/model/task.js';
import { newId } from '../../../shared/ids.js';
import { ApiError, conflict, invalid, notFound } from '../errors.js';
import type { EntityCollection } from '../store/entity-collection.js';
import { isoNow, type Clock } from '../ports.js';

const OS_UPDATES_DESCRIPTION =
  'Installs operating system updates as the Windows Update settings say (categories, deferral, restart behaviour): ' +
  'through the Windows Update Agent on Windows and apt on Debian and Ubuntu. Audit reports pending updates; enforce installs them.';

export class TasksService {
  constructor(
    private readonly tasks: EntityCollection<Task>,
    private readonly deployments: EntityCollection<Deployment>,
    private readonly clock: Clock,
  ) {}

  /** Creates the built-in OS Updates task if this console does not have it yet. */
  ensureBuiltIns(): void {
    if (this.tasks.get(OS_UPDATES_TASK_ID)) return;
    const now = isoNow(this.clock);
    this.tasks.put({ id: OS_UPDATES_TASK_ID, name: 'OS Updates', description: OS_UPDATES_DESCRIPTION, testScript: null, setScript: null, parameters: [], builtIn: 'os-updates', createdAt: now, updatedAt: now });
  }

  list(): Task[] {
    return this.tasks.all().sort((a, b) => Number(b.builtIn !== null) - Number(a.builtIn !== null) || a.name.localeCompare(b.name));
  }

  get(id: string): Task {
    const task = this.tasks.get(id);
    if (!task) throw notFound('task', id);
    return task;
  }

  exists(id: string): boolean {
    return this.tasks.get(id) !== undefined;
  }

  create(input: ApiParsedInput<'tasks.create'>): { id: string } {
    const now = isoNow(this.clock);
    const task = this.tasks.put({
      id: newId(),
      name: input.name,
      description: input.description ?? '',
      testScript: input.testScript,
      setScript: input.setScript,
      parameters: input.parameters ?? [],
      builtIn: null,
      createdAt: now,
      updatedAt: now,
    });
    return { id: task.id };
  }

  update(input: ApiParsedInput<'tasks.update'>): Task {
    const current = this.get(input.id);
    if (current.builtIn) throw conflict(`${current.name} is built in: configure it through the Windows Update settings`);
    const parameters = input.parameters ?? current.parameters;
    if (input.parameters) this.checkDeploymentsStillFit(current, parameters);
    return this.tasks.put({
      ...current,
      name: input.name ?? current.name,
      description: input.description ?? current.description,
      testScript: input.testScript ?? current.testScript,
      setScript: input.setScript ?? current.setScript,
      parameters,
      updatedAt: isoNow(this.clock),
    });
  }

  delete(id: string): void {
    const task = this.get(id);
    if (task.builtIn) throw conflict(`${task.name} is built in and cannot be deleted`);
    const usedBy = this.deployments.all().find((d) => d.taskId === id);
    if (usedBy) throw conflict(`deployment "${usedBy.name}" uses this task; delete it first`);
    this.tasks.delete(id);
  }

  /**
   * Checks a deployment's parameter values against the task's typed parameters: every name known,
   * every value of its type, every parameter without a default given. `field` prefixes errors.
   */
  checkParameters(task: Task, values: Record<string, ParameterValue>, field = 'parameters'): void {
    for (const [name, value] of Object.entries(values)) {
      const p = task.parameters.find((x) => x.name === name);
      if (!p) throw invalid(`${field}.${name}`, `${task.name} has no parameter ${name}${task.parameters.length ? ` (it has ${task.parameters.map((x) => x.name).join(', ')})` : ''}`);
      const problem = parameterValueProblem(p, value);
      if (problem) throw invalid(`${field}.${name}`, problem);
    }
    for (const p of task.parameters) {
      if (p.default === undefined && values[p.name] === undefined) throw invalid(`${field}.${p.name}`, `is required: ${task.name} gives it no default`);
    }
  }

  private checkDeploymentsStillFit(task: Task, parameters: Task['parameters']): void {
    for (const d of this.deployments.all().filter((x) => x.taskId === task.id)) {
      try {
        this.checkParameters({ ...task, parameters }, d.parameters);
      } catch (error) {
        if (error instanceof ApiError) throw invalid('parameters', `deployment "${d.name}" would no longer fit: ${error.message}`);
        throw error;
      }
    }
  }
}
