// Console API: compliance per computer × winning deployment, its roll-ups, export and "take action".
import { z } from 'zod';
import { Id, IsoTime } from '../model/common.js';
import { Priority } from '../model/session.js';
import { command, query } from './method.js';

export const ComplianceState = z.enum(['compliant', 'non-compliant', 'unknown']);

export const ComplianceRow = z.object({
  computerId: Id,
  tenantId: Id,
  deploymentId: Id,
  state: ComplianceState,
  /** What differs (non-compliant), why it is not known (unknown), or what was found (compliant). */
  detail: z.string(),
  detectedAt: IsoTime.nullable(),
});
export type ComplianceRow = z.infer<typeof ComplianceRow>;

const Counts = z.object({ compliant: z.number().int(), nonCompliant: z.number().int(), unknown: z.number().int() });

export const ComplianceSummary = z.object({
  total: Counts,
  nonCompliantComputers: z.number().int(),
  byDeployment: z.array(Counts.extend({ deploymentId: Id })),
  byTenant: z.array(Counts.extend({ tenantId: Id })),
  /** Rows matching the filters, before `limit` / `offset`. */
  rows: z.number().int(),
  computedAt: IsoTime,
});
export type ComplianceSummary = z.infer<typeof ComplianceSummary>;

const ComplianceFilter = {
  tenantId: Id.optional(),
  deploymentId: Id.optional(),
  computerId: Id.optional(),
};

export const complianceApi = {
  /** Rows sort worst first (non-compliant, unknown, compliant); the summary covers every row, whatever the paging. */
  'compliance.report': query(
    z.strictObject({
      ...ComplianceFilter,
      state: ComplianceState.optional(),
      limit: z.number().int().min(1).max(1_000_000).optional(),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({ rows: z.array(ComplianceRow), summary: ComplianceSummary }),
  ),
  /** The report as CSV (what GET /api/compliance.csv?tenantId=…&deploymentId=… downloads). */
  'compliance.exportCsv': query(z.strictObject({ ...ComplianceFilter, state: ComplianceState.optional() }), z.object({ fileName: z.string(), csv: z.string() })),
  /** Runs maintenance on every non-compliant computer (and, when asked, the unknown ones), limited to those deployments. */
  'compliance.takeAction': command(
    z.strictObject({ ...ComplianceFilter, includeUnknown: z.boolean().default(false), priority: Priority.default('normal') }),
    z.object({ sessionIds: z.array(Id), computers: z.number().int() }),
  ),
} as const;
