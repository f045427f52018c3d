// API handlers: the compliance report, its CSV export and "take action".
import type { complianceApi } from '../../../../shared/api/compliance.js';
import type { ComplianceRow } from '../../../../shared/engine/compliance.js';
import { complianceCsv, type CsvNames } from '../../../../shared/engine/compliance-summary.js';
import type { ComplianceService } from '../../compliance/compliance-service.js';
import { invalid } from '../../errors.js';
import { isoNow, type Clock } from '../../ports.js';
import type { MaintenanceService } from '../../sessions/maintenance-service.js';
import type { Handlers } from '../handlers.js';

export interface ComplianceHandlerDeps {
  compliance: ComplianceService;
  maintenance: MaintenanceService;
  names: CsvNames;
  exists: { tenant(id: string): boolean; deployment(id: string): boolean; computer(id: string): boolean };
  clock: Clock;
}

/** Worst first, without a full sort: non-compliant, then unknown, then compliant, each in engine order. */
function worstFirst(rows: ComplianceRow[]): ComplianceRow[] {
  const bad: ComplianceRow[] = [];
  const unknown: ComplianceRow[] = [];
  const good: ComplianceRow[] = [];
  for (const r of rows) (r.state === 'non-compliant' ? bad : r.state === 'unknown' ? unknown : good).push(r);
  return bad.concat(unknown, good);
}

export function complianceHandlers(s: ComplianceHandlerDeps): Handlers<keyof typeof complianceApi> {
  const checkFilter = (f: { tenantId?: string | undefined; deploymentId?: string | undefined; computerId?: string | undefined }) => {
    if (f.tenantId !== undefined && !s.exists.tenant(f.tenantId)) throw invalid('tenantId', `tenant ${f.tenantId} does not exist`);
    if (f.deploymentId !== undefined && !s.exists.deployment(f.deploymentId)) throw invalid('deploymentId', `deployment ${f.deploymentId} does not exist`);
    if (f.computerId !== undefined && !s.exists.computer(f.computerId)) throw invalid('computerId', `computer ${f.computerId} does not exist`);
  };
  return {
    'compliance.report': (q) => {
      checkFilter(q);
      const { rows, summary, matching } = s.compliance.report(q, { state: q.state, offset: q.offset, limit: q.limit });
      return { rows, summary: { ...summary, rows: matching, computedAt: isoNow(s.clock) } };
    },
    'compliance.exportCsv': (q) => {
      checkFilter(q);
      const rows = worstFirst(s.compliance.rows(q)).filter((r) => q.state === undefined || r.state === q.state);
      const stamp = isoNow(s.clock).slice(0, 10);
      return { fileName: `steward-compliance-${stamp}.csv`, csv: complianceCsv(rows, s.names) };
    },
    'compliance.takeAction': (q) => {
      checkFilter(q);
      const targets = s.compliance.actionable(q, q.includeUnknown ? ['non-compliant', 'unknown'] : ['non-compliant']);
      const sessionIds: string[] = [];
      for (const [computerId, deploymentIds] of targets) {
        sessionIds.push(...s.maintenance.run({ computerIds: [computerId], deploymentIds, priority: q.priority }, (id) => s.exists.deployment(id)));
      }
      return { sessionIds, computers: targets.size };
    },
  };
}
