// A computer's desired state, read-only: which deployment wins for each item and why (explain), and
// the plan a session would make now (preview: its agent detects, nothing is written or changed).
import type { ApiOutput } from '../../../shared/api/contract.js';
import type { CommandBody } from '../../../shared/protocol/agent.js';
import { newId } from '../../../shared/ids.js';
import type { ComputerDirectory } from '../computers/computer-directory.js';
import { ApiError, invalid, notFound } from '../errors.js';
import type { Clock } from '../ports.js';
import { AgentUnavailableError, type AgentCommands } from '../sessions/agent-commands.js';
import type { SessionPlanner } from '../sessions/session-planner.js';

export interface ComputerPlanDeps {
  planner: SessionPlanner;
  computers: ComputerDirectory;
  commands: AgentCommands;
  isOnline: (computerId: string) => boolean;
  itemName: (kind: 'software' | 'task', id: string) => string | undefined;
  deploymentExists: (id: string) => boolean;
  clock: Clock;
}

export class ComputerPlanService {
  /** Aborted at shutdown so a preview waiting on an agent ends at once. */
  private readonly stopping = new AbortController();

  constructor(private readonly deps: ComputerPlanDeps) {}

  private computer(id: string) {
    const computer = this.deps.computers.stored(id);
    if (!computer) throw notFound('computer', id, 'computerId');
    return computer;
  }

  explain(computerId: string): ApiOutput<'deployments.explain'> {
    const computer = this.computer(computerId);
    return {
      items: this.deps.planner.resolve(computer).map((r) => ({
        item: { kind: r.itemKind, id: r.itemId, name: this.deps.itemName(r.itemKind, r.itemId) ?? r.itemId },
        winner: { deploymentId: r.winner.id, reason: r.winnerReason },
        losers: r.losers.map((l) => ({ deploymentId: l.deployment.id, reason: l.reason })),
      })),
    };
  }

  async preview(computerId: string, deploymentIds: string[] | undefined): Promise<ApiOutput<'maintenance.preview'>> {
    const computer = this.computer(computerId);
    deploymentIds?.forEach((id, i) => {
      if (!this.deps.deploymentExists(id)) throw invalid(`deploymentIds.${i}`, `deployment ${id} does not exist`);
    });
    const name = this.deps.computers.get(computerId)?.name ?? computerId;
    const offline = () => new ApiError('unavailable', `computer ${name} is offline: a plan preview needs its agent to run detection now`);
    if (!this.deps.isOnline(computerId)) throw offline();
    // No waiting for an agent that drops: the preview is for now, or it says why it cannot be.
    const run = (body: CommandBody) => this.deps.commands.run(computerId, newId(), body, { signal: this.stopping.signal, waitUntil: this.deps.clock.now() });
    try {
      const plan = await this.deps.planner.plan(computer, deploymentIds ?? null, run, () => {});
      return {
        actions: plan.actions.map((a) => ({ deploymentId: a.deploymentId, kind: a.kind, fromVersion: a.fromVersion, toVersion: a.toVersion, reason: a.reason, skipped: a.skipped, error: a.error })),
      };
    } catch (error) {
      if (error instanceof AgentUnavailableError) throw offline();
      throw error;
    }
  }

  dispose(): void {
    this.stopping.abort();
  }
}
