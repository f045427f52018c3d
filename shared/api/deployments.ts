// Console API: deployments of software (and, later, tasks).
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
} as const;
