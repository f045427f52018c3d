// Console API: tasks (test and set scripts with typed parameters) and the built-in OS Updates task.
import { z } from 'zod';
import { Id, Name, Script } from '../model/common.js';
import { Task, TaskParameter } from '../model/task.js';
import { command, query } from './method.js';

const Parameters = z.array(TaskParameter).max(50).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((p, i) => {
    const key = p.name.toUpperCase();
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `parameter ${p.name} is listed twice` });
    seen.add(key);
  });
});

export const tasksApi = {
  'tasks.create': command(
    z.strictObject({ name: Name, description: z.string().max(2000).optional(), testScript: Script, setScript: Script, parameters: Parameters.optional() }),
    z.object({ id: Id }),
  ),
  'tasks.update': command(
    z.strictObject({ id: Id, name: Name.optional(), description: z.string().max(2000).optional(), testScript: Script.optional(), setScript: Script.optional(), parameters: Parameters.optional() }),
    Task,
  ),
  'tasks.delete': command(z.strictObject({ id: Id }), z.object({ id: Id, deleted: z.literal(true) })),
  'tasks.list': query(z.strictObject({}), z.object({ items: z.array(Task) })),
  'tasks.get': query(z.strictObject({ id: Id }), Task),
} as const;
