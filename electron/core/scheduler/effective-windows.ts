// Which window applies to each computer: the first group in its tenant's order that has a window,
// else the tenant's window, else none. Indexes are rebuilt only when their inputs changed.
import { chooseWindow } from '../../../shared/engine/window-assignment.js';
import type { ComputerGroup } from '../../../shared/model/group.js';
import type { Tenant } from '../../../shared/model/tenant.js';
import type { StoredComputer } from '../computers/stored-computer.js';
import type { EntityCollection } from '../store/entity-collection.js';

export interface Assignment {
  windowId: string | null;
  source: 'group' | 'tenant' | 'none';
  groupId?: string;
  /** Later groups of the computer that have a window too, and lose to the first. */
  overridden: { groupId: string; windowId: string }[];
}

const NONE: Assignment = { windowId: null, source: 'none', overridden: [] };

export class EffectiveWindows {
  /** Groups each computer is in, in tenant order (same tenant only). */
  private memberOf: { version: number; map: Map<string, ComputerGroup[]> } | null = null;
  private reverse: { key: string; map: Map<string, string[]> } | null = null;
  /** Non-revoked computers and their tenants, as of the last check. */
  private known = new Map<string, string>();
  private knownVersion = -1;
  private membershipVersion = 0;

  constructor(
    private readonly tenants: EntityCollection<Tenant>,
    private readonly groups: EntityCollection<ComputerGroup>,
    private readonly computers: EntityCollection<StoredComputer>,
  ) {}

  of(computerId: string): Assignment {
    const computer = this.computers.get(computerId);
    if (!computer || computer.revoked) return NONE;
    const groups = (this.groupsByComputer().get(computerId) ?? []).filter((g) => g.tenantId === computer.tenantId);
    const choice = chooseWindow(groups, this.tenants.get(computer.tenantId)?.windowId ?? null);
    const overridden = groups.filter((g) => g.windowId !== null && g.id !== choice.groupId).map((g) => ({ groupId: g.id, windowId: g.windowId! }));
    return { ...choice, overridden };
  }

  /** Changes when a tenant's or a group's window, members or order may have changed. */
  get inputsVersion(): number {
    return this.tenants.version + this.groups.version;
  }

  /** The computers whose effective window is `windowId`. */
  computersOf(windowId: string): readonly string[] {
    return this.reverseIndex().get(windowId) ?? [];
  }

  /** Number of computers per effective window. */
  counts(): Map<string, number> {
    return new Map([...this.reverseIndex()].map(([w, list]) => [w, list.length]));
  }

  private groupsByComputer(): Map<string, ComputerGroup[]> {
    if (this.memberOf?.version === this.groups.version) return this.memberOf.map;
    const map = new Map<string, ComputerGroup[]>();
    const ordered = this.groups.all().sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    for (const g of ordered) {
      for (const c of g.computerIds) {
        let list = map.get(c);
        if (!list) map.set(c, (list = []));
        if (!list.includes(g)) list.push(g);
      }
    }
    this.memberOf = { version: this.groups.version, map };
    return map;
  }

  private reverseIndex(): Map<string, string[]> {
    this.checkComputers();
    const key = `${this.tenants.version}:${this.groups.version}:${this.membershipVersion}`;
    if (this.reverse?.key === key) return this.reverse.map;
    const map = new Map<string, string[]>();
    for (const computerId of this.known.keys()) {
      const { windowId } = this.of(computerId);
      if (windowId === null) continue;
      let list = map.get(windowId);
      if (!list) map.set(windowId, (list = []));
      list.push(computerId);
    }
    this.reverse = { key, map };
    return map;
  }

  /** Computers change often (every connection); only enrolment, revocation or a tenant move matter here. */
  private checkComputers(): void {
    if (this.knownVersion === this.computers.version) return;
    this.knownVersion = this.computers.version;
    const all = this.computers.all();
    let same = true;
    let count = 0;
    for (const c of all) {
      if (c.revoked) continue;
      count++;
      if (this.known.get(c.id) !== c.tenantId) {
        same = false;
        break;
      }
    }
    if (same && count === this.known.size) return;
    this.known = new Map(all.filter((c) => !c.revoked).map((c) => [c.id, c.tenantId]));
    this.membershipVersion++;
  }
}
