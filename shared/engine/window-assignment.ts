// Which window applies to each computer (the first group in the tenant's order that has a window >
// the tenant's window > none), how many computers each window serves, and which windows apply to
// the same computers. Pure: the console's scheduler and the renderer's planner use the same rule.

export interface AssignmentTenant {
  id: string;
  windowId: string | null;
}

export interface AssignmentGroup {
  id: string;
  tenantId: string;
  computerIds: readonly string[];
  windowId: string | null;
  order: number;
}

export interface AssignmentComputer {
  id: string;
  tenantId: string;
}

export interface WindowChoice {
  windowId: string | null;
  source: 'group' | 'tenant' | 'none';
  groupId?: string;
}

/** The rule itself, for one computer whose groups are given in the tenant's order. */
export function chooseWindow(groupsInOrder: readonly { id: string; windowId: string | null }[], tenantWindowId: string | null): WindowChoice {
  const first = groupsInOrder.find((g) => g.windowId !== null);
  if (first) return { windowId: first.windowId, source: 'group', groupId: first.id };
  return tenantWindowId ? { windowId: tenantWindowId, source: 'tenant' } : { windowId: null, source: 'none' };
}

export interface Assignments {
  byComputer: Map<string, WindowChoice>;
  /** Computers whose effective window each window is. */
  counts: Map<string, number>;
  /** Pairs of windows (a < b) that both apply to some computers (tenant and group, or two groups). */
  shared: { a: string; b: string; computers: number }[];
}

export function resolveAssignments(input: { tenants: readonly AssignmentTenant[]; groups: readonly AssignmentGroup[]; computers: readonly AssignmentComputer[] }): Assignments {
  const tenantWindow = new Map(input.tenants.map((t) => [t.id, t.windowId]));
  const tenantOf = new Map(input.computers.map((c) => [c.id, c.tenantId]));
  const groupsOf = new Map<string, AssignmentGroup[]>();
  const ordered = [...input.groups].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  for (const g of ordered) {
    for (const c of g.computerIds) {
      if (tenantOf.get(c) !== g.tenantId) continue;
      let list = groupsOf.get(c);
      if (!list) groupsOf.set(c, (list = []));
      list.push(g);
    }
  }
  const byComputer = new Map<string, WindowChoice>();
  const counts = new Map<string, number>();
  const pairCounts = new Map<string, number>();
  const scope: string[] = [];
  for (const c of input.computers) {
    const groups = groupsOf.get(c.id);
    const tw = tenantWindow.get(c.tenantId) ?? null;
    const choice = chooseWindow(groups ?? [], tw);
    byComputer.set(c.id, choice);
    if (choice.windowId) counts.set(choice.windowId, (counts.get(choice.windowId) ?? 0) + 1);
    if (!groups) continue;
    scope.length = 0;
    if (tw) scope.push(tw);
    for (const g of groups) if (g.windowId && !scope.includes(g.windowId)) scope.push(g.windowId);
    if (scope.length < 2) continue;
    scope.sort();
    for (let i = 0; i < scope.length; i++) {
      for (let j = i + 1; j < scope.length; j++) {
        const key = `${scope[i]}\n${scope[j]}`;
        pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
      }
    }
  }
  const shared = [...pairCounts].map(([key, computers]) => {
    const [a, b] = key.split('\n') as [string, string];
    return { a, b, computers };
  });
  return { byComputer, counts, shared };
}
