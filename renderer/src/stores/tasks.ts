// Tasks: read from the replica (the built-in OS Updates task first), saved through the Console API.
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { Task } from '../../../shared/model/task.js';
import { byName } from '../logic/by-name.js';
import { createTaskInput, updateTaskInput, type TaskDraft } from '../logic/task-draft.js';
import { useConsoleStore } from './console.js';

export const useTasksStore = defineStore('tasks', () => {
  const core = useConsoleStore();

  const list = computed<Task[]>(() => {
    const all = byName(core.entities('task').values());
    return [...all.filter((t) => t.builtIn !== null), ...all.filter((t) => t.builtIn === null)];
  });
  const byId = (id: string): Task | undefined => core.entities('task').get(id);

  async function save(draft: TaskDraft): Promise<string> {
    if (draft.id) {
      const saved = await core.call('tasks.update', updateTaskInput({ ...draft, id: draft.id }));
      await core.remember('task', saved);
      return saved.id;
    }
    const { id } = await core.call('tasks.create', createTaskInput(draft));
    await core.remember('task', await core.call('tasks.get', { id }));
    return id;
  }

  async function remove(id: string): Promise<void> {
    await core.call('tasks.delete', { id });
    await core.catchUp();
  }

  return { list, byId, save, remove };
});
