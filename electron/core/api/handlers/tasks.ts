// API handlers: tasks.
import type { tasksApi } from '../../../../shared/api/tasks.js';
import type { TasksService } from '../../library/tasks-service.js';
import type { Handlers } from '../handlers.js';

export function taskHandlers(s: { tasks: TasksService }): Handlers<keyof typeof tasksApi> {
  return {
    'tasks.create': (input) => s.tasks.create(input),
    'tasks.update': (input) => s.tasks.update(input),
    'tasks.delete': ({ id }) => {
      s.tasks.delete(id);
      return { id, deleted: true as const };
    },
    'tasks.list': () => ({ items: s.tasks.list() }),
    'tasks.get': ({ id }) => s.tasks.get(id),
  };
}
