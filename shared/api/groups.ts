// Console API: computer groups (explicit members of one tenant, ordered, each with an optional window).
import { z } from 'zod';
import { Id, Name } from '../model/common.js';
import { ComputerGroup } from '../model/group.js';
import { command, query } from './method.js';

const Members = z.array(Id).max(100_000, 'at most 100000 computers');

export const groupsApi = {
  /** Added after the tenant's other groups; `windowId` is optional. */
  'groups.create': command(z.strictObject({ tenantId: Id, name: Name, computerIds: Members.default([]), windowId: Id.nullable().optional() }), ComputerGroup),
  /** Any subset; `windowId: null` removes the group's window. */
  'groups.update': command(z.strictObject({ id: Id, name: Name.optional(), computerIds: Members.optional(), windowId: Id.nullable().optional() }), ComputerGroup),
  /** Groups in tenant order (tenants by id, groups by their position). */
  'groups.list': query(z.strictObject({ tenantId: Id.optional() }), z.object({ items: z.array(ComputerGroup) })),
  'groups.get': query(z.strictObject({ id: Id }), ComputerGroup),
  /** Refused (409, naming them) while deployments target the group. */
  'groups.delete': command(z.strictObject({ id: Id }), z.object({ id: Id, deleted: z.literal(true) })),
  /** Sets the order of a tenant's groups: `groupIds` lists every group of the tenant once, first first. */
  'groups.reorder': command(z.strictObject({ tenantId: Id, groupIds: z.array(Id) }), z.object({ items: z.array(ComputerGroup) })),
} as const;
