// A client of the technician: the unit of enrollment, windows and reporting.
import { z } from 'zod';
import { Id, IsoTime, Name } from './common.js';

export const Tenant = z.object({
  id: Id,
  name: Name,
  windowId: Id.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Tenant = z.infer<typeof Tenant>;
