// The dashboard's numbers, computed from the store in a few indexed queries.
import type { ApiOutput } from '../../../shared/api/contract.js';
import type { UpcomingWindow } from '../../../shared/api/dashboard.js';
import type { ComplianceService } from '../compliance/compliance-service.js';
import type { Clock } from '../ports.js';
import type { Database } from '../store/database.js';
import type { SessionList } from '../store/session-list.js';
import { summaryOf, toSession } from '../store/sessions-repo.js';
import type { NameLookup } from '../sessions/session-listing.js';

/** The next window occurrences from now that apply to at least one computer (the scheduler's view). */
export type UpcomingWindows = (now: number, limit: number) => UpcomingWindow[];

export interface DashboardDeps {
  db: Database;
  list: SessionList;
  names: NameLookup;
  computers: (tenantId?: string) => { online: boolean }[];
  compliance: ComplianceService;
  upcomingWindows: UpcomingWindows;
  clock: Clock;
}

const ATTENTION_DAYS = 7;
/** Compliance over every computer is the dashboard's one heavy number: reuse it for a minute. */
const COMPLIANCE_TTL_MS = 60_000;

export class DashboardService {
  private complianceCache = new Map<string, { at: number; value: ApiOutput<'dashboard.summary'>['compliance'] }>();

  constructor(private readonly deps: DashboardDeps) {}

  summary(tenantId: string | undefined): ApiOutput<'dashboard.summary'> {
    const { deps } = this;
    const now = deps.clock.now();
    const computers = deps.computers(tenantId);
    const online = computers.filter((c) => c.online).length;
    const last24h = deps.list.countsByStatus({ from: new Date(now - 86_400_000).toISOString(), ...(tenantId ? { tenantId } : {}) });
    const active = deps.list.countsByStatus(tenantId ? { tenantId } : {});
    const attention = this.attention(now, tenantId);
    return {
      computers: { total: computers.length, online, offline: computers.length - online },
      sessionsLast24h: last24h,
      active: active.queued + active['waiting-for-agent'] + active['in-progress'],
      attention: attention.items,
      attentionComputers: attention.computers,
      compliance: this.compliance(now, tenantId),
      nextWindows: deps.upcomingWindows(now, 5),
    };
  }

  private attention(now: number, tenantId: string | undefined): { items: ApiOutput<'dashboard.summary'>['attention']; computers: number } {
    const since = new Date(now - ATTENTION_DAYS * 86_400_000).toISOString();
    const rows = this.deps.db
      .prepare(
        `SELECT s.* FROM sessions s
         WHERE s.status IN ('failed', 'incomplete') AND s.created_at >= ? AND (? IS NULL OR s.tenant_id = ?)
           AND NOT EXISTS (SELECT 1 FROM sessions t WHERE t.computer_id = s.computer_id AND t.status = 'completed' AND t.created_at > s.created_at)
         ORDER BY s.created_at DESC, s.id DESC`,
      )
      .all(since, tenantId ?? null, tenantId ?? null);
    const seen = new Set<string>();
    const latest = rows.map(toSession).filter((s) => !seen.has(s.computerId) && seen.add(s.computerId));
    const items = latest.slice(0, 10).map((s) => ({ ...summaryOf(s), computerName: this.deps.names.computerName(s.computerId), tenantName: this.deps.names.tenantName(s.tenantId) }));
    return { items, computers: latest.length };
  }

  private compliance(now: number, tenantId: string | undefined): ApiOutput<'dashboard.summary'>['compliance'] {
    const key = tenantId ?? '*';
    const cached = this.complianceCache.get(key);
    if (cached && now - cached.at < COMPLIANCE_TTL_MS && now >= cached.at) return cached.value;
    const { summary: s } = this.deps.compliance.report(tenantId ? { tenantId } : {}, { offset: 0, limit: 0 });
    const value = { ...s.total, nonCompliantComputers: s.nonCompliantComputers, computedAt: new Date(now).toISOString() };
    this.complianceCache.set(key, { at: now, value });
    return value;
  }
}
