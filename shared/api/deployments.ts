// Console API: deployments of software and tasks, and why each one wins or loses on a computer.
import { z } from 'zod';
import { Id, Name } from '../model/common.js';
import { Deployment, DesiredState, DesiredVersion, Target, TaskMode } from '../model/deployment.js';
import { command, query } from './method.js';

const ParameterValues = z.record(z.string().max(64), z.union([z.string().max(4096), z.number(), z.boolean()]));

export const DeploymentCreateInput = z
  .strictObject({
    name: Name,
    softwareId: Id.optional(),
    taskId: Id.optional(),
    version: DesiredVersion.optional(),
    desiredState: DesiredState.optional(),
    mode: TaskMode.optional(),
    parameters: ParameterValues.optional(),
    targets: z.array(Target).min(1, 'needs at least one target'),
    enabled: z.boolean().default(true),
  })
  .superRefine((d, ctx) => {
    if ((d.softwareId === undefined) === (d.taskId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['softwareId'], message: 'give exactly one of softwareId or taskId' });
    }
    if (d.softwareId !== undefined && d.desiredState === undefined) {
      ctx.addIssue({ code: 'custom', path: ['desiredState'], message: 'is required for a software deployment' });
    }
    if (d.taskId !== undefined && d.desiredState !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['desiredState'], message: 'applies to software deployments only' });
    }
    if (d.taskId !== undefined && d.version !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['version'], message: 'applies to software deployments only' });
    }
    if (d.taskId !== undefined && d.mode === undefined) {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: 'is required for a task deployment ("audit" or "enforce")' });
    }
    if (d.softwareId !== undefined && d.mode !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: 'applies to task deployments only' });
    }
    if (d.softwareId !== undefined && d.parameters !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['parameters'], message: 'applies to task deployments only (software takes options per version)' });
    }
  });
export type DeploymentCreateInput = z.infer<typeof DeploymentCreateInput>;

export const deploymentsApi = {
  'deployments.create': command(DeploymentCreateInput, Deployment),
  'deployments.update': command(
    z.strictObject({
      id: Id,
      name: Name.optional(),
      version: DesiredVersion.optional(),
      desiredState: DesiredState.optional(),
      mode: TaskMode.optional(),
      parameters: ParameterValues.optional(),
      targets: z.array(Target).min(1, 'needs at least one target').optional(),
      enabled: z.boolean().optional(),
    }),
    Deployment,
  ),
  'deployments.delete': command(z.strictObject({ id: Id }), z.object({ id: Id, deleted: z.literal(true) })),
  'deployments.list': query(z.strictObject({}), z.object({ items: z.array(Deployment) })),
  'deployments.get': query(z.strictObject({ id: Id }), Deployment),
  /** For one computer: every item some deployment targets at it, the winner and why, and why each other one lost. */
  'deployments.explain': query(
    z.strictObject({ computerId: Id }),
    z.object({
      items: z.array(
        z.object({
          item: z.object({ kind: z.enum(['software', 'task']), id: Id, name: z.string() }),
          winner: z.object({ deploymentId: Id, reason: z.string() }),
          losers: z.array(z.object({ deploymentId: Id, reason: z.string() })),
        }),
      ),
    }),
  ),
} as const;
