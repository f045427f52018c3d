// API handlers: computer groups.
import type { groupsApi } from '../../../../shared/api/groups.js';
import type { GroupsService } from '../../groups/groups-service.js';
import type { Handlers } from '../handlers.js';

export function groupHandlers(s: { groups: GroupsService }): Handlers<keyof typeof groupsApi> {
  return {
    'groups.create': (input) => s.groups.create(input),
    'groups.update': (input) => s.groups.update(input),
    'groups.list': ({ tenantId }) => ({ items: s.groups.list(tenantId) }),
    'groups.get': ({ id }) => s.groups.get(id),
    'groups.delete': ({ id }) => {
      s.groups.delete(id);
      return { id, deleted: true as const };
    },
    'groups.reorder': ({ tenantId, groupIds }) => ({ items: s.groups.reorder(tenantId, groupIds) }),
  };
}
