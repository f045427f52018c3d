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

export function summarizeCompliance(rows: readonly ComplianceRow[]): ComplianceSummary {
  const total = zero();
  const byDeployment = new Map<string, StateCounts>();
  const byTenant = new Map<string, StateCounts>();
  const offenders = new Set<string>();
  for (const r of rows) {
    bump(total, r.state);
    let d = byDeployment.get(r.deploymentId);
    if (!d) byDeployment.set(r.deploymentId, (d = zero()));
    bump(d, r.state);
    let t = byTenant.get(r.tenantId);
    if (!t) byTenant.set(r.tenantId, (t = zero()));
    bump(t, r.state);
    if (r.state === 'non-compliant') offenders.add(r.computerId);
  }
  // Worst first: the most non-compliant, then the most unknown.
  const worst = (a: StateCounts, b: StateCounts) => b.nonCompliant - a.nonCompliant || b.unknown - a.unknown;
  return {
    total,
    nonCompliantComputers: offenders.size,
    byDeployment: [...byDeployment].map(([deploymentId, c]) => ({ deploymentId, ...c })).sort((a, b) => worst(a, b) || a.deploymentId.localeCompare(b.deploymentId)),
    byTenant: [...byTenant].map(([tenantId, c]) => ({ tenantId, ...c })).sort((a, b) => worst(a, b) || a.tenantId.localeCompare(b.tenantId)),
  };
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
