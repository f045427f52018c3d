// Computers: the replica's list with this screen's search, filters and selection, and running
// maintenance on a selection.
import { defineStore } from 'pinia';
import { computed, reactive, toRefs, watch } from 'vue';
import type { Priority } from '../../../shared/model/session.js';
import type { NotifyPreference } from '../../../shared/model/settings.js';
import type { Computer } from '../../../shared/model/computer.js';
import { whenIdle } from '../after-paint.js';
import { filterComputers, pageOf, sortComputers, type OnlineFilter, type SortItem } from '../logic/computer-filter.js';
import { useConsoleStore } from './console.js';
import { useTenantsStore } from './tenants.js';

export interface ComputersState {
  /** Null when the user clears the field. */
  search: string | null;
  tenantId: string | null;
  status: OnlineFilter;
  /** Selected computer ids; kept while the user pages, sorts and searches. */
  selected: string[];
  sortBy: SortItem[];
  page: number;
  perPage: number;
}

export const useComputersStore = defineStore('computers', () => {
  const core = useConsoleStore();
  const tenants = useTenantsStore();
  const state = reactive<ComputersState>({ search: '', tenantId: null, status: 'all', selected: [], sortBy: [{ key: 'name', order: 'asc' }], page: 1, perPage: 25 });

  const all = computed<Computer[]>(() => [...core.entities('computer').values()]);
  const byId = (id: string): Computer | undefined => core.entities('computer').get(id);
  const nameOf = (id: string): string => byId(id)?.name ?? 'Removed computer';
  const filtered = computed(() => filterComputers(all.value, { search: state.search ?? '', tenantId: state.tenantId, status: state.status }, tenants.nameLookup));
  // Kept in the store, so returning to the screen does not sort 10,000 computers again.
  const sorted = computed(() => sortComputers(filtered.value, state.sortBy, tenants.nameLookup));
  const pageItems = computed(() => pageOf(sorted.value, state.page, state.perPage));
  // Sorted again while the browser is idle after the list changes, so opening Computers does not
  // wait for 10,000 computers to be sorted (~25 ms of a first visit). Reading a computed that
  // nothing has changed since costs nothing.
  let sortPending = false;
  watch(all, () => {
    if (sortPending) return;
    sortPending = true;
    whenIdle(() => {
      sortPending = false;
      void pageItems.value;
    }, 2000);
  });
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

  async function runMaintenance(computerIds: string[], options: { deploymentIds?: string[]; priority: Priority; notify?: NotifyPreference }): Promise<string[]> {
    const input = {
      computerIds,
      priority: options.priority,
      ...(options.deploymentIds && options.deploymentIds.length > 0 ? { deploymentIds: options.deploymentIds } : {}),
      ...(options.notify ? { notify: options.notify } : {}),
    };
    return (await core.call('maintenance.run', input)).sessionIds;
  }

  async function rename(id: string, name: string): Promise<void> {
    await core.remember('computer', await core.call('computers.rename', { id, name }));
  }

  return { ...toRefs(state), all, byId, nameOf, filtered, sorted, pageItems, onlineCount, countsByTenant, runMaintenance, rename };
});
