// Maintenance windows, computer groups and automated-maintenance settings: read from the replica,
// changed through the Console API. Also which window applies to each computer (same rule as the core).
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { ApiInput, ApiOutput } from '../../../shared/api/contract.js';
import { resolveAssignments } from '../../../shared/engine/window-assignment.js';
import type { ComputerGroup } from '../../../shared/model/group.js';
import { DEFAULT_SETTINGS, type AutomatedMaintenanceSettings, type SettingsPatch } from '../../../shared/model/settings.js';
import type { MaintenanceWindow } from '../../../shared/model/window.js';
import { byName } from '../logic/by-name.js';
import { useConsoleStore } from './console.js';

export const useWindowsStore = defineStore('windows', () => {
  const core = useConsoleStore();

  const list = computed<MaintenanceWindow[]>(() => byName(core.entities('window').values()));
  const byId = (id: string | null | undefined): MaintenanceWindow | undefined => (id ? core.entities('window').get(id) : undefined);
  const nameOf = (id: string | null | undefined): string => (id ? (byId(id)?.name ?? 'Removed window') : 'No window');
  const groups = computed<ComputerGroup[]>(() => [...core.entities('group').values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)));
  const groupsOf = (tenantId: string): ComputerGroup[] => groups.value.filter((g) => g.tenantId === tenantId);
  const automated = computed<AutomatedMaintenanceSettings>(() => core.entities('settings').get('global')?.automatedMaintenance ?? DEFAULT_SETTINGS.automatedMaintenance);

  /** Effective window of every computer, computers per window, and windows that share computers. */
  const assignments = computed(() =>
    resolveAssignments({ tenants: [...core.entities('tenant').values()], groups: groups.value, computers: [...core.entities('computer').values()] }),
  );

  async function create(input: ApiInput<'windows.create'>): Promise<MaintenanceWindow> {
    const created = await core.call('windows.create', input);
    await core.remember('window', created);
    return created;
  }

  async function update(id: string, input: Omit<ApiInput<'windows.update'>, 'id'>): Promise<MaintenanceWindow> {
    const updated = await core.call('windows.update', { id, ...input });
    await core.remember('window', updated);
    return updated;
  }

  async function duplicate(id: string): Promise<MaintenanceWindow> {
    const copy = await core.call('windows.duplicate', { id });
    await core.remember('window', copy);
    return copy;
  }

  async function remove(id: string): Promise<void> {
    await core.call('windows.delete', { id });
    await core.catchUp();
  }

  async function setTenantWindow(tenantId: string, windowId: string | null): Promise<void> {
    await core.remember('tenant', await core.call('tenants.update', { id: tenantId, windowId }));
  }

  async function createGroup(input: ApiInput<'groups.create'>): Promise<ComputerGroup> {
    const group = await core.call('groups.create', input);
    await core.remember('group', group);
    return group;
  }

  async function updateGroup(id: string, input: Omit<ApiInput<'groups.update'>, 'id'>): Promise<ComputerGroup> {
    const group = await core.call('groups.update', { id, ...input });
    await core.remember('group', group);
    return group;
  }

  async function removeGroup(id: string): Promise<void> {
    await core.call('groups.delete', { id });
    await core.catchUp();
  }

  async function reorderGroups(tenantId: string, groupIds: string[]): Promise<void> {
    const { items } = await core.call('groups.reorder', { tenantId, groupIds });
    for (const g of items) await core.remember('group', g);
  }

  async function updateAutomated(patch: NonNullable<SettingsPatch['automatedMaintenance']>): Promise<void> {
    await core.remember('settings', await core.call('settings.update', { automatedMaintenance: patch }));
  }

  function effectiveWindow(computerId: string): Promise<ApiOutput<'computers.effectiveWindow'>> {
    return core.call('computers.effectiveWindow', { computerId });
  }

  return { list, byId, nameOf, groups, groupsOf, automated, assignments, create, update, duplicate, remove, setTenantWindow, createGroup, updateGroup, removeGroup, reorderGroups, updateAutomated, effectiveWindow };
});
