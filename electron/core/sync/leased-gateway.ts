// The agent gateway as the maintenance service sees it when the console is in a team: a computer
// counts as available only while its agent is connected here AND this console holds its lease, so
// two consoles never start sessions on one computer.
import type { AgentGateway } from '../gateway/agent-gateway.js';
import type { ComputerLeases } from './computer-leases.js';

type Listener = (link: { computerId: string }) => void;

/** What the maintenance service needs to know about agents being reachable. */
export interface AgentAvailability {
  isOnline(computerId: string): boolean;
  onConnect(listener: Listener): { dispose(): void };
  onDisconnect(listener: Listener): { dispose(): void };
}

export class LeasedGateway implements AgentAvailability {
  constructor(
    private readonly gateway: AgentGateway,
    private readonly leases: ComputerLeases,
  ) {}

  isOnline(computerId: string): boolean {
    return this.gateway.isOnline(computerId) && this.leases.mayRun(computerId);
  }

  onConnect(listener: Listener): { dispose(): void } {
    const a = this.gateway.onConnect((link) => {
      if (this.leases.mayRun(link.computerId)) listener(link);
    });
    const b = this.leases.onChange((computerId, held) => {
      if (held && this.gateway.isOnline(computerId)) listener({ computerId });
    });
    return { dispose: () => (a.dispose(), b.dispose()) };
  }

  onDisconnect(listener: Listener): { dispose(): void } {
    const a = this.gateway.onDisconnect((link) => listener(link));
    const b = this.leases.onChange((computerId, held) => {
      if (!held && this.gateway.isOnline(computerId)) listener({ computerId });
    });
    return { dispose: () => (a.dispose(), b.dispose()) };
  }
}
