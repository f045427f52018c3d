// API handlers: a computer's plan preview and the explanation of which deployments win.
import type { previewApi } from '../../../../shared/api/preview.js';
import type { ComputerPlanService } from '../../library/computer-plan.js';
import type { Handlers } from '../handlers.js';

export function planningHandlers(s: { plans: ComputerPlanService }): Handlers<keyof typeof previewApi | 'deployments.explain'> {
  return {
    'maintenance.preview': ({ computerId, deploymentIds }) => s.plans.preview(computerId, deploymentIds),
    'deployments.explain': ({ computerId }) => s.plans.explain(computerId),
  };
}
