// Follow-ups a technician starts from a finished session: retry only what failed, or run it again.
import { isTerminal } from '../../../shared/model/session.js';
import { conflict, notFound } from '../errors.js';
import type { SessionRecord, SessionsRepo } from '../store/sessions-repo.js';
import type { MaintenanceService } from './maintenance-service.js';

export class SessionFollowUps {
  constructor(
    private readonly sessions: SessionsRepo,
    private readonly maintenance: MaintenanceService,
    private readonly deploymentExists: (id: string) => boolean,
  ) {}

  /** A new manual session limited to the deployments whose actions failed. */
  retryFailed(id: string): string {
    const session = this.finished(id);
    const failed = this.sessions.actions(id).filter((a) => a.status === 'failed' && a.deploymentId !== null);
    if (failed.length === 0) throw conflict(`session ${id} has no failed actions of a deployment to retry; re-run it instead`);
    const deploymentIds = [...new Set(failed.map((a) => a.deploymentId!))].filter(this.deploymentExists);
    if (deploymentIds.length === 0) throw conflict('the deployments of the failed actions no longer exist');
    return this.start(session, deploymentIds);
  }

  /** A new manual session for the same computer with the same deployment choice. */
  rerun(id: string): string {
    const session = this.finished(id);
    if (session.deploymentIds === null) return this.start(session, undefined);
    const deploymentIds = session.deploymentIds.filter(this.deploymentExists);
    if (deploymentIds.length === 0) throw conflict('none of the deployments chosen for this session exist any more');
    return this.start(session, deploymentIds);
  }

  private finished(id: string): SessionRecord {
    const session = this.sessions.get(id);
    if (!session) throw notFound('session', id);
    if (!isTerminal(session.status)) throw conflict(`session ${id} is still ${session.status}: wait for it to end or cancel it`);
    return session;
  }

  private start(session: SessionRecord, deploymentIds: string[] | undefined): string {
    const [sessionId] = this.maintenance.run(
      { computerIds: [session.computerId], deploymentIds, priority: session.priority, notify: session.trigger === 'manual' ? session.notify : 'failure' },
      this.deploymentExists,
    );
    if (!sessionId) throw conflict('the session could not be queued');
    return sessionId;
  }
}
