// Console API: managed computers.
import { z } from 'zod';
import { Id } from '../model/common.js';
import { Computer } from '../model/computer.js';
import { EffectiveWindow } from '../model/effective-window.js';
import { command, query } from './method.js';

export const computersApi = {
  'computers.list': query(z.strictObject({ tenantId: Id.optional() }), z.object({ items: z.array(Computer) })),
  'computers.get': query(z.strictObject({ id: Id }), Computer),
  'computers.rename': command(z.strictObject({ id: Id, name: z.string().trim().min(1).max(200) }), Computer),
  /** Forgets the computer's key and closes its connection at once; the agent must enroll again. */
  'computers.revoke': command(z.strictObject({ id: Id }), z.object({ id: Id, revoked: z.literal(true) })),
  /** The window that applies (first group in the tenant's order that has one > the tenant's > none). */
  'computers.effectiveWindow': query(z.strictObject({ computerId: Id }), EffectiveWindow),
} as const;
