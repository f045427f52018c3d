// A deployment: the desired state of one software item or task for a set of computers.
import { z } from 'zod';
import { Id, IsoTime, Name } from './common.js';
import { VersionString } from './software.js';

export const TargetKind = z.enum(['all', 'tenant', 'group', 'computer']);
export type TargetKind = z.infer<typeof TargetKind>;

export const Target = z
  .strictObject({ kind: TargetKind, id: Id.optional() })
  .refine((t) => (t.kind === 'all') === (t.id === undefined), {
    message: 'id is required for tenant, group and computer targets, and not allowed for all',
    path: ['id'],
  });
export type Target = z.infer<typeof Target>;

export const DesiredState = z.enum(['installed', 'update-if-found', 'uninstalled', 'ignore']);
export type DesiredState = z.infer<typeof DesiredState>;

export const TaskMode = z.enum(['audit', 'enforce']);
export type TaskMode = z.infer<typeof TaskMode>;

export const DesiredVersion = z.union([z.literal('latest'), VersionString]);

export const Deployment = z.object({
  id: Id,
  name: Name,
  softwareId: Id.nullable(),
  taskId: Id.nullable(),
  version: DesiredVersion.nullable(),
  desiredState: DesiredState.nullable(),
  mode: TaskMode.nullable(),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  targets: z.array(Target).min(1),
  enabled: z.boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Deployment = z.infer<typeof Deployment>;
