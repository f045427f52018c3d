// API handlers: the queue view (what waits, and why) and the scheduler's journal of openings.
import type { maintenanceApi } from '../../../../shared/api/maintenance.js';
import type { ComputerDirectory } from '../../computers/computer-directory.js';
import type { OpeningsJournal } from '../../scheduler/openings-journal.js';
import type { ScheduleView } from '../../scheduler/schedule-view.js';
import type { MaintenanceService } from '../../sessions/maintenance-service.js';
import type { Handlers } from '../handlers.js';

export function maintenanceHandlers(s: {
  maintenance: MaintenanceService;
  computers: ComputerDirectory;
  schedule: ScheduleView;
  journal: OpeningsJournal;
  automatedEnabled: () => boolean;
}): Handlers<keyof typeof maintenanceApi> {
  return {
    'maintenance.queue': ({ limit }) => {
      const { total, items } = s.maintenance.waiting(limit);
      return {
        running: s.maintenance.runningCount,
        limit: s.maintenance.maxConcurrentSessions,
        total,
        items: items.map(({ session, queueClass, online, computerBusy }, i) => {
          const computer = s.computers.stored(session.computerId);
          return {
            position: i + 1,
            sessionId: session.id,
            computerId: session.computerId,
            computerName: computer ? (computer.customName ?? computer.hostName) : session.computerId,
            tenantId: session.tenantId,
            queueClass,
            trigger: session.trigger,
            priority: session.priority,
            status: session.status,
            waitingFor: !online ? ('agent' as const) : computerBusy ? ('computer-busy' as const) : ('slot' as const),
            windowId: session.windowId,
            deadline: session.deadline,
            createdAt: session.createdAt,
          };
        }),
        upcoming: s.schedule.upcoming(20),
        automatedEnabled: s.automatedEnabled(),
      };
    },
    'scheduler.openings': ({ windowId, limit }) => ({ items: s.journal.recent(limit, windowId) }),
  };
}
