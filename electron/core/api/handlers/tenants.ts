// API handlers: tenants and enrollment tokens.
import type { tenantsApi } from '../../../../shared/api/tenants.js';
import { notFound } from '../../errors.js';
import type { EnrollmentTokens } from '../../gateway/enrollment-tokens.js';
import type { TenantsService } from '../../tenants/tenants-service.js';
import type { Handlers } from '../handlers.js';

export function tenantHandlers(s: { tenants: TenantsService; tokens: EnrollmentTokens; agentCommand: (token: string) => string }): Handlers<keyof typeof tenantsApi> {
  return {
    'tenants.create': ({ name }) => s.tenants.create(name),
    'tenants.update': (input) => s.tenants.update(input),
    'tenants.list': () => ({ items: s.tenants.list() }),
    'tenants.get': ({ id }) => s.tenants.get(id),
    'enrollment.createToken': ({ tenantId, expiresInHours, maxUses }) => {
      s.tenants.get(tenantId, 'tenantId');
      const { info, token } = s.tokens.create(tenantId, expiresInHours, maxUses);
      return { id: info.id, token, expiresAt: info.expiresAt, maxUses: info.maxUses, agentCommand: s.agentCommand(token) };
    },
    'enrollment.listTokens': ({ tenantId }) => ({ items: s.tokens.list(tenantId) }),
    'enrollment.revokeToken': ({ id }) => {
      const info = s.tokens.revoke(id);
      if (!info) throw notFound('enrollment token', id);
      return info;
    },
  };
}
