// A computer group: explicit members of one tenant, an optional window, a place in the tenant's order.
import { z } from 'zod';
import { Id, IsoTime, Name } from './common.js';

export const ComputerGroup = z.object({
  id: Id,
  tenantId: Id,
  name: Name,
  computerIds: z.array(Id),
  windowId: Id.nullable(),
  /** Position within the tenant: the first group (lowest) that has a window gives its members theirs. */
  order: z.number().int(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type ComputerGroup = z.infer<typeof ComputerGroup>;
