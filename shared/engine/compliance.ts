// Compliance: for each computer × winning deployment, does the last detection match the desired
// state? compliant, non-compliant (with what differs) or unknown (never detected, or too old).
// Pure: the core feeds it computers, deployments, the library and the detections it has stored.
import type { Deployment } from '../model/deployment.js';
import type { Software } from '../model/software.js';
import { resolveDeployments, type PrecedenceComputer } from './precedence.js';
import { targetVersion } from './plan.js';
import { compareVersions } from './versions.js';

export type ComplianceState = 'compliant' | 'non-compliant' | 'unknown';

export interface ComplianceRow {
  computerId: string;
  tenantId: string;
  deploymentId: string;
  state: ComplianceState;
  detail: string;
  /** When the detection this verdict rests on was made; null when never detected. */
  detectedAt: string | null;
}

export interface DetectionFact {
  /** Detected version (software; null = absent) or the task test's note ("compliant", "non-compliant: …"). */
  value: string | null;
  detectedAt: string;
}

export interface ComplianceInput {
  computers: readonly PrecedenceComputer[];
  deployments: readonly Deployment[];
  software: (id: string) => Software | undefined;
  /** A computer's detections keyed "software:<id>" / "task:<id>" (see detectionKey). */
  detections: (computerId: string) => ReadonlyMap<string, DetectionFact> | undefined;
  now: number;
  staleAfterHours: number;
  /** Only rows of this deployment (it must still win to have rows). */
  deploymentId?: string | undefined;
}

type Verdict = { state: ComplianceState; detail: string };

export function detectionKey(itemKind: 'software' | 'task', itemId: string): string {
  return `${itemKind}:${itemId}`;
}

const ABSENT = '\u0000absent';

/** What one software deployment's desired state says about one detected value. */
function softwareVerdict(d: Deployment, software: Software | undefined, installed: string | null, versionMemo: Map<string, Verdict>): Verdict {
  const state = d.desiredState;
  if (state === 'uninstalled') {
    return installed === null ? { state: 'compliant', detail: 'not installed, as desired' } : { state: 'non-compliant', detail: `installed (${installed}); desired state is uninstalled` };
  }
  if (!software) return { state: 'unknown', detail: 'the software item is no longer in the library' };
  // Few distinct versions are installed per item: judge each once.
  const memo = versionMemo.get(installed ?? ABSENT);
  if (memo) return memo;
  const target = targetVersion(software, d);
  let verdict: Verdict;
  if (installed === null) {
    verdict =
      state === 'update-if-found'
        ? { state: 'compliant', detail: 'not installed (updated only where found)' }
        : { state: 'non-compliant', detail: `not installed; desired ${typeof target === 'string' ? (d.version ?? 'latest') : target.version}` };
  } else if (typeof target === 'string') {
    verdict = { state: 'unknown', detail: target };
  } else {
    const want = target.version;
    const wanted = d.version === 'latest' || d.version === null ? `latest (${want})` : want;
    const order = compareVersions(installed, want);
    if (order === 0) verdict = { state: 'compliant', detail: `${installed} installed` };
    else if (order < 0) verdict = { state: 'non-compliant', detail: `installed ${installed}, desired ${wanted}` };
    else if (state === 'update-if-found' || d.version === 'latest' || d.version === null) verdict = { state: 'compliant', detail: `${installed} installed (newer than the library's ${want})` };
    else verdict = { state: 'non-compliant', detail: `installed ${installed} is newer than the pinned ${want}` };
  }
  versionMemo.set(installed ?? ABSENT, verdict);
  return verdict;
}

/** A task test records "compliant" or "non-compliant: <what differs>". */
function taskVerdict(value: string | null): Verdict {
  if (value === null) return { state: 'unknown', detail: 'the task test reported nothing' };
  const text = value.trim();
  if (/^compliant\b/i.test(text)) return { state: 'compliant', detail: text.slice('compliant'.length).replace(/^[:\s-]+/, '') || 'test passed' };
  if (/^non-compliant\b/i.test(text)) return { state: 'non-compliant', detail: text.slice('non-compliant'.length).replace(/^[:\s-]+/, '') || 'test failed' };
  return { state: 'unknown', detail: `unrecognised test result: ${text.slice(0, 200)}` };
}

function hours(n: number): string {
  return n % 24 === 0 ? `${n / 24} day${n === 24 ? '' : 's'}` : `${n} h`;
}

/**
 * A computer's resolution depends on it only through its tenant, its groups and deployments that
 * target it by id. Computers that no deployment names share one resolution per tenant and group
 * set, so 10,000 computers cost a few dozen resolutions, with exactly the rules of precedence.ts.
 */
/** Only what the row loop reads, in a small fixed-shape object (a spread copy is measurably slower). */
interface Keyed {
  winner: Deployment;
  itemKind: 'software' | 'task';
  itemId: string;
  key: string;
}

function resolver(deployments: readonly Deployment[]): (computer: PrecedenceComputer) => Keyed[] {
  const named = new Set<string>();
  for (const d of deployments) for (const t of d.targets) if (t.kind === 'computer' && t.id !== undefined) named.add(t.id);
  const shared = new Map<string, Keyed[]>();
  const resolve = (computer: PrecedenceComputer): Keyed[] =>
    resolveDeployments(computer, deployments).map((r) => ({ winner: r.winner, itemKind: r.itemKind, itemId: r.itemId, key: detectionKey(r.itemKind, r.itemId) }));
  return (computer) => {
    if (named.has(computer.id)) return resolve(computer);
    const key = `${computer.tenantId}|${[...computer.groupIds].sort().join(',')}`;
    let resolutions = shared.get(key);
    if (!resolutions) shared.set(key, (resolutions = resolve(computer)));
    return resolutions;
  };
}

/** Canonical ISO instants (toISOString) compare as strings; anything else is parsed. */
function isBefore(iso: string, limitIso: string, limitMs: number): boolean {
  if (iso.length === 24 && iso.endsWith('Z')) return iso < limitIso;
  const at = Date.parse(iso);
  return !(at >= limitMs);
}

/** Every computer × winning deployment, with its state. Ignored items (desired state "ignore") have no row. */
export function evaluateCompliance(input: ComplianceInput): ComplianceRow[] {
  const staleBefore = input.now - input.staleAfterHours * 3_600_000;
  const staleBeforeIso = new Date(staleBefore).toISOString();
  let deployments = input.deployments;
  if (input.deploymentId !== undefined) {
    // Only deployments of the same item can beat it, so the others need not be resolved.
    const chosen = deployments.find((d) => d.id === input.deploymentId);
    if (!chosen) return [];
    deployments = deployments.filter((d) => d.softwareId === chosen.softwareId && d.taskId === chosen.taskId);
  }
  const resolve = resolver(deployments);
  const memos = new Map<string, Map<string, Verdict>>();
  const rows: ComplianceRow[] = [];
  for (const computer of input.computers) {
    const detected = input.detections(computer.id);
    for (const r of resolve(computer)) {
      const d = r.winner;
      if (input.deploymentId !== undefined && d.id !== input.deploymentId) continue;
      if (r.itemKind === 'software' && (d.desiredState === 'ignore' || d.desiredState === null)) continue;
      const fact = detected?.get(r.key);
      if (!fact) {
        rows.push({ computerId: computer.id, tenantId: computer.tenantId, deploymentId: d.id, state: 'unknown', detail: 'never detected', detectedAt: null });
        continue;
      }
      if (isBefore(fact.detectedAt, staleBeforeIso, staleBefore)) {
        const detail = `last detected ${fact.detectedAt}, older than ${hours(input.staleAfterHours)}`;
        rows.push({ computerId: computer.id, tenantId: computer.tenantId, deploymentId: d.id, state: 'unknown', detail, detectedAt: fact.detectedAt });
        continue;
      }
      let verdict: Verdict;
      if (r.itemKind === 'task') {
        verdict = taskVerdict(fact.value);
      } else {
        let memo = memos.get(d.id);
        if (!memo) memos.set(d.id, (memo = new Map<string, Verdict>()));
        verdict = softwareVerdict(d, input.software(r.itemId), fact.value, memo);
      }
      rows.push({ computerId: computer.id, tenantId: computer.tenantId, deploymentId: d.id, state: verdict.state, detail: verdict.detail, detectedAt: fact.detectedAt });
    }
  }
  return rows;
}
