// The compliance screen's filters in the address bar, its looks per state, and the bar chart's
// segments: pure, tested without a browser.
import type { ComplianceRow } from '../../../shared/api/compliance.js';

export type ComplianceState = ComplianceRow['state'];

export interface ComplianceFilters {
  tenantId: string | null;
  deploymentId: string | null;
  state: ComplianceState | null;
}

export const STATE_LOOK: Record<ComplianceState, { label: string; color: string; icon: string }> = {
  compliant: { label: 'Compliant', color: 'success', icon: '$statusSucceeded' },
  'non-compliant': { label: 'Non-compliant', color: 'error', icon: '$statusFailed' },
  unknown: { label: 'Unknown', color: 'secondary', icon: '$statusWaiting' },
};

const STATES: ComplianceState[] = ['compliant', 'non-compliant', 'unknown'];

type Query = Record<string, string | null | (string | null)[] | undefined>;

function one(query: Query, key: string): string | null {
  const v = query[key];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' && first !== '' ? first : null;
}

export function complianceFromQuery(query: Query): ComplianceFilters {
  const state = one(query, 'state');
  return { tenantId: one(query, 'tenant'), deploymentId: one(query, 'deployment'), state: STATES.includes(state as ComplianceState) ? (state as ComplianceState) : null };
}

export function complianceToQuery(f: ComplianceFilters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.tenantId) q.tenant = f.tenantId;
  if (f.deploymentId) q.deployment = f.deploymentId;
  if (f.state) q.state = f.state;
  return q;
}

export interface Counts {
  compliant: number;
  nonCompliant: number;
  unknown: number;
}

export interface Bar {
  id: string;
  label: string;
  total: number;
  /** Percent widths of the compliant, non-compliant and unknown segments (sum 100 when total > 0). */
  segments: { state: ComplianceState; count: number; percent: number }[];
}

export function bars(entries: (Counts & { id: string })[], label: (id: string) => string, limit = 12): Bar[] {
  return entries.slice(0, limit).map((e) => {
    const total = e.compliant + e.nonCompliant + e.unknown;
    const pct = (n: number) => (total === 0 ? 0 : (n / total) * 100);
    return {
      id: e.id,
      label: label(e.id),
      total,
      segments: [
        { state: 'compliant' as const, count: e.compliant, percent: pct(e.compliant) },
        { state: 'non-compliant' as const, count: e.nonCompliant, percent: pct(e.nonCompliant) },
        { state: 'unknown' as const, count: e.unknown, percent: pct(e.unknown) },
      ].filter((s) => s.count > 0),
    };
  });
}

/** "87 %" of rows compliant, or "—" when there is nothing to judge. */
export function compliantShare(c: Counts): string {
  const total = c.compliant + c.nonCompliant + c.unknown;
  return total === 0 ? '—' : `${Math.floor((c.compliant / total) * 100)} %`;
}
