// API handlers: maintenance windows.
import type { windowsApi } from '../../../../shared/api/windows.js';
import type { WindowsService } from '../../windows/windows-service.js';
import type { Handlers } from '../handlers.js';

export function windowHandlers(s: { windows: WindowsService }): Handlers<keyof typeof windowsApi> {
  return {
    'windows.create': (input) => s.windows.create(input),
    'windows.update': (input) => s.windows.update(input),
    'windows.list': () => ({ items: s.windows.list() }),
    'windows.get': ({ id }) => s.windows.get(id),
    'windows.delete': ({ id }) => {
      s.windows.delete(id);
      return { id, deleted: true as const };
    },
    'windows.duplicate': ({ id, name }) => s.windows.duplicate(id, name),
    'windows.preview': ({ id, from, to }) => ({ occurrences: s.windows.preview(id, from, to) }),
    'windows.usage': ({ id }) => s.windows.usage(id),
  };
}
