// The library editors' form models: what they send to the API.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../shared/model/task.js';
import { deploymentFields, draftFromDeployment, emptyDeploymentDraft, taskDeploymentFields } from '../../renderer/src/logic/deployment-draft.js';
import { createTaskInput, draftFromTask, emptyParameter, emptyTaskDraft } from '../../renderer/src/logic/task-draft.js';
import { pendingUpdatesSummary } from '../../renderer/src/logic/windows-update-text.js';

const script = { shell: 'sh' as const, body: 'true' };
const task: Task = {
  id: 'k', name: 'Lock', description: '', testScript: script, setScript: script, builtIn: null, createdAt: '', updatedAt: '',
  parameters: [{ name: 'MINUTES', type: 'number', default: 10 }, { name: 'STRICT', type: 'boolean' }, { name: 'LEVEL', type: 'choice', choices: ['a', 'b'] }],
};

describe('the deployment dialog', () => {
  it('sends a task deployment with typed parameter values; blanks fall back to the task default', () => {
    const draft = { ...emptyDeploymentDraft(), itemKind: 'task' as const, name: 'Lock', taskId: 'k', mode: 'enforce' as const, parameters: { MINUTES: '', STRICT: true, LEVEL: 'b' } };
    expect(taskDeploymentFields(draft, task)).toEqual({ name: 'Lock', mode: 'enforce', parameters: { STRICT: true, LEVEL: 'b' }, targets: [{ kind: 'all' }], enabled: true });
    expect(taskDeploymentFields({ ...draft, parameters: { MINUTES: '5' } }, task)).toMatchObject({ parameters: { MINUTES: 5 } });
  });

  it('edits the first target and keeps the others, group targets included', () => {
    const draft = draftFromDeployment({
      id: 'd', name: 'App', softwareId: 's', taskId: null, version: 'latest', desiredState: 'installed', mode: null, parameters: {},
      targets: [{ kind: 'group', id: 'g' }, { kind: 'computer', id: 'c' }], enabled: false, createdAt: '', updatedAt: '',
    });
    expect(draft).toMatchObject({ itemKind: 'software', targetKind: 'group', targetId: 'g' });
    expect(deploymentFields({ ...draft, targetId: 'g2' })).toEqual({ name: 'App', desiredState: 'installed', version: 'latest', targets: [{ kind: 'group', id: 'g2' }, { kind: 'computer', id: 'c' }], enabled: false });
  });
});

describe('the task editor', () => {
  it('types parameter defaults and splits choices by line', () => {
    const draft = emptyTaskDraft();
    draft.name = 'Lock';
    draft.parameters = [
      { ...emptyParameter(), name: 'MINUTES', type: 'number', default: '10' },
      { ...emptyParameter(), name: 'LEVEL', type: 'choice', choices: 'a\n\n b \n', default: 'a' },
      { ...emptyParameter(), name: 'STRICT', type: 'boolean', default: 'false' },
    ];
    expect(createTaskInput(draft).parameters).toEqual([
      { name: 'MINUTES', type: 'number', default: 10 },
      { name: 'LEVEL', type: 'choice', choices: ['a', 'b'], default: 'a' },
      { name: 'STRICT', type: 'boolean', default: false },
    ]);
    expect(createTaskInput(draftFromTask(task)).parameters).toEqual(task.parameters);
  });

  it('summarises pending OS updates', () => {
    expect(pendingUpdatesSummary(null)).toContain('Not scanned yet');
    expect(pendingUpdatesSummary(undefined)).toContain('Not scanned yet');
    expect(pendingUpdatesSummary({ provider: 'apt', scannedAt: '', error: null, count: 3, security: 2, heldBack: 1, rebootRequired: true, updates: [] })).toBe('3 pending (2 security) · 1 held back by the settings · restart pending');
  });
});
