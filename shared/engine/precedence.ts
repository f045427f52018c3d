// Which deployment wins for a computer: one winner per software item or task.
// computer > group > tenant > all; at one level ignore > uninstalled > most recently changed
// (then the larger id, so every console picks the same winner).
import type { DesiredState, Target, TargetKind } from '../model/deployment.js';

export interface PrecedenceComputer {
  id: string;
  tenantId: string;
  groupIds: readonly string[];
}

export interface PrecedenceDeployment {
  id: string;
  softwareId: string | null;
  taskId: string | null;
  desiredState: DesiredState | null;
  targets: readonly Target[];
  enabled: boolean;
  updatedAt: string;
}

export type ItemKind = 'software' | 'task';

const LEVEL_RANK: Record<TargetKind, number> = { computer: 3, group: 2, tenant: 1, all: 0 };
const LEVEL_WORDS: Record<TargetKind, string> = {
  computer: 'targets this computer',
  group: 'targets a group it belongs to',
  tenant: 'targets its tenant',
  all: 'targets all computers',
};

export type TieBreak = 'state' | 'most-recent' | 'id' | null;

export interface Candidate<D extends PrecedenceDeployment> {
  deployment: D;
  level: TargetKind;
  /** updatedAt as an instant, parsed once. */
  changedAt: number;
}

export interface Resolution<D extends PrecedenceDeployment> {
  itemKind: ItemKind;
  itemId: string;
  winner: D;
  winnerLevel: TargetKind;
  winnerReason: string;
  losers: { deployment: D; reason: string }[];
}

/** The most specific of a deployment's targets that matches the computer, or null. */
export function matchLevel(targets: readonly Target[], computer: PrecedenceComputer): TargetKind | null {
  let best: TargetKind | null = null;
  for (const t of targets) {
    const hit =
      t.kind === 'all' ||
      (t.kind === 'tenant' && t.id === computer.tenantId) ||
      (t.kind === 'computer' && t.id === computer.id) ||
      (t.kind === 'group' && t.id !== undefined && computer.groupIds.includes(t.id));
    if (hit && (best === null || LEVEL_RANK[t.kind] > LEVEL_RANK[best])) best = t.kind;
  }
  return best;
}

function stateRank(state: DesiredState | null): number {
  return state === 'ignore' ? 2 : state === 'uninstalled' ? 1 : 0;
}

/** Compares two candidates: negative when a beats b. Reports which rule decided. */
function compareCandidates<D extends PrecedenceDeployment>(a: Candidate<D>, b: Candidate<D>): { order: number; rule: Exclude<TieBreak, null> | 'level' } {
  const level = LEVEL_RANK[b.level] - LEVEL_RANK[a.level];
  if (level !== 0) return { order: level, rule: 'level' };
  const state = stateRank(b.deployment.desiredState) - stateRank(a.deployment.desiredState);
  if (state !== 0) return { order: state, rule: 'state' };
  const changed = b.changedAt - a.changedAt;
  if (changed !== 0) return { order: changed, rule: 'most-recent' };
  return { order: a.deployment.id > b.deployment.id ? -1 : a.deployment.id < b.deployment.id ? 1 : 0, rule: 'id' };
}

function describeState(state: DesiredState | null): string {
  return state === null ? 'run' : `'${state}'`;
}

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function loserReason<D extends PrecedenceDeployment>(winner: Candidate<D>, loser: Candidate<D>): string {
  const { rule } = compareCandidates(winner, loser);
  switch (rule) {
    case 'level':
      return `less specific: it ${LEVEL_WORDS[loser.level]}, the winner ${LEVEL_WORDS[winner.level]}`;
    case 'state':
      return `same level (${loser.level}): the winner's desired state ${describeState(winner.deployment.desiredState)} beats ${describeState(loser.deployment.desiredState)}`;
    case 'most-recent':
      return `same level (${loser.level}) and desired state: the winner was changed more recently (${when(new Date(winner.changedAt).toISOString())} against ${when(new Date(loser.changedAt).toISOString())})`;
    case 'id':
      return `same level (${loser.level}), desired state and change time: the tie goes to the deployment with the larger id`;
  }
}

function winnerReason<D extends PrecedenceDeployment>(winner: Candidate<D>, runnerUp: Candidate<D> | undefined): string {
  const target = `it ${LEVEL_WORDS[winner.level]}`;
  if (!runnerUp) return `the only enabled deployment of this item for this computer (${target})`;
  const { rule } = compareCandidates(winner, runnerUp);
  if (rule === 'level') return `most specific: ${target}`;
  if (rule === 'state') return `${target}, and at that level its desired state ${describeState(winner.deployment.desiredState)} beats the others`;
  if (rule === 'most-recent') return `${target}, and at that level with the same desired state it was changed most recently`;
  return `${target}; tied on level, desired state and change time, it has the larger id`;
}

export function itemOf(d: PrecedenceDeployment): { kind: ItemKind; id: string } | null {
  if (d.softwareId !== null) return { kind: 'software', id: d.softwareId };
  if (d.taskId !== null) return { kind: 'task', id: d.taskId };
  return null;
}

/**
 * Resolves every item that some deployment targets at this computer. Disabled deployments that
 * would otherwise apply are listed as losers (they take no part) so the explanation is complete.
 */
export function resolveDeployments<D extends PrecedenceDeployment>(computer: PrecedenceComputer, deployments: readonly D[]): Resolution<D>[] {
  const byItem = new Map<string, { kind: ItemKind; id: string; candidates: Candidate<D>[]; disabled: D[] }>();
  for (const d of deployments) {
    const item = itemOf(d);
    if (!item) continue;
    const level = matchLevel(d.targets, computer);
    if (level === null) continue;
    const key = `${item.kind}:${item.id}`;
    let entry = byItem.get(key);
    if (!entry) byItem.set(key, (entry = { ...item, candidates: [], disabled: [] }));
    if (d.enabled) entry.candidates.push({ deployment: d, level, changedAt: Date.parse(d.updatedAt) });
    else entry.disabled.push(d);
  }
  const out: Resolution<D>[] = [];
  for (const entry of byItem.values()) {
    if (entry.candidates.length === 0) continue;
    const sorted = entry.candidates.sort((a, b) => compareCandidates(a, b).order);
    const winner = sorted[0]!;
    out.push({
      itemKind: entry.kind,
      itemId: entry.id,
      winner: winner.deployment,
      winnerLevel: winner.level,
      winnerReason: winnerReason(winner, sorted[1]),
      losers: [
        ...sorted.slice(1).map((c) => ({ deployment: c.deployment, reason: loserReason(winner, c) })),
        ...entry.disabled.map((d) => ({ deployment: d, reason: 'disabled: takes no part' })),
      ],
    });
  }
  return out;
}
