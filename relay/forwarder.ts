// Forwards a manual run to the console that serves each computer and waits for its answer; when
// that console is offline (or does not answer) the run is refused with the reason, never queued blind.
import type { ForwardResponse, RunOutcome, RunRequest } from '../shared/sync/relay-api.js';
import type { RelayBus } from './sql/driver.js';
import type { ForwardStore } from './store/forward-store.js';
import type { LeaseStore } from './store/lease-store.js';
import type { MemberRecord } from './store/members-store.js';

type Result = ForwardResponse['results'][number];

export class Forwarder {
  private readonly waiting = new Map<string, () => void>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly leases: LeaseStore,
    private readonly forwards: ForwardStore,
    private readonly bus: RelayBus,
    private readonly timeoutMs = 15_000,
  ) {
    this.subscription = bus.subscribe((event) => {
      if (event.type === 'forward-reply') this.waiting.get(event.id)?.();
    });
  }

  async forward(member: MemberRecord, request: RunRequest, now: number): Promise<ForwardResponse> {
    const computerIds = [...new Set(request.computerIds)];
    const holders = await this.leases.holdersOf(computerIds, now);
    const results = new Map<string, Result>();
    const groups = new Map<string, string[]>();
    const refuse = (computerId: string, reason: string, consoleId: string | null) => results.set(computerId, { computerId, sessionId: null, refused: reason, consoleId });
    for (const computerId of computerIds) {
      const holder = holders.get(computerId);
      if (!holder) refuse(computerId, 'no console of the team serves this computer', null);
      else if (holder.consoleId === member.consoleId) refuse(computerId, 'this console serves the computer itself: run it there', holder.consoleId);
      else if (!holder.online) refuse(computerId, `${holder.memberName}'s console serves this computer and is offline: the run was not started`, holder.consoleId);
      else groups.set(holder.consoleId, [...(groups.get(holder.consoleId) ?? []), computerId]);
    }
    await Promise.all(
      [...groups].map(async ([consoleId, ids]) => {
        const name = holders.get(ids[0]!)!.memberName;
        const outcome = await this.ask(consoleId, { ...request, computerIds: ids }, { memberId: member.id, name: member.name }, now);
        ids.forEach((computerId, i) => {
          if (outcome === null) refuse(computerId, `${name}'s console did not answer in time: the run may not have started`, consoleId);
          else if ('refused' in outcome) refuse(computerId, `${name}'s console refused: ${outcome.refused}`, consoleId);
          else results.set(computerId, { computerId, sessionId: outcome.sessionIds[i] ?? null, refused: outcome.sessionIds[i] ? null : 'no session was created', consoleId });
        });
      }),
    );
    return { results: computerIds.map((id) => results.get(id)!) };
  }

  private async ask(consoleId: string, request: RunRequest, from: { memberId: string; name: string }, now: number): Promise<RunOutcome | null> {
    const id = await this.forwards.create(consoleId, request, from, now);
    const answered = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.timeoutMs);
      this.waiting.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    try {
      await this.bus.publish({ type: 'forward', id, consoleId });
      await answered;
      return await this.forwards.outcome(id);
    } finally {
      this.waiting.delete(id);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    for (const resolve of this.waiting.values()) resolve();
  }
}
