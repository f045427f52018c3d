// A computer's plan preview and the explanation of which deployments win on it (asked on demand,
// never replicated: both are computed by the core for now).
import { defineStore } from 'pinia';
import type { ApiOutput } from '../../../shared/api/contract.js';
import { useConsoleStore } from './console.js';

export type PlanPreview = ApiOutput<'maintenance.preview'>;
export type Explanation = ApiOutput<'deployments.explain'>;

export const usePlansStore = defineStore('plans', () => {
  const core = useConsoleStore();

  const preview = (computerId: string): Promise<PlanPreview> => core.call('maintenance.preview', { computerId });
  const explain = (computerId: string): Promise<Explanation> => core.call('deployments.explain', { computerId });

  return { preview, explain };
});
