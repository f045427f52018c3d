// Typed calls from the shell (tray, notifications) into the core, through the same dispatcher the
// window and the HTTP API use, so the shell gets no private door into the core.
import type { ApiInput, ApiOutput, MethodName } from '../../shared/api/contract.js';
import type { ApiPort } from './ipc-server.js';

export class CoreCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CoreCallError';
  }
}

export async function callCore<M extends MethodName>(api: ApiPort, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await api.call(method, input);
  if (!result.ok) throw new CoreCallError(result.body.error.code, result.body.error.message);
  // The dispatcher ran the handler for `method`, whose type is ApiOutput<M>.
  return result.value as ApiOutput<M>;
}
