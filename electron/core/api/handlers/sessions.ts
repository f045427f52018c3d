// API handlers: running maintenance and reading sessions.
import type { sessionsApi } from '../../../../shared/api/sessions.js';
import type { NotifyPreference } from '../../../../shared/model/settings.js';
import { ApiError, notFound } from '../../errors.js';
import type { DeploymentsService } from '../../library/deployments-service.js';
import type { MaintenanceService } from '../../sessions/maintenance-service.js';
import type { LogsRepo } from '../../store/logs-repo.js';
import { summaryOf, type SessionsRepo } from '../../store/sessions-repo.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { Handlers } from '../handlers.js';

export function sessionHandlers(s: {
  maintenance: MaintenanceService;
  sessions: SessionsRepo;
  logs: LogsRepo;
  deployments: DeploymentsService;
  defaultNotify: () => NotifyPreference;
}): Handlers<keyof typeof sessionsApi> {
  return {
    'maintenance.run': ({ computerIds, deploymentIds, priority, notify }) => ({
      sessionIds: s.maintenance.run({ computerIds, deploymentIds, priority, notify: notify ?? s.defaultNotify() }, (id) => s.deployments.exists(id)),
    }),
    'sessions.get': ({ id }) => {
      const session = s.sessions.full(id);
      if (!session) throw notFound('session', id);
      return session;
    },
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
  };
}
