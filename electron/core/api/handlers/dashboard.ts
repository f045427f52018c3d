// API handlers: the dashboard.
import type { dashboardApi } from '../../../../shared/api/dashboard.js';
import type { DashboardService } from '../../dashboard/dashboard-service.js';
import type { Handlers } from '../handlers.js';

export function dashboardHandlers(s: { dashboard: DashboardService }): Handlers<keyof typeof dashboardApi> {
  return {
    'dashboard.summary': ({ tenantId }) => s.dashboard.summary(tenantId),
  };
}
