// A planning worker thread: keeps its share of computers and their detections, and plans them on
// request, so resolving and planning thousands of computers never blocks the console's main thread.
import { parentPort } from 'node:worker_threads';
import { BulkPlanner, type BulkPlanConfig } from '../../../shared/engine/bulk-plan.js';
import { PlanTableBuilder, type PlanTableData } from '../../../shared/engine/plan-table.js';
import type { PrecedenceComputer } from '../../../shared/engine/precedence.js';

export type WorkerRequest =
  | { type: 'config'; config: BulkPlanConfig }
  /** `rows[i]` holds computer i's detections as pairs of indexes into `strings` (key, value; -1 is null). */
  | { type: 'computers'; computers: PrecedenceComputer[]; strings: string[]; rows: number[][] }
  | { type: 'detections'; computerId: string; entries: [string, string | null][] }
  | { type: 'forget'; computerId: string }
  | { type: 'plan'; requestId: number };

export type WorkerReply = { type: 'planned'; requestId: number; table: PlanTableData; workerMs: number } | { type: 'error'; requestId: number; message: string };

const port = parentPort;
if (!port) throw new Error('planning-worker.js runs as a worker thread');

let planner: BulkPlanner | null = null;
const computers = new Map<string, PrecedenceComputer>();
const detections = new Map<string, Map<string, string | null>>();

port.on('message', (message: WorkerRequest) => {
  switch (message.type) {
    case 'config':
      planner = new BulkPlanner(message.config);
      return;
    case 'computers':
      message.computers.forEach((c, i) => {
        computers.set(c.id, c);
        const row = message.rows[i] ?? [];
        const forComputer = new Map<string, string | null>();
        for (let j = 0; j < row.length; j += 2) forComputer.set(message.strings[row[j]!]!, row[j + 1]! < 0 ? null : message.strings[row[j + 1]!]!);
        detections.set(c.id, forComputer);
      });
      return;
    case 'detections': {
      let forComputer = detections.get(message.computerId);
      if (!forComputer) detections.set(message.computerId, (forComputer = new Map<string, string | null>()));
      for (const [key, value] of message.entries) forComputer.set(key, value);
      return;
    }
    case 'forget':
      computers.delete(message.computerId);
      detections.delete(message.computerId);
      return;
    case 'plan': {
      const started = performance.now();
      if (!planner) {
        port.postMessage({ type: 'error', requestId: message.requestId, message: 'no configuration loaded' } satisfies WorkerReply);
        return;
      }
      const table = new PlanTableBuilder();
      for (const c of computers.values()) {
        table.begin(c.id);
        planner.plan(c, detections.get(c.id), table);
      }
      const data = table.finish();
      // The typed arrays move to the main thread instead of being copied.
      port.postMessage({ type: 'planned', requestId: message.requestId, table: data, workerMs: performance.now() - started } satisfies WorkerReply, [data.computers.buffer, data.rows.buffer]);
      return;
    }
  }
});
