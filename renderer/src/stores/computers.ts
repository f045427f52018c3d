// Computers: the replica's list with this screen's search, filters and selection, and running
// maintenance on a selection.
import { defineStore } from 'pinia';
import { computed, reactive, toRefs } from 'vue';
import type { Priority } from '../../../shared/model/session.js';
import type { Computer } from '../../../shared/model/computer.js';
import { filterComputers, type OnlineFilter } from '../logic/computer-filter.js';
import { useConsoleStore } from './console.js';
import { useTenantsStore } from './tenants.js';

export interface ComputersState {
  /** Null when the user clears the field. */
  search: string | null;
  tenantId: string | null;
  status: OnlineFilter;
  /** Selected computer ids; kept while the user pages, sorts and searches. */
  selected: string[];
}

export const useComputersStore = defineStore('computers', () => {
  const core = useConsoleStore();
  const tenants = useTenantsStore();
  const state = reactive<ComputersState>({ search: '', tenantId: null, status: 'all', selected: [] });

  const all = computed<Computer[]>(() => [...core.entities('computer').values()]);
  const byId = (id: string): Computer | undefined => core.entities('computer').get(id);
  const nameOf = (id: string): string => byId(id)?.name ?? 'Removed computer';
  const filtered = computed(() => filterComputers(all.value, { search: state.search ?? '', tenantId: state.tenantId, status: state.status }, tenants.nameOf));
  const onlineCount = computed(() => all.value.reduce((n, c) => n + (c.online ? 1 : 0), 0));

  const countsByTenant = computed(() => {
    const counts = new Map<string, { total: number; online: number }>();
    for (const c of all.value) {
      const entry = counts.get(c.tenantId) ?? { total: 0, online: 0 };
      entry.total++;
      if (c.online) entry.online++;
      counts.set(c.tenantId, entry);
    }
    return counts;
  });

  async function runMaintenance(computerIds: string[], options: { deploymentIds?: string[]; priority: Priority }): Promise<string[]> {
    const input = { computerIds, priority: options.priority, ...(options.deploymentIds && options.deploymentIds.length > 0 ? { deploymentIds: options.deploymentIds } : {}) };
    return (await core.call('maintenance.run', input)).sessionIds;
  }

  async function rename(id: string, name: string): Promise<void> {
    await core.remember('computer', await core.call('computers.rename', { id, name }));
  }

  return { ...toRefs(state), all, byId, nameOf, filtered, onlineCount, countsByTenant, runMaintenance, rename };
});
