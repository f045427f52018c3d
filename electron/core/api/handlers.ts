// The Console API's implementation type: one function per method of the contract.
import type { ApiOutput, ApiParsedInput, MethodName } from '../../../shared/api/contract.js';

export type Handler<M extends MethodName> = (input: ApiParsedInput<M>) => ApiOutput<M> | Promise<ApiOutput<M>>;

export type Handlers<K extends MethodName = MethodName> = { [M in K]: Handler<M> };
