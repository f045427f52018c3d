// Console API: tenants and enrollment tokens.
import { z } from 'zod';
import { Id, IsoTime, Name } from '../model/common.js';
import { EnrollmentTokenInfo } from '../model/enrollment.js';
import { Tenant } from '../model/tenant.js';
import { command, query } from './method.js';

export const tenantsApi = {
  'tenants.create': command(z.strictObject({ name: Name }), Tenant),
  'tenants.update': command(z.strictObject({ id: Id, name: Name.optional(), windowId: Id.nullable().optional() }), Tenant),
  'tenants.list': query(z.strictObject({}), z.object({ items: z.array(Tenant) })),
  'tenants.get': query(z.strictObject({ id: Id }), Tenant),
  'enrollment.createToken': command(
    z.strictObject({
      tenantId: Id,
      expiresInHours: z.number().positive().max(24 * 365).default(24),
      maxUses: z.number().int().positive().max(1_000_000).nullable().default(null),
    }),
    z.object({ id: Id, token: z.string(), expiresAt: IsoTime, maxUses: z.number().int().nullable(), agentCommand: z.string() }),
  ),
  'enrollment.listTokens': query(z.strictObject({ tenantId: Id.optional() }), z.object({ items: z.array(EnrollmentTokenInfo) })),
  'enrollment.revokeToken': command(z.strictObject({ id: Id }), EnrollmentTokenInfo),
} as const;
