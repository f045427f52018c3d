// Compliance in the core: feeds the pure engine the computers, deployments, library and stored
// detections, and serves reports, CSV and the computers a "take action" should run maintenance on.
import type { Deployment } from '../../../shared/model/deployment.js';
import type { Software } from '../../../shared/model/software.js';
import { complianceReport, evaluateCompliance, type ComplianceInput, type ComplianceRow, type ComplianceState } from '../../../shared/engine/compliance.js';
import type { DetectionsRepo } from '../computers/detections.js';
import type { StoredComputer } from '../computers/stored-computer.js';
import type { Clock } from '../ports.js';
import type { EntityCollection } from '../store/entity-collection.js';

export interface ComplianceFilter {
  tenantId?: string | undefined;
  deploymentId?: string | undefined;
  computerId?: string | undefined;
}

export interface ComplianceDeps {
  /** Computers that are managed (not revoked). */
  computers: () => StoredComputer[];
  deployments: EntityCollection<Deployment>;
  software: EntityCollection<Software>;
  detections: DetectionsRepo;
  groupsOf: (computerId: string) => string[];
  staleAfterHours: () => number;
  clock: Clock;
}

export class ComplianceService {
  constructor(private readonly deps: ComplianceDeps) {}

  rows(filter: ComplianceFilter = {}): ComplianceRow[] {
    return evaluateCompliance(this.input(filter));
  }

  /** The roll-ups over every row and one page of rows (worst first, or of one state). */
  report(filter: ComplianceFilter, page: { state?: ComplianceState | undefined; offset: number; limit?: number | undefined }): ReturnType<typeof complianceReport> {
    return complianceReport(this.input(filter), page);
  }

  private input(filter: ComplianceFilter): ComplianceInput {
    const { deps } = this;
    // Rows come out in computer-name order, which is how the report lists them.
    const computers = deps
      .computers()
      .filter((c) => (filter.tenantId === undefined || c.tenantId === filter.tenantId) && (filter.computerId === undefined || c.id === filter.computerId))
      .map((c) => ({ id: c.id, tenantId: c.tenantId, groupIds: deps.groupsOf(c.id), key: (c.customName ?? c.hostName).toLowerCase() }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1));
    return {
      computers,
      deployments: deps.deployments.all(),
      software: (id) => deps.software.get(id),
      detections: (computerId) => deps.detections.mapOf(computerId),
      now: deps.clock.now(),
      staleAfterHours: deps.staleAfterHours(),
      deploymentId: filter.deploymentId,
    };
  }

  /** Per computer, the deployments in the given states: what "take action" runs. */
  actionable(filter: ComplianceFilter, states: ComplianceState[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of this.rows(filter)) {
      if (!states.includes(r.state)) continue;
      let list = out.get(r.computerId);
      if (!list) out.set(r.computerId, (list = []));
      list.push(r.deploymentId);
    }
    return out;
  }
}
