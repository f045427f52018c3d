// A compact, columnar record of many computers' plans: numbers in typed arrays plus one table of
// strings, so a worker thread can hand 10,000 computers' plans to the main thread by transferring
// buffers instead of cloning half a million objects.
import type { ActionKind } from '../model/session.js';
import type { BulkAction, PlanSink } from './bulk-plan.js';

const KINDS: readonly ActionKind[] = ['install', 'upgrade', 'uninstall', 'run-task', 'install-updates', 'reboot'];
const NO_STRING = 0xffffffff;

export interface PlanTableData {
  strings: string[];
  /** Per computer: index of its id in `strings`, its first row, its row count, unknown and in-state counts. */
  computers: Uint32Array<ArrayBuffer>;
  /** Per action row: deployment, kind, from, to (string indexes; kind an index into the action kinds). */
  rows: Uint32Array<ArrayBuffer>;
}

export class PlanTableBuilder implements PlanSink {
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private computers = new Uint32Array(5 * 1024);
  private rows = new Uint32Array(4 * 4096);
  private computerCount = 0;
  private rowCount = 0;
  private current = -1;
  private currentId = '';

  private intern(value: string | null): number {
    if (value === null) return NO_STRING;
    let i = this.stringIndex.get(value);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(value);
      this.stringIndex.set(value, i);
    }
    return i;
  }

  /** Starts a computer's block; every sink call until the next begin belongs to it. */
  begin(computerId: string): void {
    if ((this.computerCount + 1) * 5 > this.computers.length) this.computers = grow(this.computers);
    this.current = this.computerCount++;
    this.currentId = computerId;
    const at = this.current * 5;
    this.computers[at] = this.intern(computerId);
    this.computers[at + 1] = this.rowCount;
    this.computers[at + 2] = 0;
    this.computers[at + 3] = 0;
    this.computers[at + 4] = 0;
  }

  action(computerId: string, a: BulkAction): void {
    if (computerId !== this.currentId) this.begin(computerId);
    if ((this.rowCount + 1) * 4 > this.rows.length) this.rows = grow(this.rows);
    const at = this.rowCount++ * 4;
    this.rows[at] = this.intern(a.deploymentId);
    this.rows[at + 1] = KINDS.indexOf(a.kind);
    this.rows[at + 2] = this.intern(a.fromVersion);
    this.rows[at + 3] = this.intern(a.toVersion);
    this.computers[this.current * 5 + 2]!++;
  }

  unknown(computerId: string): void {
    if (computerId !== this.currentId) this.begin(computerId);
    this.computers[this.current * 5 + 3]!++;
  }

  inDesiredState(computerId: string): void {
    if (computerId !== this.currentId) this.begin(computerId);
    this.computers[this.current * 5 + 4]!++;
  }

  finish(): PlanTableData {
    return { strings: this.strings, computers: this.computers.slice(0, this.computerCount * 5), rows: this.rows.slice(0, this.rowCount * 4) };
  }
}

function grow(array: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Reads one or more tables (one per worker) without copying them into objects until asked. */
export class PlanTable {
  constructor(private readonly parts: readonly PlanTableData[]) {}

  get computerCount(): number {
    return this.parts.reduce((n, p) => n + p.computers.length / 5, 0);
  }

  get actionCount(): number {
    return this.parts.reduce((n, p) => n + p.rows.length / 4, 0);
  }

  get unknownCount(): number {
    let n = 0;
    for (const p of this.parts) for (let i = 3; i < p.computers.length; i += 5) n += p.computers[i]!;
    return n;
  }

  /** Each computer with its actions, decoded on the way. */
  *entries(): Generator<{ computerId: string; actions: BulkAction[]; unknown: number; inDesiredState: number }> {
    for (const p of this.parts) {
      const str = (i: number) => (i === NO_STRING ? null : p.strings[i]!);
      for (let c = 0; c < p.computers.length; c += 5) {
        const first = p.computers[c + 1]!;
        const actions: BulkAction[] = [];
        for (let r = first; r < first + p.computers[c + 2]!; r++) {
          const at = r * 4;
          actions.push({ deploymentId: p.strings[p.rows[at]!]!, kind: KINDS[p.rows[at + 1]!]!, fromVersion: str(p.rows[at + 2]!), toVersion: str(p.rows[at + 3]!) });
        }
        yield { computerId: p.strings[p.computers[c]!]!, actions, unknown: p.computers[c + 3]!, inDesiredState: p.computers[c + 4]! };
      }
    }
  }
}
