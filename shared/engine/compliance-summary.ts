// Roll-ups of compliance rows: totals, per deployment and per tenant (what the chart shows), and
// the CSV a technician exports.
import type { ComplianceRow, ComplianceState } from './compliance.js';

export interface StateCounts {
  compliant: number;
  nonCompliant: number;
  unknown: number;
}

export interface ComplianceSummary {
  total: StateCounts;
  /** Computers with at least one non-compliant row. */
  nonCompliantComputers: number;
  byDeployment: ({ deploymentId: string } & StateCounts)[];
  byTenant: ({ tenantId: string } & StateCounts)[];
}

const zero = (): StateCounts => ({ compliant: 0, nonCompliant: 0, unknown: 0 });

function bump(counts: StateCounts, state: ComplianceState): void {
  if (state === 'compliant') counts.compliant++;
  else if (state === 'non-compliant') counts.nonCompliant++;
  else counts.unknown++;
}

/** Counts rows as they are produced, so the roll-ups need not keep the rows. */
export class ComplianceTally {
  private readonly total = zero();
  private readonly byDeployment = new Map<string, StateCounts>();
  private readonly byTenant = new Map<string, StateCounts>();
  private readonly offenders = new Set<string>();

  add(computerId: string, tenantId: string, deploymentId: string, state: ComplianceState): void {
    this.addTo(computerId, this.tenant(tenantId), this.deployment(deploymentId), state);
  }

  /** The counters of one deployment or tenant, for callers that look them up once and add many rows. */
  deployment(id: string): StateCounts {
    let d = this.byDeployment.get(id);
    if (!d) this.byDeployment.set(id, (d = zero()));
    return d;
  }

  tenant(id: string): StateCounts {
    let t = this.byTenant.get(id);
    if (!t) this.byTenant.set(id, (t = zero()));
    return t;
  }

  addTo(computerId: string, tenant: StateCounts, deployment: StateCounts, state: ComplianceState): void {
    bump(this.total, state);
    bump(deployment, state);
    bump(tenant, state);
    if (state === 'non-compliant') this.offenders.add(computerId);
  }

  summary(): ComplianceSummary {
    // Worst first: the most non-compliant, then the most unknown.
    const worst = (a: StateCounts, b: StateCounts) => b.nonCompliant - a.nonCompliant || b.unknown - a.unknown;
    return {
      total: { ...this.total },
      nonCompliantComputers: this.offenders.size,
      byDeployment: [...this.byDeployment].map(([deploymentId, c]) => ({ deploymentId, ...c })).sort((a, b) => worst(a, b) || a.deploymentId.localeCompare(b.deploymentId)),
      byTenant: [...this.byTenant].map(([tenantId, c]) => ({ tenantId, ...c })).sort((a, b) => worst(a, b) || a.tenantId.localeCompare(b.tenantId)),
    };
  }
}

export function summarizeCompliance(rows: readonly ComplianceRow[]): ComplianceSummary {
  const tally = new ComplianceTally();
  for (const r of rows) tally.add(r.computerId, r.tenantId, r.deploymentId, r.state);
  return tally.summary();
}

export interface CsvNames {
  computer(id: string): string;
  tenant(id: string): string;
  deployment(id: string): string;
}

/** One CSV field: quoted when it holds a comma, quote or line break; formula starts are defused. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function complianceCsv(rows: readonly ComplianceRow[], names: CsvNames): string {
  const lines = ['tenant,computer,deployment,state,detail,detected_at,computer_id,deployment_id'];
  for (const r of rows) {
    lines.push(
      [names.tenant(r.tenantId), names.computer(r.computerId), names.deployment(r.deploymentId), r.state, r.detail, r.detectedAt ?? '', r.computerId, r.deploymentId]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
