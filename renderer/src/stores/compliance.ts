// Compliance per computer × winning deployment: the report's summary and one page of rows, read
// from the core (it is computed there, over every computer), plus export and "take action".
import { defineStore } from 'pinia';
import { reactive, toRefs } from 'vue';
import type { ApiInput, ApiOutput } from '../../../shared/api/contract.js';
import type { ComplianceRow, ComplianceSummary } from '../../../shared/api/compliance.js';
import type { Priority } from '../../../shared/model/session.js';
import { toBridgeError } from '../bridge/bridge-error.js';
import type { ComplianceFilters } from '../logic/compliance-view.js';
import { saveText } from '../composables/save-text.js';
import { useConsoleStore } from './console.js';

export interface ComplianceStoreState {
  filters: ComplianceFilters;
  page: number;
  perPage: number;
  rows: ComplianceRow[];
  summary: ComplianceSummary | null;
  loading: boolean;
  error: string | null;
}

function filterInput(f: ComplianceFilters) {
  return { ...(f.tenantId ? { tenantId: f.tenantId } : {}), ...(f.deploymentId ? { deploymentId: f.deploymentId } : {}) };
}

export const useComplianceStore = defineStore('compliance', () => {
  const core = useConsoleStore();
  const state = reactive<ComplianceStoreState>({ filters: { tenantId: null, deploymentId: null, state: null }, page: 1, perPage: 25, rows: [], summary: null, loading: false, error: null });
  let request = 0;

  async function load(page = state.page): Promise<void> {
    const mine = ++request;
    state.loading = true;
    try {
      const input: ApiInput<'compliance.report'> = { ...filterInput(state.filters), ...(state.filters.state ? { state: state.filters.state } : {}), limit: state.perPage, offset: (page - 1) * state.perPage };
      const result = await core.call('compliance.report', input);
      if (mine !== request) return;
      state.rows = result.rows;
      state.summary = result.summary;
      state.page = page;
      state.error = null;
    } catch (error) {
      if (mine === request) state.error = toBridgeError(error).message;
    } finally {
      if (mine === request) state.loading = false;
    }
  }

  async function exportCsv(): Promise<void> {
    const file = await core.call('compliance.exportCsv', { ...filterInput(state.filters), ...(state.filters.state ? { state: state.filters.state } : {}) });
    saveText(file.fileName, file.csv, 'text/csv');
  }

  async function takeAction(options: { includeUnknown: boolean; priority: Priority }): Promise<ApiOutput<'compliance.takeAction'>> {
    return core.call('compliance.takeAction', { ...filterInput(state.filters), ...options });
  }

  return { ...toRefs(state), load, exportCsv, takeAction };
});
