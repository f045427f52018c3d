// API handlers: the software library and deployments.
import type { deploymentsApi } from '../../../../shared/api/deployments.js';
import type { softwareApi } from '../../../../shared/api/software.js';
import type { DeploymentsService } from '../../library/deployments-service.js';
import type { SoftwareService } from '../../library/software-service.js';
import type { Handlers } from '../handlers.js';

export function libraryHandlers(s: { software: SoftwareService; deployments: DeploymentsService }): Handlers<keyof typeof softwareApi | Exclude<keyof typeof deploymentsApi, 'deployments.explain'>> {
  return {
    'software.create': (input) => s.software.create(input),
    'software.update': (input) => s.software.update(input),
    'software.addVersion': (input) => s.software.addVersion(input),
    'software.updateVersion': (input) => s.software.updateVersion(input),
    'software.removeVersion': ({ softwareId, version }) => s.software.removeVersion(softwareId, version),
    'software.delete': ({ id }) => {
      s.software.delete(id);
      return { id, deleted: true as const };
    },
    'software.list': () => ({ items: s.software.list() }),
    'software.get': ({ id }) => s.software.get(id),

    'deployments.create': (input) => s.deployments.create(input),
    'deployments.update': (input) => s.deployments.update(input),
    'deployments.delete': ({ id }) => {
      s.deployments.delete(id);
      return { id, deleted: true as const };
    },
    'deployments.list': () => ({ items: s.deployments.list() }),
    'deployments.get': ({ id }) => s.deployments.get(id),
  };
}
