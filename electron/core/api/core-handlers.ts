// Wires each Console API method to the core service that implements it.
import type { Change } from '../../../shared/api/system.js';
import type { ComputerDirectory } from '../computers/computer-directory.js';
import type { EnrollmentTokens } from '../gateway/enrollment-tokens.js';
import type { AgentGateway } from '../gateway/agent-gateway.js';
import type { DeploymentsService } from '../library/deployments-service.js';
import type { SoftwareService } from '../library/software-service.js';
import type { MaintenanceService } from '../sessions/maintenance-service.js';
import type { TenantsService } from '../tenants/tenants-service.js';
import type { ChangeLog } from '../store/change-log.js';
import type { LogsRepo } from '../store/logs-repo.js';
import { summaryOf, type SessionsRepo } from '../store/sessions-repo.js';
import { ApiError, notFound } from '../errors.js';
import type { Handlers } from './handlers.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface CoreServices {
  tenants: TenantsService;
  tokens: EnrollmentTokens;
  computers: ComputerDirectory;
  gateway: AgentGateway;
  software: SoftwareService;
  deployments: DeploymentsService;
  maintenance: MaintenanceService;
  sessions: SessionsRepo;
  logs: LogsRepo;
  changes: ChangeLog;
  info: () => { version: string; consoleId: string; agentGatewayUrl: string; startedAt: string };
  agentCommand: (token: string) => string;
}

export function buildHandlers(s: CoreServices): Handlers {
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
    'enrollment.revokeToken': ({ id }) => s.tokens.revoke(id) ?? (() => { throw notFound('enrollment token', id); })(),

    'computers.list': ({ tenantId }) => ({ items: s.computers.list(tenantId) }),
    'computers.get': ({ id }) => s.computers.get(id) ?? (() => { throw notFound('computer', id); })(),
    'computers.rename': ({ id, name }) => s.computers.rename(id, name) ?? (() => { throw notFound('computer', id); })(),
    'computers.revoke': ({ id }) => {
      if (!s.computers.revoke(id)) throw notFound('computer', id);
      s.gateway.disconnect(id, 'revoked by the technician');
      return { id, revoked: true as const };
    },

    'software.create': (input) => s.software.create(input),
    'software.update': (input) => s.software.update(input),
    'software.addVersion': (input) => s.software.addVersion(input),
    'software.removeVersion': ({ softwareId, version }) => s.software.removeVersion(softwareId, version),
    'software.delete': ({ id }) => (s.software.delete(id), { id, deleted: true as const }),
    'software.list': () => ({ items: s.software.list() }),
    'software.get': ({ id }) => s.software.get(id),

    'deployments.create': (input) => s.deployments.create(input),
    'deployments.update': (input) => s.deployments.update(input),
    'deployments.delete': ({ id }) => (s.deployments.delete(id), { id, deleted: true as const }),
    'deployments.list': () => ({ items: s.deployments.list() }),
    'deployments.get': ({ id }) => s.deployments.get(id),

    'maintenance.run': ({ computerIds, deploymentIds, priority }) => ({
      sessionIds: s.maintenance.run({ computerIds, deploymentIds, priority }, (id) => {
        try {
          s.deployments.get(id);
          return true;
        } catch {
          return false;
        }
      }),
    }),
    'sessions.get': ({ id }) => s.sessions.full(id) ?? (() => { throw notFound('session', id); })(),
    'sessions.logs': ({ id, afterSeq, limit }) => {
      if (!s.sessions.get(id)) throw notFound('session', id);
      return { lines: s.logs.read(id, afterSeq ?? 0, limit) };
    },
    'sessions.list': (q) => {
      const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
      if (q.cursor !== undefined && !after) throw new ApiError('invalid-input', 'cursor: is not a cursor this console issued', 'cursor');
      const status = q.status === undefined ? undefined : Array.isArray(q.status) ? q.status : [q.status];
      const rows = s.sessions.list({ status, computerId: q.computerId, tenantId: q.tenantId, trigger: q.trigger, from: q.from, to: q.to, limit: q.limit + 1, after: after ?? undefined });
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return { items: page.map(summaryOf), nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null };
    },
    'sessions.cancel': ({ id }) => summaryOf(s.maintenance.cancel(id)),

    'system.info': () => s.info(),
    'changes.since': ({ cursor, limit }) => {
      const latest = s.changes.cursor;
      if (cursor > latest) return { changes: [], cursor: latest, more: false, reset: true };
      const rows = s.changes.since(cursor, limit);
      const changes: Change[] = rows.map((row) => {
        const data = entityData(s, row.kind, row.id);
        return { seq: row.seq, kind: row.kind as Change['kind'], id: row.id, deleted: row.deleted || data === undefined, data: data ?? null };
      });
      const next = rows.length > 0 ? rows[rows.length - 1]!.seq : cursor;
      return { changes, cursor: next, more: rows.length === limit, reset: false };
    },
  };
}

function entityData(s: CoreServices, kind: string, id: string): unknown {
  try {
    switch (kind) {
      case 'tenant':
        return s.tenants.get(id);
      case 'computer':
        return s.computers.get(id);
      case 'software':
        return s.software.get(id);
      case 'deployment':
        return s.deployments.get(id);
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
