// API handlers: computers.
import type { computersApi } from '../../../../shared/api/computers.js';
import type { ComputerDirectory } from '../../computers/computer-directory.js';
import { notFound } from '../../errors.js';
import type { AgentGateway } from '../../gateway/agent-gateway.js';
import type { ScheduleView } from '../../scheduler/schedule-view.js';
import type { Handlers } from '../handlers.js';

export function computerHandlers(s: { computers: ComputerDirectory; gateway: AgentGateway; schedule: ScheduleView }): Handlers<keyof typeof computersApi> {
  const get = (id: string) => {
    const computer = s.computers.get(id);
    if (!computer) throw notFound('computer', id);
    return computer;
  };
  return {
    'computers.list': ({ tenantId }) => ({ items: s.computers.list(tenantId) }),
    'computers.get': ({ id }) => get(id),
    'computers.rename': ({ id, name }) => {
      get(id);
      return s.computers.rename(id, name)!;
    },
    'computers.revoke': ({ id }) => {
      if (!s.computers.revoke(id)) throw notFound('computer', id);
      s.gateway.disconnect(id, 'revoked by the technician');
      return { id, revoked: true as const };
    },
    'computers.effectiveWindow': ({ computerId }) => {
      if (!s.computers.get(computerId)) throw notFound('computer', computerId, 'computerId');
      return s.schedule.effectiveWindow(computerId);
    },
  };
}
