// Bulk resolution for many computers: the deployments indexed once by target, then each computer's
// winners found without building explanations. Gives the same winners as resolveDeployments
// (checked by a property test); the explanation path stays in precedence.ts.
import type { TargetKind } from '../model/deployment.js';
import { itemOf, type ItemKind, type PrecedenceComputer, type PrecedenceDeployment } from './precedence.js';

export interface IndexEntry<D> {
  deployment: D;
  item: number;
  stateRank: number;
  changedAt: number;
}
type Entry<D> = IndexEntry<D>;

export interface Winner<D> {
  itemKind: ItemKind;
  itemId: string;
  deployment: D;
  level: TargetKind;
}

const LEVELS: readonly TargetKind[] = ['all', 'tenant', 'group', 'computer'];

function stateRank(d: PrecedenceDeployment): number {
  return d.desiredState === 'ignore' ? 2 : d.desiredState === 'uninstalled' ? 1 : 0;
}

/** True when a (at level la) beats b (at level lb): level, then state, then change time, then id. */
function beats<D extends PrecedenceDeployment>(a: Entry<D>, la: number, b: Entry<D>, lb: number): boolean {
  if (la !== lb) return la > lb;
  if (a.stateRank !== b.stateRank) return a.stateRank > b.stateRank;
  if (a.changedAt !== b.changedAt) return a.changedAt > b.changedAt;
  return a.deployment.id > b.deployment.id;
}

export class DeploymentIndex<D extends PrecedenceDeployment> {
  private readonly items: { kind: ItemKind; id: string; key: string }[] = [];
  private readonly everyone: Entry<D>[] = [];
  private readonly byTenant = new Map<string, Entry<D>[]>();
  private readonly byGroup = new Map<string, Entry<D>[]>();
  private readonly byComputer = new Map<string, Entry<D>[]>();
  // Per-item scratch space reused across computers; a stamp marks what this computer touched.
  private readonly best: (Entry<D> | null)[];
  private readonly bestLevel: Int8Array;
  private readonly stamp: Uint32Array;
  private current = 0;

  constructor(deployments: readonly D[]) {
    const itemIndex = new Map<string, number>();
    for (const d of deployments) {
      if (!d.enabled) continue;
      const item = itemOf(d);
      if (!item) continue;
      const key = `${item.kind}:${item.id}`;
      let index = itemIndex.get(key);
      if (index === undefined) {
        index = this.items.length;
        itemIndex.set(key, index);
        this.items.push({ ...item, key });
      }
      const entry: Entry<D> = { deployment: d, item: index, stateRank: stateRank(d), changedAt: Date.parse(d.updatedAt) };
      for (const t of d.targets) {
        if (t.kind === 'all') this.everyone.push(entry);
        else push(t.kind === 'tenant' ? this.byTenant : t.kind === 'group' ? this.byGroup : this.byComputer, t.id!, entry);
      }
    }
    this.best = new Array<Entry<D> | null>(this.items.length).fill(null);
    this.bestLevel = new Int8Array(this.items.length);
    this.stamp = new Uint32Array(this.items.length);
  }

  get itemCount(): number {
    return this.items.length;
  }

  /** The winning deployment of every item that targets the computer. */
  winners(computer: PrecedenceComputer): Winner<D>[] {
    const out: Winner<D>[] = [];
    this.forEachWinner(computer, (e, level) => {
      const item = this.items[e.item]!;
      out.push({ itemKind: item.kind, itemId: item.id, deployment: e.deployment, level: LEVELS[level]! });
    });
    return out;
  }

  /** The item (kind, id and `kind:id` key) an entry belongs to. */
  itemOf(entry: IndexEntry<D>): { kind: ItemKind; id: string; key: string } {
    return this.items[entry.item]!;
  }

  /** Calls `fn` with each winning entry and its level (0 all … 3 computer), without allocating per item. */
  forEachWinner(computer: PrecedenceComputer, fn: (entry: IndexEntry<D>, level: number) => void): void {
    this.current = (this.current + 1) >>> 0 || 1;
    const touched: number[] = [];
    const consider = (entries: readonly Entry<D>[] | undefined, level: number) => {
      if (!entries) return;
      for (const e of entries) {
        if (this.stamp[e.item] !== this.current) {
          this.stamp[e.item] = this.current;
          this.best[e.item] = e;
          this.bestLevel[e.item] = level;
          touched.push(e.item);
        } else if (beats(e, level, this.best[e.item]!, this.bestLevel[e.item]!)) {
          this.best[e.item] = e;
          this.bestLevel[e.item] = level;
        }
      }
    };
    consider(this.byComputer.get(computer.id), 3);
    for (const g of computer.groupIds) consider(this.byGroup.get(g), 2);
    consider(this.byTenant.get(computer.tenantId), 1);
    consider(this.everyone, 0);
    for (const i of touched) fn(this.best[i]!, this.bestLevel[i]!);
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
