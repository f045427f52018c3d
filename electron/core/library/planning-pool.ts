// Plans every computer off the main thread: a few worker threads each keep a share of the computers
// and their detections (sent once, then kept current with small updates), so a request is a short
// message and the answer is each computer's actions.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { BulkPlanConfig } from '../../../shared/engine/bulk-plan.js';
import { PlanTable } from '../../../shared/engine/plan-table.js';
import type { PrecedenceComputer } from '../../../shared/engine/precedence.js';
import type { WorkerReply, WorkerRequest } from './planning-worker.js';

export interface PlanAllResult {
  table: PlanTable;
  /** The slowest worker's planning time (the rest of the wall time is messaging). */
  workerMs: number;
}

export class PlanningPool {
  private readonly workers: Worker[];
  private readonly owner = new Map<string, number>();
  private readonly pending = new Map<number, { replies: WorkerReply[]; resolve: (r: PlanAllResult) => void; reject: (e: Error) => void }>();
  private nextRequest = 1;
  private nextWorker = 0;

  constructor(size = Math.max(1, Math.min(4, availableParallelism()))) {
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(new URL('./planning-worker.js', import.meta.url));
      worker.on('message', (reply: WorkerReply) => this.onReply(reply));
      worker.on('error', (error) => this.failAll(error));
      return worker;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  setConfig(config: BulkPlanConfig): void {
    for (const w of this.workers) w.postMessage({ type: 'config', config } satisfies WorkerRequest);
  }

  /**
   * Adds computers with their detections, spread over the workers. Keys and values go as indexes
   * into two string tables per worker, so the message is mostly small integers: cheap to clone.
   */
  addComputers(computers: readonly { computer: PrecedenceComputer; detections: [string, string | null][] }[]): void {
    const batches = this.workers.map(() => new DetectionBatch());
    for (const { computer, detections } of computers) {
      let w = this.owner.get(computer.id);
      if (w === undefined) {
        w = this.nextWorker++ % this.workers.length;
        this.owner.set(computer.id, w);
      }
      batches[w]!.add(computer, detections);
    }
    batches.forEach((b, i) => {
      if (b.computers.length > 0) this.workers[i]!.postMessage({ type: 'computers', ...b.message() } satisfies WorkerRequest);
    });
  }

  updateDetections(computerId: string, entries: [string, string | null][]): void {
    const w = this.owner.get(computerId);
    if (w !== undefined) this.workers[w]!.postMessage({ type: 'detections', computerId, entries } satisfies WorkerRequest);
  }

  forget(computerId: string): void {
    const w = this.owner.get(computerId);
    if (w === undefined) return;
    this.owner.delete(computerId);
    this.workers[w]!.postMessage({ type: 'forget', computerId } satisfies WorkerRequest);
  }

  planAll(): Promise<PlanAllResult> {
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { replies: [], resolve, reject });
      for (const w of this.workers) w.postMessage({ type: 'plan', requestId } satisfies WorkerRequest);
    });
  }

  private onReply(reply: WorkerReply): void {
    const entry = this.pending.get(reply.requestId);
    if (!entry) return;
    if (reply.type === 'error') {
      this.pending.delete(reply.requestId);
      entry.reject(new Error(reply.message));
      return;
    }
    entry.replies.push(reply);
    if (entry.replies.length < this.workers.length) return;
    this.pending.delete(reply.requestId);
    const planned = entry.replies.filter((r): r is Extract<WorkerReply, { type: 'planned' }> => r.type === 'planned');
    entry.resolve({ table: new PlanTable(planned.map((r) => r.table)), workerMs: Math.max(...planned.map((r) => r.workerMs)) });
  }

  private failAll(error: Error): void {
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }

  async dispose(): Promise<void> {
    this.failAll(new Error('the planning pool was disposed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Computers and their detections as string tables plus integer indexes (null is -1). */
class DetectionBatch {
  readonly computers: PrecedenceComputer[] = [];
  private readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly rows: number[][] = [];

  private intern(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(value);
      this.index.set(value, i);
    }
    return i;
  }

  add(computer: PrecedenceComputer, detections: [string, string | null][]): void {
    this.computers.push(computer);
    const row: number[] = [];
    for (const [key, value] of detections) row.push(this.intern(key), value === null ? -1 : this.intern(value));
    this.rows.push(row);
  }

  message(): { computers: PrecedenceComputer[]; strings: string[]; rows: number[][] } {
    return { computers: this.computers, strings: this.strings, rows: this.rows };
  }
}
