// npm run bench:planning — resolve and plan 10,000 computers × 200 deployments in worker threads
// (target ≤ 1 s, main thread free), and explain one computer with 200 deployments (target ≤ 5 ms).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { availableParallelism, loadavg } from 'node:os';
import type { Deployment, Target } from '../shared/model/deployment.js';
import type { Software } from '../shared/model/software.js';
import type { Task } from '../shared/model/task.js';
import { resolveDeployments } from '../shared/engine/precedence.js';
import { PlanningPool } from '../electron/core/library/planning-pool.js';

const COMPUTERS = 10_000;
const DEPLOYMENTS = 200;
const SOFTWARE = 120;
const TASKS = 30;
const TENANTS = 50;
const GROUPS = 200;

// A small deterministic generator, so every run plans the same estate.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const iso = (day: number) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString();
const script = { shell: 'sh' as const, body: 'true' };

const software: Software[] = Array.from({ length: SOFTWARE }, (_, i) => ({
  id: `s${i}`, name: `Software ${i}`, vendor: '', platforms: [], detectScript: script, createdAt: iso(0), updatedAt: iso(0),
  versions: ['1.0.0', '1.2.0', '2.0.0', `2.${i % 7}.1`, '10.0.19045.3803'].filter((v, j, all) => all.indexOf(v) === j).map((version) => ({
    version, releaseDate: null, installScript: script, uninstallScript: script, upgradeScript: null, upgradeStrategy: 'install-over' as const, options: {},
  })),
}));
const tasks: Task[] = Array.from({ length: TASKS }, (_, i) => ({ id: `k${i}`, name: `Task ${i}`, description: '', testScript: script, setScript: script, parameters: [], builtIn: null, createdAt: iso(0), updatedAt: iso(0) }));
const computers = Array.from({ length: COMPUTERS }, (_, i) => ({ id: `c${i}`, tenantId: `t${i % TENANTS}`, groupIds: [`g${i % GROUPS}`, ...(i % 3 === 0 ? [`g${(i * 7) % GROUPS}`] : [])] }));

function target(i: number): Target[] {
  if (i < 90) return [{ kind: 'all' }];
  if (i < 140) return [{ kind: 'tenant', id: `t${i % TENANTS}` }];
  if (i < 185) return [{ kind: 'group', id: `g${(i * 13) % GROUPS}` }, { kind: 'group', id: `g${(i * 17) % GROUPS}` }];
  return [{ kind: 'computer', id: `c${(i * 379) % COMPUTERS}` }];
}
const deployments: Deployment[] = Array.from({ length: DEPLOYMENTS }, (_, i) => {
  const isTask = i % 7 === 6;
  return {
    id: `d${String(i).padStart(3, '0')}`, name: `Deployment ${i}`,
    softwareId: isTask ? null : `s${i % SOFTWARE}`, taskId: isTask ? `k${i % TASKS}` : null,
    version: isTask ? null : i % 5 === 0 ? '1.2.0' : 'latest',
    desiredState: isTask ? null : pick(['installed', 'installed', 'installed', 'update-if-found', 'uninstalled', 'ignore'] as const),
    mode: isTask ? pick(['audit', 'enforce'] as const) : null, parameters: {}, targets: target(i), enabled: i % 23 !== 0,
    createdAt: iso(0), updatedAt: iso(i % 40),
  };
});

// An estate in steady state the day after new versions land: most software current, some behind, some absent.
function detectionsOf(): [string, string | null][] {
  const entries: [string, string | null][] = [];
  for (const s of software) {
    const r = random();
    const top = s.versions[s.versions.length - 1]!.version;
    entries.push([`software:${s.id}`, r < 0.1 ? null : r < 0.25 ? pick(s.versions).version : top]);
  }
  for (const t of tasks) entries.push([`task:${t.id}`, random() < 0.8 ? 'compliant' : 'non-compliant: drifted']);
  return entries;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 3 : 0)} ms`;

async function bulk(): Promise<boolean> {
  const pool = new PlanningPool();
  try {
    let started = performance.now();
    pool.setConfig({ deployments, software, tasks });
    pool.addComputers(computers.map((computer) => ({ computer, detections: detectionsOf() })));
    await pool.planAll(); // also waits for the loading to finish
    console.log(`loaded ${COMPUTERS} computers × ${SOFTWARE + TASKS} detections into ${pool.size} worker threads in ${ms(performance.now() - started)} (once, then kept current)`);

    const walls: number[] = [];
    const workers: number[] = [];
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    let actions = 0;
    let unknown = 0;
    for (let run = 0; run < 7; run++) {
      loopDelay.enable();
      started = performance.now();
      const result = await pool.planAll();
      walls.push(performance.now() - started);
      loopDelay.disable();
      workers.push(result.workerMs);
      actions = result.table.actionCount;
      unknown = result.table.unknownCount;
      if (result.table.computerCount !== COMPUTERS) throw new Error(`planned ${result.table.computerCount} computers, expected ${COMPUTERS}`);
    }
    const wall = median(walls);
    console.log(`resolve + plan ${COMPUTERS} computers × ${DEPLOYMENTS} deployments: median ${ms(wall)} (min ${ms(Math.min(...walls))}, max ${ms(Math.max(...walls))}) wall, slowest worker ${ms(median(workers))}; ${actions} actions, ${unknown} unknown`);
    console.log(`main thread during planning: event-loop delay max ${ms(loopDelay.max / 1e6)}, mean ${ms(loopDelay.mean / 1e6)}`);
    console.log(`target ≤ 1000 ms off the main thread: ${wall <= 1000 ? 'met' : 'NOT MET'}`);
    return wall <= 1000;
  } finally {
    await pool.dispose();
  }
}

function explain(): boolean {
  const computer = { id: 'pc', tenantId: 't1', groupIds: ['g1', 'g2'] };
  const levels: Target[][] = [[{ kind: 'all' }], [{ kind: 'tenant', id: 't1' }], [{ kind: 'group', id: 'g1' }], [{ kind: 'group', id: 'g2' }], [{ kind: 'computer', id: 'pc' }]];
  // 200 deployments, all targeting this computer, competing four or five to an item.
  const competing = deployments.map((d, i) => ({ ...d, softwareId: d.softwareId === null ? null : `s${i % 45}`, targets: levels[i % levels.length]! }));
  const names = new Map(software.map((s) => [s.id, s.name]));
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < 3000; i++) {
    const started = performance.now();
    const result = resolveDeployments(computer, competing).map((r) => ({
      item: { kind: r.itemKind, id: r.itemId, name: names.get(r.itemId) ?? r.itemId },
      winner: { deploymentId: r.winner.id, reason: r.winnerReason },
      losers: r.losers.map((l) => ({ deploymentId: l.deployment.id, reason: l.reason })),
    }));
    times.push(performance.now() - started);
    items = result.length;
  }
  const p50 = median(times.slice(500));
  const p99 = pct(times.slice(500), 99);
  console.log(`explain one computer with ${competing.length} deployments (${items} items): median ${ms(p50)}, p99 ${ms(p99)}, max ${ms(Math.max(...times.slice(500)))}`);
  // The median is the cost of the work; the tail is the scheduler on a shared machine (see load below).
  console.log(`target ≤ 5 ms: ${p50 <= 5 ? 'met' : 'NOT MET'} (median)${p99 > 5 ? `; the p99 above it is time the process was not running: load ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores` : ''}`);
  return p50 <= 5;
}

const ok = explain() && (await bulk());
process.exitCode = ok ? 0 : 1;
