// The entity kinds the replica keeps, each with the schema its documents are parsed with.
// Adding a kind is one line here (the core's EntityKind list makes the typecheck ask for it).
import type { z } from 'zod';
import type { EntityKind } from '../../../shared/api/system.js';
import { Computer } from '../../../shared/model/computer.js';
import { Deployment } from '../../../shared/model/deployment.js';
import { NotificationRule, SmtpSettings } from '../../../shared/model/notification.js';
import { Settings } from '../../../shared/model/settings.js';
import { Software } from '../../../shared/model/software.js';
import { Task } from '../../../shared/model/task.js';
import { Tenant } from '../../../shared/model/tenant.js';
import { ComputerGroup } from '../../../shared/model/group.js';
import { MaintenanceWindow } from '../../../shared/model/window.js';

export const REPLICATED_KINDS = {
  tenant: Tenant,
  computer: Computer,
  software: Software,
  deployment: Deployment,
  task: Task,
  settings: Settings,
  window: MaintenanceWindow,
  group: ComputerGroup,
  'notification-rule': NotificationRule,
  'smtp-settings': SmtpSettings,
} as const satisfies Record<EntityKind, z.ZodType<{ id: string }>>;

export type ReplicatedKind = keyof typeof REPLICATED_KINDS;
export type EntityOf<K extends ReplicatedKind> = z.infer<(typeof REPLICATED_KINDS)[K]>;

export const KIND_NAMES = Object.keys(REPLICATED_KINDS) as ReplicatedKind[];

export function isReplicatedKind(kind: string): kind is ReplicatedKind {
  return Object.hasOwn(REPLICATED_KINDS, kind);
}

/** Parses a document from the change feed; null when it does not match (a newer or broken core). */
export function parseEntity<K extends ReplicatedKind>(kind: K, data: unknown): EntityOf<K> | null {
  const parsed = REPLICATED_KINDS[kind].safeParse(data);
  return parsed.success ? (parsed.data as EntityOf<K>) : null;
}
