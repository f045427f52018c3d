// Tenants and their enrollment tokens: read from the replica, changed through the Console API.
import { defineStore } from 'pinia';
import { computed, reactive, toRefs } from 'vue';
import type { ApiOutput } from '../../../shared/api/contract.js';
import type { EnrollmentTokenInfo } from '../../../shared/model/enrollment.js';
import type { Tenant } from '../../../shared/model/tenant.js';
import { byName } from '../logic/by-name.js';
import { useConsoleStore } from './console.js';

export type NewEnrollment = ApiOutput<'enrollment.createToken'>;

export interface TenantsState {
  /** Enrollment tokens by tenant id, loaded when a tenant's enrollment dialog opens. */
  tokens: Record<string, EnrollmentTokenInfo[]>;
}

export const useTenantsStore = defineStore('tenants', () => {
  const core = useConsoleStore();
  const state = reactive<TenantsState>({ tokens: {} });

  const list = computed<Tenant[]>(() => byName(core.entities('tenant').values()));
  const byId = (id: string): Tenant | undefined => core.entities('tenant').get(id);
  /** A plain function over the current tenants, for loops over thousands of rows (no store proxy per call). */
  const nameLookup = computed(() => {
    const map = core.entities('tenant');
    return (id: string): string => map.get(id)?.name ?? 'Unknown tenant';
  });
  const nameOf = (id: string): string => nameLookup.value(id);

  async function create(name: string): Promise<Tenant> {
    const tenant = await core.call('tenants.create', { name });
    await core.remember('tenant', tenant);
    return tenant;
  }

  async function rename(id: string, name: string): Promise<Tenant> {
    const tenant = await core.call('tenants.update', { id, name });
    await core.remember('tenant', tenant);
    return tenant;
  }

  async function loadTokens(tenantId: string): Promise<void> {
    state.tokens[tenantId] = (await core.call('enrollment.listTokens', { tenantId })).items;
  }

  async function createEnrollment(tenantId: string, expiresInHours: number, maxUses: number | null): Promise<NewEnrollment> {
    const created = await core.call('enrollment.createToken', { tenantId, expiresInHours, maxUses });
    await loadTokens(tenantId).catch(() => undefined);
    return created;
  }

  async function revokeToken(tenantId: string, id: string): Promise<void> {
    await core.call('enrollment.revokeToken', { id });
    await loadTokens(tenantId);
  }

  return { ...toRefs(state), list, byId, nameOf, nameLookup, create, rename, loadTokens, createEnrollment, revokeToken };
});
