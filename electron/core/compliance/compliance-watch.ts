// Remembers each computer × deployment's last compliance state, so a notification fires when a
// deployment becomes non-compliant, not again after every session while it stays so.
import type { Database } from '../store/database.js';
import { text } from '../store/row.js';
import type { ComplianceService } from './compliance-service.js';

export interface NewIssue {
  deploymentId: string;
  detail: string;
}

export class ComplianceWatch {
  constructor(
    private readonly db: Database,
    private readonly compliance: ComplianceService,
  ) {}

  /** Records the computer's current states and returns the deployments newly non-compliant. */
  update(computerId: string, at: string): NewIssue[] {
    const before = new Map<string, string>();
    for (const r of this.db.prepare('SELECT deployment_id, state FROM compliance_states WHERE computer_id = ?').all(computerId)) before.set(text(r.deployment_id), text(r.state));
    const rows = this.compliance.rows({ computerId });
    const issues: NewIssue[] = [];
    const upsert = this.db.prepare(
      `INSERT INTO compliance_states (computer_id, deployment_id, state, detail, changed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (computer_id, deployment_id) DO UPDATE SET state = excluded.state, detail = excluded.detail,
       changed_at = CASE WHEN compliance_states.state = excluded.state THEN compliance_states.changed_at ELSE excluded.changed_at END`,
    );
    this.db.tx(() => {
      for (const r of rows) {
        if (r.state === 'non-compliant' && before.get(r.deploymentId) !== 'non-compliant') issues.push({ deploymentId: r.deploymentId, detail: r.detail });
        upsert.run(computerId, r.deploymentId, r.state, r.detail, at);
        before.delete(r.deploymentId);
      }
      // Deployments that no longer apply are forgotten, so they count as new if they come back broken.
      for (const gone of before.keys()) this.db.prepare('DELETE FROM compliance_states WHERE computer_id = ? AND deployment_id = ?').run(computerId, gone);
    });
    return issues;
  }
}
