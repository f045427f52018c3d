// Maintenance windows: create, edit, duplicate, delete (refused while assigned), preview occurrences.
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { OccurrenceView, WindowUsage } from '../../../shared/api/windows.js';
import { compileWindow } from '../../../shared/engine/window-occurrences.js';
import type { ComputerGroup } from '../../../shared/model/group.js';
import type { Tenant } from '../../../shared/model/tenant.js';
import type { MaintenanceWindow } from '../../../shared/model/window.js';
import { newId } from '../../../shared/ids.js';
import { ApiError, invalid, notFound } from '../errors.js';
import type { EntityCollection } from '../store/entity-collection.js';
import { isoNow, type Clock } from '../ports.js';

const MAX_PREVIEW_MS = 400 * 86_400_000;

export class WindowsService {
  constructor(
    private readonly windows: EntityCollection<MaintenanceWindow>,
    private readonly tenants: EntityCollection<Tenant>,
    private readonly groups: EntityCollection<ComputerGroup>,
    private readonly clock: Clock,
  ) {}

  list(): MaintenanceWindow[] {
    return this.windows.all().sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  exists(id: string): boolean {
    return this.windows.get(id) !== undefined;
  }

  get(id: string, field = 'id'): MaintenanceWindow {
    const w = this.windows.get(id);
    if (!w) throw notFound('window', id, field);
    return w;
  }

  create(input: ApiParsedInput<'windows.create'>): MaintenanceWindow {
    const now = isoNow(this.clock);
    return this.windows.put({ id: newId(), ...input, createdAt: now, updatedAt: now });
  }

  update(input: ApiParsedInput<'windows.update'>): MaintenanceWindow {
    const current = this.get(input.id);
    const next: MaintenanceWindow = { ...current, updatedAt: isoNow(this.clock) };
    if (input.name !== undefined) next.name = input.name;
    if (input.days !== undefined) next.days = input.days;
    if (input.start !== undefined) next.start = input.start;
    if (input.end !== undefined) next.end = input.end;
    if (input.timeZone !== undefined) next.timeZone = input.timeZone;
    if (input.exclusions !== undefined) next.exclusions = input.exclusions;
    if (input.frequency !== undefined) next.frequency = input.frequency;
    return this.windows.put(next);
  }

  duplicate(id: string, name?: string): MaintenanceWindow {
    const source = this.get(id);
    const now = isoNow(this.clock);
    return this.windows.put({ ...structuredClone(source), id: newId(), name: name ?? `${source.name} (copy)`.slice(0, 200), createdAt: now, updatedAt: now });
  }

  usage(id: string): WindowUsage {
    this.get(id);
    const tenantName = new Map(this.tenants.all().map((t) => [t.id, t.name]));
    return {
      tenants: this.tenants
        .all()
        .filter((t) => t.windowId === id)
        .map((t) => ({ id: t.id, name: t.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      groups: this.groups
        .all()
        .filter((g) => g.windowId === id)
        .sort((a, b) => (tenantName.get(a.tenantId) ?? '').localeCompare(tenantName.get(b.tenantId) ?? '') || a.order - b.order)
        .map((g) => ({ id: g.id, name: g.name, tenantId: g.tenantId })),
    };
  }

  /**
   * Deleting a window that is still assigned would silently stop automated maintenance for its
   * computers, so it is refused with the list of places to unassign it first.
   */
  delete(id: string): void {
    const usage = this.usage(id);
    if (usage.tenants.length > 0 || usage.groups.length > 0) {
      const tenantName = new Map(this.tenants.all().map((t) => [t.id, t.name]));
      const places = [
        ...usage.tenants.map((t) => `tenant ${t.name}`),
        ...usage.groups.map((g) => `group ${g.name} (${tenantName.get(g.tenantId) ?? g.tenantId})`),
      ];
      throw new ApiError('conflict', `window ${this.get(id).name} is still assigned to ${places.join(', ')}: remove those assignments first`);
    }
    this.windows.delete(id);
  }

  preview(id: string, from: string, to: string): OccurrenceView[] {
    const window = this.get(id);
    const [a, b] = [Date.parse(from), Date.parse(to)];
    if (!(b > a)) throw invalid('to', 'must be after from');
    if (b - a > MAX_PREVIEW_MS) throw invalid('to', 'the range may span at most 400 days');
    return compileWindow(window)
      .between(a, b)
      .map((o) => ({ start: new Date(o.start).toISOString(), end: new Date(o.end).toISOString() }));
  }
}
