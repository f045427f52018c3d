// Computer groups: explicit members of one tenant, in an order the technician sets, each with an
// optional window. Also answers which groups a computer is in (deployment targeting).
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { Deployment } from '../../../shared/model/deployment.js';
import type { ComputerGroup } from '../../../shared/model/group.js';
import type { Tenant } from '../../../shared/model/tenant.js';
import { newId } from '../../../shared/ids.js';
import type { StoredComputer } from '../computers/stored-computer.js';
import { ApiError, invalid, notFound } from '../errors.js';
import type { EntityCollection } from '../store/entity-collection.js';
import { isoNow, type Clock } from '../ports.js';

export class GroupsService {
  private membership: { version: number; map: Map<string, string[]> } | null = null;

  constructor(
    private readonly groups: EntityCollection<ComputerGroup>,
    private readonly refs: {
      tenants: EntityCollection<Tenant>;
      computers: EntityCollection<StoredComputer>;
      deployments: EntityCollection<Deployment>;
      windowExists: (id: string) => boolean;
    },
    private readonly clock: Clock,
  ) {}

  /** Groups in tenant order: by tenant, then position. */
  list(tenantId?: string): ComputerGroup[] {
    return this.groups
      .all()
      .filter((g) => tenantId === undefined || g.tenantId === tenantId)
      .sort((a, b) => a.tenantId.localeCompare(b.tenantId) || a.order - b.order || a.id.localeCompare(b.id));
  }

  exists(id: string): boolean {
    return this.groups.get(id) !== undefined;
  }

  get(id: string, field = 'id'): ComputerGroup {
    const g = this.groups.get(id);
    if (!g) throw notFound('group', id, field);
    return g;
  }

  /** The groups a computer is in, in its tenant's order. */
  groupsOf(computerId: string): string[] {
    if (this.membership?.version !== this.groups.version) {
      const map = new Map<string, string[]>();
      for (const g of this.list()) {
        for (const c of g.computerIds) {
          let list = map.get(c);
          if (!list) map.set(c, (list = []));
          list.push(g.id);
        }
      }
      this.membership = { version: this.groups.version, map };
    }
    return this.membership.map.get(computerId) ?? [];
  }

  create(input: ApiParsedInput<'groups.create'>): ComputerGroup {
    if (!this.refs.tenants.get(input.tenantId)) throw notFound('tenant', input.tenantId, 'tenantId');
    const computerIds = this.checkMembers(input.tenantId, input.computerIds);
    this.checkWindow(input.windowId);
    const last = this.list(input.tenantId).at(-1);
    const now = isoNow(this.clock);
    return this.save({
      id: newId(),
      tenantId: input.tenantId,
      name: input.name,
      computerIds,
      windowId: input.windowId ?? null,
      order: last ? last.order + 1 : 0,
      createdAt: now,
      updatedAt: now,
    });
  }

  update(input: ApiParsedInput<'groups.update'>): ComputerGroup {
    const current = this.get(input.id);
    this.checkWindow(input.windowId);
    return this.save({
      ...current,
      name: input.name ?? current.name,
      computerIds: input.computerIds === undefined ? current.computerIds : this.checkMembers(current.tenantId, input.computerIds),
      windowId: input.windowId === undefined ? current.windowId : input.windowId,
      updatedAt: isoNow(this.clock),
    });
  }

  /** A group that deployments target is kept: deleting it would silently change what they apply to. */
  delete(id: string): void {
    const group = this.get(id);
    const targeting = this.refs.deployments.all().filter((d) => d.targets.some((t) => t.kind === 'group' && t.id === id));
    if (targeting.length > 0) {
      throw new ApiError('conflict', `group ${group.name} is targeted by deployment${targeting.length === 1 ? '' : 's'} ${targeting.map((d) => d.name).join(', ')}: change their targets first`);
    }
    this.groups.delete(id);
  }

  reorder(tenantId: string, groupIds: string[]): ComputerGroup[] {
    if (!this.refs.tenants.get(tenantId)) throw notFound('tenant', tenantId, 'tenantId');
    const current = this.list(tenantId);
    const known = new Set(current.map((g) => g.id));
    groupIds.forEach((id, i) => {
      if (!known.has(id)) throw invalid(`groupIds.${i}`, `group ${id} is not a group of this tenant`);
      if (groupIds.indexOf(id) !== i) throw invalid(`groupIds.${i}`, `group ${id} is listed twice`);
    });
    if (groupIds.length !== current.length) throw invalid('groupIds', `must list all ${current.length} groups of the tenant`);
    const now = isoNow(this.clock);
    groupIds.forEach((id, order) => {
      const g = this.groups.get(id)!;
      if (g.order !== order) this.save({ ...g, order, updatedAt: now });
    });
    return this.list(tenantId);
  }

  private save(group: ComputerGroup): ComputerGroup {
    return this.groups.put(group);
  }

  private checkMembers(tenantId: string, computerIds: string[]): string[] {
    computerIds.forEach((id, i) => {
      const c = this.refs.computers.get(id);
      if (!c || c.revoked) throw invalid(`computerIds.${i}`, `computer ${id} does not exist`);
      if (c.tenantId !== tenantId) throw invalid(`computerIds.${i}`, `computer ${id} belongs to another tenant`);
    });
    return [...new Set(computerIds)];
  }

  private checkWindow(windowId: string | null | undefined): void {
    if (windowId != null && !this.refs.windowExists(windowId)) throw invalid('windowId', `window ${windowId} does not exist`);
  }
}
