// A typed Console API client over HTTP (axios): for scripts, the web renderer, tests and benchmarks.
import axios, { type AxiosInstance } from 'axios';
import type { ApiErrorBody, ApiInput, ApiOutput, MethodName } from './contract.js';

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | undefined,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
}

export interface HttpApiOptions {
  baseUrl: string;
  /** The API token; omit in a signed-in browser (the cookie is sent instead). */
  token?: string;
  timeoutMs?: number;
}

export function createHttpApiClient(options: HttpApiOptions): ApiClient {
  const http: AxiosInstance = axios.create({
    baseURL: options.baseUrl.replace(/\/$/, ''),
    timeout: options.timeoutMs ?? 30_000,
    headers: { 'Content-Type': 'application/json', ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}) },
    validateStatus: () => true,
    // The console uses no XSRF cookie. Without this, axios in a browser first reads one through the
    // async Cookie Store API, which holds every request back until the main thread is free again.
    withXSRFToken: false,
  });
  return {
    async call(method, input) {
      let response;
      try {
        response = await http.post<unknown>(`/api/${method}`, input);
      } catch (error) {
        throw new ApiCallError(0, 'unavailable', `the console cannot be reached: ${(error as Error).message}`, undefined);
      }
      if (response.status === 200) return response.data as ApiOutput<typeof method>;
      const body = response.data as Partial<ApiErrorBody> | undefined;
      throw new ApiCallError(response.status, body?.error?.code ?? 'internal', body?.error?.message ?? `HTTP ${response.status}`, body?.error?.field);
    },
  };
}
