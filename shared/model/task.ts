// Tasks: a test script (compliant or not) and a set script, with typed parameters; and the
// built-in OS Updates task, which the OS-update providers carry out instead of scripts.
import { z } from 'zod';
import { Id, IsoTime, Name, Script } from './common.js';

/** Environment names a parameter may not take: they would change how a script runs. */
export const RESERVED_ENV_NAME = /^(PATH|HOME|USER|SHELL|IFS|ENV|BASH_ENV|LD_.*|DYLD_.*|NODE_OPTIONS|PSModulePath|STEWARD_.*)$/i;

export const ParameterType = z.enum(['string', 'number', 'boolean', 'choice']);
export type ParameterType = z.infer<typeof ParameterType>;

export const ParameterValue = z.union([z.string().max(4096), z.number(), z.boolean()]);
export type ParameterValue = z.infer<typeof ParameterValue>;

export const ParameterName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a name such as MAX_SIZE (letters, digits, _)')
  .refine((n) => !RESERVED_ENV_NAME.test(n), 'is reserved (it would change how scripts run)');

export const TaskParameter = z
  .strictObject({
    name: ParameterName,
    type: ParameterType,
    default: ParameterValue.optional(),
    choices: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
    description: z.string().max(500).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.type === 'choice' && p.choices === undefined) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'is required for a choice parameter' });
    if (p.type !== 'choice' && p.choices !== undefined) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'applies to choice parameters only' });
    if (p.default !== undefined) {
      const problem = parameterValueProblem(p, p.default);
      if (problem) ctx.addIssue({ code: 'custom', path: ['default'], message: problem });
    }
  });
export type TaskParameter = z.infer<typeof TaskParameter>;

/** Why a value does not fit a parameter, or null when it does. */
export function parameterValueProblem(p: Pick<TaskParameter, 'type' | 'choices'>, value: ParameterValue): string | null {
  switch (p.type) {
    case 'string':
      return typeof value === 'string' ? null : 'must be a string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'choice':
      return typeof value === 'string' && (p.choices ?? []).includes(value) ? null : `must be one of ${(p.choices ?? []).join(', ')}`;
  }
}

export const BuiltInTask = z.enum(['os-updates']);
export type BuiltInTask = z.infer<typeof BuiltInTask>;

/** The fixed id of the built-in OS Updates task: the same on every console, so shared deployments agree. */
export const OS_UPDATES_TASK_ID = 'builtin-os-updates';

export const Task = z.object({
  id: Id,
  name: Name,
  description: z.string().max(2000).default(''),
  /** Null for a built-in task (its provider does the work). */
  testScript: Script.nullable(),
  setScript: Script.nullable(),
  parameters: z.array(TaskParameter).default([]),
  builtIn: BuiltInTask.nullable().default(null),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Task = z.infer<typeof Task>;

/** Detection value a task test leaves in the detections store (compliance reads it). */
export function taskDetectionValue(compliant: boolean, detail: string | null): string {
  return compliant ? 'compliant' : `non-compliant${detail ? `: ${detail}` : ''}`;
}
