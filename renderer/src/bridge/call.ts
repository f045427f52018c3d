// Calls a Console API method by name on a StewardBridge (`tenants.create` → bridge.tenants.create).
import type { StewardBridge } from '../../../shared/api/bridge.js';
import { consoleApi, type ApiInput, type ApiOutput, type MethodName } from '../../../shared/api/contract.js';

type AnyMethod = (input: unknown) => Promise<unknown>;

export function callBridge<M extends MethodName>(bridge: StewardBridge, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const dot = method.indexOf('.');
  const domain = (bridge as unknown as Record<string, Record<string, AnyMethod> | undefined>)[method.slice(0, dot)];
  const fn = domain?.[method.slice(dot + 1)];
  if (!fn) return Promise.reject(new Error(`this console does not offer ${method}`));
  return fn.call(domain, input) as Promise<ApiOutput<M>>;
}

/** True for methods that change state: refused while the console is offline. */
export function isWrite(method: MethodName): boolean {
  return consoleApi[method].writes;
}
