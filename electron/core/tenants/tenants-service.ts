// Tenants: the technician's clients.
import type { Tenant } from '../../../shared/model/tenant.js';
import { newId } from '../../../shared/ids.js';
import { invalid, notFound } from '../errors.js';
import type { EntityCollection } from '../store/entity-collection.js';
import { isoNow, type Clock } from '../ports.js';

export class TenantsService {
  constructor(
    private readonly tenants: EntityCollection<Tenant>,
    private readonly clock: Clock,
    private readonly windowExists: (id: string) => boolean,
  ) {}

  list(): Tenant[] {
    return this.tenants.all().sort((a, b) => a.name.localeCompare(b.name));
  }

  get(id: string, field = 'id'): Tenant {
    const tenant = this.tenants.get(id);
    if (!tenant) throw notFound('tenant', id, field);
    return tenant;
  }

  create(name: string): Tenant {
    const now = isoNow(this.clock);
    return this.tenants.put({ id: newId(), name, windowId: null, createdAt: now, updatedAt: now });
  }

  update(input: { id: string; name?: string | undefined; windowId?: string | null | undefined }): Tenant {
    const current = this.get(input.id);
    if (input.windowId != null && !this.windowExists(input.windowId)) throw invalid('windowId', `window ${input.windowId} does not exist`);
    return this.tenants.put({
      ...current,
      name: input.name ?? current.name,
      windowId: input.windowId === undefined ? current.windowId : input.windowId,
      updatedAt: isoNow(this.clock),
    });
  }
}
