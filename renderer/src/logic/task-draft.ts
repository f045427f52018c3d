// The task editor's form model: scripts, and typed parameters (choices typed as one per line).
import type { ApiInput } from '../../../shared/api/contract.js';
import type { ScriptDraft } from './software-draft.js';
import type { ParameterType, Task, TaskParameter } from '../../../shared/model/task.js';

export interface ParameterDraft {
  name: string;
  type: ParameterType;
  /** Text as typed; converted by type (empty means no default). */
  default: string;
  /** One choice per line (choice parameters). */
  choices: string;
  description: string;
}

export interface TaskDraft {
  id: string | null;
  name: string;
  description: string;
  testScript: ScriptDraft;
  setScript: ScriptDraft;
  parameters: ParameterDraft[];
}

export const PARAMETER_TYPES: { value: ParameterType; title: string }[] = [
  { value: 'string', title: 'Text' },
  { value: 'number', title: 'Number' },
  { value: 'boolean', title: 'Yes / no' },
  { value: 'choice', title: 'Choice' },
];

export function emptyTaskDraft(): TaskDraft {
  return {
    id: null,
    name: '',
    description: '',
    testScript: { shell: 'sh', body: '# Exit 0 when compliant; print one line saying what you found.\n' },
    setScript: { shell: 'sh', body: '# Bring the computer into compliance.\n' },
    parameters: [],
  };
}

export function emptyParameter(): ParameterDraft {
  return { name: '', type: 'string', default: '', choices: '', description: '' };
}

export function draftFromTask(t: Task): TaskDraft {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    testScript: t.testScript ? { ...t.testScript } : { shell: 'sh', body: '' },
    setScript: t.setScript ? { ...t.setScript } : { shell: 'sh', body: '' },
    parameters: t.parameters.map((p) => ({ name: p.name, type: p.type, default: p.default === undefined ? '' : String(p.default), choices: (p.choices ?? []).join('\n'), description: p.description ?? '' })),
  };
}

function parameterInput(p: ParameterDraft): TaskParameter {
  const out: TaskParameter = { name: p.name.trim(), type: p.type };
  const raw = p.default.trim();
  if (raw !== '') out.default = p.type === 'number' ? Number(raw) : p.type === 'boolean' ? raw === 'true' : raw;
  if (p.type === 'choice') out.choices = p.choices.split('\n').map((c) => c.trim()).filter(Boolean);
  if (p.description.trim() !== '') out.description = p.description.trim();
  return out;
}

export function createTaskInput(d: TaskDraft): ApiInput<'tasks.create'> {
  return { name: d.name, description: d.description, testScript: { ...d.testScript }, setScript: { ...d.setScript }, parameters: d.parameters.map(parameterInput) };
}

export function updateTaskInput(d: TaskDraft & { id: string }): ApiInput<'tasks.update'> {
  return { id: d.id, ...createTaskInput(d) };
}
