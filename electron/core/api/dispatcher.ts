// Parses a call against the contract, runs its handler and reports errors the same way on every transport.
import { consoleApi, isMethodName, type ApiErrorBody, type MethodName } from '../../../shared/api/contract.js';
import { describeIssues } from '../../../shared/api/errors.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../ports.js';
import type { Handler, Handlers } from './handlers.js';

export type CallResult = { ok: true; value: unknown } | { ok: false; status: number; body: ApiErrorBody };

const STATUS: Record<ApiError['code'], number> = {
  'invalid-input': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

export function errorResult(error: ApiError): CallResult {
  const body: ApiErrorBody = { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
  return { ok: false, status: STATUS[error.code], body };
}

export class ApiDispatcher {
  constructor(
    private readonly handlers: Handlers,
    private readonly logger: Logger,
    /** Why a write is refused on this console (a team viewer's), or null: the same on every transport. */
    private readonly writeGuard: (method: string) => string | null = () => null,
  ) {}

  isWrite(method: string): boolean {
    return isMethodName(method) && consoleApi[method].writes;
  }

  async call(method: string, input: unknown): Promise<CallResult> {
    if (!isMethodName(method)) return errorResult(new ApiError('not-found', `unknown API method ${method}`));
    const refusal = consoleApi[method].writes ? this.writeGuard(method) : null;
    if (refusal) return errorResult(new ApiError('forbidden', refusal));
    const parsed = consoleApi[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error);
      return errorResult(new ApiError('invalid-input', message, field));
    }
    try {
      const handler: Handler<MethodName> = this.handlers[method];
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof ApiError) return errorResult(error);
      this.logger.error('API method failed', { method, error: (error as Error).stack });
      return errorResult(new ApiError('internal', `internal error in ${method}: ${(error as Error).message}`));
    }
  }
}
