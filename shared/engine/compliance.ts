// Compliance: for each computer × winning deployment, does the last detection match the desired
// state? compliant, non-compliant (with what differs) or unknown (never detected, or too old).
// Pure: the core feeds it computers, deployments, the library and the detections it has stored.
import type { Deployment } from '../model/deployment.js';
import type { Software } from '../model/software.js';
import { resolveDeployments, type PrecedenceComputer } from './precedence.js';
import { targetVersion } from './plan.js';
import { compareVersions } from './versions.js';
import { ComplianceTally, type ComplianceSummary, type StateCounts } from './compliance-summary.js';

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
/** One resolved item with everything the row loop needs worked out once, in a small fixed shape. */
interface Keyed {
  deploymentId: string;
  deployment: Deployment;
  isTask: boolean;
  key: string;
  software: Software | undefined;
  /** Verdicts per detected value, shared by every computer this deployment wins on. */
  memo: Map<string, Verdict>;
}

function resolver(input: ComplianceInput, deployments: readonly Deployment[]): (computer: PrecedenceComputer) => Keyed[] {
  const named = new Set<string>();
  for (const d of deployments) for (const t of d.targets) if (t.kind === 'computer' && t.id !== undefined) named.add(t.id);
  const memos = new Map<string, Map<string, Verdict>>();
  const memoOf = (id: string) => {
    let memo = memos.get(id);
    if (!memo) memos.set(id, (memo = new Map<string, Verdict>()));
    return memo;
  };
  const shared = new Map<string, Keyed[]>();
  const resolve = (computer: PrecedenceComputer): Keyed[] =>
    resolveDeployments(computer, deployments)
      .filter((r) => (input.deploymentId === undefined || r.winner.id === input.deploymentId) && (r.itemKind === 'task' || (r.winner.desiredState !== 'ignore' && r.winner.desiredState !== null)))
      .map((r) => ({
        deploymentId: r.winner.id,
        deployment: r.winner,
        isTask: r.itemKind === 'task',
        key: detectionKey(r.itemKind, r.itemId),
        software: r.itemKind === 'software' ? input.software(r.itemId) : undefined,
        memo: memoOf(r.winner.id),
      }));
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

/** `detail` is null for a stale detection: its text is written only for rows that are kept. */
type Visit = (computer: PrecedenceComputer, r: Keyed, state: ComplianceState, detail: string | null, detectedAt: string | null) => void;

function staleDetail(input: ComplianceInput, at: string | null): string {
  return `last detected ${at ?? '-'}, older than ${hours(input.staleAfterHours)}`;
}

/** Walks every computer × winning deployment with its verdict, allocating nothing per row itself. */
function walk(input: ComplianceInput, visit: Visit): void {
  const staleBefore = input.now - input.staleAfterHours * 3_600_000;
  const staleBeforeIso = new Date(staleBefore).toISOString();
  let deployments = input.deployments;
  if (input.deploymentId !== undefined) {
    // Only deployments of the same item can beat it, so the others need not be resolved.
    const chosen = deployments.find((d) => d.id === input.deploymentId);
    if (!chosen) return;
    deployments = deployments.filter((d) => d.softwareId === chosen.softwareId && d.taskId === chosen.taskId);
  }
  const resolve = resolver(input, deployments);
  for (const computer of input.computers) {
    const detected = input.detections(computer.id);
    for (const r of resolve(computer)) {
      const fact = detected?.get(r.key);
      if (!fact) {
        visit(computer, r, 'unknown', 'never detected', null);
      } else if (isBefore(fact.detectedAt, staleBeforeIso, staleBefore)) {
        visit(computer, r, 'unknown', null, fact.detectedAt);
      } else {
        const verdict = r.isTask ? taskVerdict(fact.value) : softwareVerdict(r.deployment, r.software, fact.value, r.memo);
        visit(computer, r, verdict.state, verdict.detail, fact.detectedAt);
      }
    }
  }
}

/** Every computer × winning deployment, with its state. Ignored items (desired state "ignore") have no row. */
export function evaluateCompliance(input: ComplianceInput): ComplianceRow[] {
  const rows: ComplianceRow[] = [];
  walk(input, (c, r, state, detail, detectedAt) =>
    rows.push({ computerId: c.id, tenantId: c.tenantId, deploymentId: r.deploymentId, state, detail: detail ?? staleDetail(input, detectedAt), detectedAt }),
  );
  return rows;
}

const WORST_FIRST: ComplianceState[] = ['non-compliant', 'unknown', 'compliant'];

/**
 * The report as a screen reads it: the roll-ups over every row, and one page of rows (worst first,
 * or of one state). Only the rows of that page are kept, so a report over 500,000 rows stays light.
 */
export function complianceReport(input: ComplianceInput, page: { state?: ComplianceState | undefined; offset: number; limit?: number | undefined }): { rows: ComplianceRow[]; summary: ComplianceSummary; matching: number } {
  const tally = new ComplianceTally();
  const end = page.limit === undefined ? Infinity : page.offset + page.limit;
  const kept: Record<ComplianceState, ComplianceRow[]> = { 'non-compliant': [], unknown: [], compliant: [] };
  // Counters looked up once per computer (tenant) and per resolved item (deployment), not per row.
  const deploymentCounts = new WeakMap<Keyed, StateCounts>();
  let lastComputer: PrecedenceComputer | null = null;
  let tenantCounts: StateCounts | null = null;
  walk(input, (c, r, state, detail, detectedAt) => {
    if (c !== lastComputer) {
      lastComputer = c;
      tenantCounts = tally.tenant(c.tenantId);
    }
    let counts = deploymentCounts.get(r);
    if (!counts) deploymentCounts.set(r, (counts = tally.deployment(r.deploymentId)));
    tally.addTo(c.id, tenantCounts!, counts, state);
    // Each state's first `end` rows are enough for any page of the concatenation.
    if ((page.state === undefined || page.state === state) && kept[state].length < end) {
      kept[state].push({ computerId: c.id, tenantId: c.tenantId, deploymentId: r.deploymentId, state, detail: detail ?? staleDetail(input, detectedAt), detectedAt });
    }
  });
  const summary = tally.summary();
  const ordered = page.state !== undefined ? kept[page.state] : WORST_FIRST.flatMap((s) => kept[s]);
  const counts = { compliant: summary.total.compliant, 'non-compliant': summary.total.nonCompliant, unknown: summary.total.unknown };
  const matching = page.state !== undefined ? counts[page.state] : counts.compliant + counts['non-compliant'] + counts.unknown;
  return { rows: ordered.slice(page.offset, end), summary, matching };
}
