// API handlers: running maintenance and reading sessions.
import type { sessionsApi } from '../../../../shared/api/sessions.js';
import type { NotifyPreference } from '../../../../shared/model/settings.js';
import { notFound } from '../../errors.js';
import type { DeploymentsService } from '../../library/deployments-service.js';
import type { MaintenanceService } from '../../sessions/maintenance-service.js';
import type { SessionFollowUps } from '../../sessions/session-followups.js';
import type { SessionListing } from '../../sessions/session-listing.js';
import type { SessionLogText } from '../../sessions/session-log-text.js';
import type { LogsRepo } from '../../store/logs-repo.js';
import { summaryOf, type SessionsRepo } from '../../store/sessions-repo.js';
import type { Handlers } from '../handlers.js';

export interface SessionHandlerDeps {
  maintenance: MaintenanceService;
  sessions: SessionsRepo;
  logs: LogsRepo;
  deployments: DeploymentsService;
  defaultNotify: () => NotifyPreference;
  listing: SessionListing;
  followUps: SessionFollowUps;
  logText: SessionLogText;
}

export function sessionHandlers(s: SessionHandlerDeps): Handlers<keyof typeof sessionsApi> {
  return {
    'maintenance.run': ({ computerIds, deploymentIds, priority, notify }) => ({
      sessionIds: s.maintenance.run({ computerIds, deploymentIds, priority, notify: notify ?? s.defaultNotify() }, (id) => s.deployments.exists(id)),
    }),
    'sessions.get': ({ id }) => {
      const session = s.sessions.full(id);
      if (!session) throw notFound('session', id);
      return session;
    },
    'sessions.logs': ({ id, afterSeq, limit, search, levels }) => {
      if (!s.sessions.get(id)) throw notFound('session', id);
      const lines = s.logs.read(id, afterSeq ?? 0, limit + 1, { search, levels });
      return { lines: lines.slice(0, limit), more: lines.length > limit };
    },
    'sessions.logText': ({ id }) => {
      const text = s.logText.render(id);
      if (text === null) throw notFound('session', id);
      return { fileName: s.logText.fileName(id), text };
    },
    'sessions.list': (q) => s.listing.page(q),
    'sessions.cancel': ({ id }) => summaryOf(s.maintenance.cancel(id)),
    'sessions.retryFailed': ({ id }) => ({ sessionId: s.followUps.retryFailed(id) }),
    'sessions.rerun': ({ id }) => ({ sessionId: s.followUps.rerun(id) }),
  };
}
