// Deployments: read from the replica, created and changed through the Console API.
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { ApiInput } from '../../../shared/api/contract.js';
import type { Deployment } from '../../../shared/model/deployment.js';
import { byName } from '../logic/by-name.js';
import type { Lookups } from '../logic/deployment-text.js';
import { useConsoleStore } from './console.js';

export type DeploymentInput = Omit<ApiInput<'deployments.create'>, 'taskId' | 'mode' | 'parameters'>;

export const useDeploymentsStore = defineStore('deployments', () => {
  const core = useConsoleStore();

  const list = computed<Deployment[]>(() => byName(core.entities('deployment').values()));
  const byId = (id: string): Deployment | undefined => core.entities('deployment').get(id);
  const lookups: Lookups = {
    tenant: (id) => core.entities('tenant').get(id),
    computer: (id) => core.entities('computer').get(id),
    software: (id) => core.entities('software').get(id),
  };

  async function create(input: DeploymentInput): Promise<Deployment> {
    const created = await core.call('deployments.create', input);
    await core.remember('deployment', created);
    return created;
  }

  async function update(id: string, input: Omit<DeploymentInput, 'softwareId'>): Promise<Deployment> {
    const updated = await core.call('deployments.update', { id, ...input });
    await core.remember('deployment', updated);
    return updated;
  }

  async function setEnabled(id: string, enabled: boolean): Promise<void> {
    await core.remember('deployment', await core.call('deployments.update', { id, enabled }));
  }

  async function remove(id: string): Promise<void> {
    await core.call('deployments.delete', { id });
    await core.catchUp();
  }

  return { list, byId, lookups, create, update, setEnabled, remove };
});
