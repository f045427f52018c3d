// Manual runs in a team: computers this console serves run here; those another console serves are
// forwarded to it through the relay, or refused with the reason when it cannot be reached. Runs
// forwarded to this console are checked against its own leases before anything is queued.
import type { RunOutcome, RunRequest } from '../../../shared/sync/relay-api.js';
import type { Priority } from '../../../shared/model/session.js';
import type { NotifyPreference } from '../../../shared/model/settings.js';
import { ApiError, invalid } from '../errors.js';
import type { Logger } from '../ports.js';
import type { ComputerLeases } from './computer-leases.js';
import { RelayCallError } from './relay-http.js';
import type { SyncClient } from './sync-client.js';
import type { TeamMeta } from './team-config.js';

export interface RunInput {
  computerIds: string[];
  deploymentIds?: string[] | undefined;
  priority: Priority;
  /** Desktop notification when the session ends (on the console that runs it). */
  notify?: NotifyPreference | undefined;
}

export interface RunAnswer {
  sessionIds: string[];
  refused?: { computerId: string; reason: string }[];
}

export interface LocalRunner {
  /** The maintenance service's own manual run (validates and queues). */
  run(input: RunInput): string[];
  computerExists(id: string): boolean;
  deploymentExists(id: string): boolean;
}

export class TeamRuns {
  constructor(
    private readonly team: TeamMeta,
    private readonly leases: ComputerLeases,
    private readonly sync: SyncClient,
    private readonly local: LocalRunner,
    private readonly consoleId: string,
    private readonly logger: Logger,
  ) {}

  async run(input: RunInput): Promise<RunAnswer> {
    const config = this.team.config;
    if (!config || config.revoked) return { sessionIds: this.local.run(input) };
    input.computerIds.forEach((id, i) => {
      if (!this.local.computerExists(id)) throw invalid(`computerIds.${i}`, `computer ${id} does not exist`);
    });
    input.deploymentIds?.forEach((id, i) => {
      if (!this.local.deploymentExists(id)) throw invalid(`deploymentIds.${i}`, `deployment ${id} does not exist`);
    });
    const unique = [...new Set(input.computerIds)];
    const sessions = new Map<string, string>();
    const refused = new Map<string, string>();
    const here = unique.filter((id) => this.leases.mayRun(id));
    const elsewhere = unique.filter((id) => !this.leases.mayRun(id));
    if (elsewhere.length > 0) {
      const relay = this.sync.relay;
      try {
        if (!relay) throw new RelayCallError(0, 'unreachable', 'not connected to the relay');
        const answer = await relay.forwardRun({ computerIds: elsewhere, ...(input.deploymentIds ? { deploymentIds: input.deploymentIds } : {}), priority: input.priority, ...(input.notify ? { notify: input.notify } : {}) });
        for (const result of answer.results) {
          if (result.sessionId) sessions.set(result.computerId, result.sessionId);
          // Nobody serves it (its agent has not connected to any console of the team) or we do: queue it here.
          else if (result.consoleId === null || result.consoleId === this.consoleId || this.leases.mayRun(result.computerId)) here.push(result.computerId);
          else refused.set(result.computerId, result.refused ?? 'refused');
        }
      } catch (error) {
        if (!(error instanceof RelayCallError)) throw error;
        for (const id of elsewhere) {
          const holder = this.leases.holder(id);
          if (holder) refused.set(id, `${holder.name}'s console serves this computer, and the relay cannot be reached to ask it: the run was not started`);
          else here.push(id);
        }
      }
    }
    const localIds = here.length > 0 ? this.local.run({ ...input, computerIds: here }) : [];
    here.forEach((id, i) => {
      if (localIds[i]) sessions.set(id, localIds[i]);
    });
    const sessionIds = unique.map((id) => sessions.get(id)).filter((id): id is string => id !== undefined);
    const refusals = [...refused].map(([computerId, reason]) => ({ computerId, reason }));
    // 409, not 503: the console answered; it is the computer's serving console that cannot be reached.
    if (sessionIds.length === 0 && refusals.length > 0) throw new ApiError('conflict', refusals.map((r) => r.reason).join('; '));
    return refusals.length > 0 ? { sessionIds, refused: refusals } : { sessionIds };
  }

  /** A run another member asked for: only on computers this console serves. */
  runForwarded(request: RunRequest, from: { memberId: string; name: string }): Promise<RunOutcome> {
    const notMine = request.computerIds.filter((id) => !this.leases.mayRun(id));
    if (notMine.length > 0) return Promise.resolve({ refused: `this console does not serve computer ${notMine[0]}` });
    try {
      const sessionIds = this.local.run({ computerIds: request.computerIds, deploymentIds: request.deploymentIds, priority: request.priority, notify: request.notify });
      this.logger.info('queued a run a teammate asked for', { from: from.name, computers: request.computerIds.length });
      return Promise.resolve({ sessionIds });
    } catch (error) {
      return Promise.resolve({ refused: (error as Error).message });
    }
  }
}
