// The console's HTTP client for the relay (axios): each call's answer parsed with the shared schema.
// axios (and the ~20 modules it loads) is imported on the first call: a console that is not in a
// team never needs it, and its start is part of the time to the first screen.
import type { AxiosInstance } from 'axios';
import type { z } from 'zod';
import {
  ClaimResponse, ForwardResponse, InvitationResponse, JoinResponse, LeasesResponse, Member, MembersResponse, MeResponse, PullResponse, PushResponse, RelayErrorBody, ReleaseResponse, RelayInfo, SnapshotResponse,
  type RunRequest,
} from '../../../shared/sync/relay-api.js';
import type { ClientOp } from '../../../shared/sync/operation.js';
import type { Role } from '../../../shared/sync/roles.js';

export class RelayCallError extends Error {
  constructor(
    /** HTTP status; 0 when the relay could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly expected?: number,
  ) {
    super(message);
    this.name = 'RelayCallError';
  }

  get unreachable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** A relay base URL as the relay prints it: http(s)://host[:port][/prefix], no query. */
export function normalizeRelayUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) return null;
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export function streamUrl(relayUrl: string): string {
  return `${relayUrl.replace(/^http/, 'ws')}/v1/stream`;
}

export class RelayHttp {
  private client: Promise<AxiosInstance> | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly token: string | null,
    private readonly timeoutMs = 15_000,
  ) {}

  private http(): Promise<AxiosInstance> {
    const { baseUrl, token, timeoutMs } = this;
    this.client ??= import('axios').then(({ default: axios }) => axios.create({
      baseURL: baseUrl,
      timeout: timeoutMs,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      validateStatus: () => true,
      // The responses are parsed here, with the schemas.
      transformResponse: [(data: unknown) => data],
      maxContentLength: 256 * 1024 * 1024,
      maxBodyLength: 64 * 1024 * 1024,
    }));
    return this.client;
  }

  private async call<T extends z.ZodType>(schema: T, method: 'GET' | 'POST', path: string, body?: unknown, params?: Record<string, string | number | undefined>): Promise<z.output<T>> {
    let response;
    try {
      response = await (await this.http()).request<string>({ method, url: path, data: body === undefined ? undefined : JSON.stringify(body), params });
    } catch (error) {
      throw new RelayCallError(0, 'unreachable', `the relay at ${this.baseUrl} cannot be reached: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = typeof response.data === 'string' && response.data !== '' ? JSON.parse(response.data) : response.data;
    } catch {
      throw new RelayCallError(response.status || 0, 'bad-response', `the relay answered ${response.status} with something that is not JSON (is ${this.baseUrl} a Steward relay?)`);
    }
    if (response.status !== 200) {
      const parsed = RelayErrorBody.safeParse(json);
      if (parsed.success) throw new RelayCallError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.expected);
      throw new RelayCallError(response.status, 'bad-response', `the relay answered HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new RelayCallError(502, 'bad-response', `the relay's answer to ${path} does not match the sync protocol: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  info() {
    return this.call(RelayInfo, 'GET', '/v1/info');
  }

  join(invitation: string, name: string, consoleId: string) {
    return this.call(JoinResponse, 'POST', '/v1/join', { invitation, name, consoleId });
  }

  me() {
    return this.call(MeResponse, 'GET', '/v1/me');
  }

  members() {
    return this.call(MembersResponse, 'GET', '/v1/members');
  }

  createInvitation(role: Role, expiresInHours: number) {
    return this.call(InvitationResponse, 'POST', '/v1/invitations', { role, expiresInHours });
  }

  setRole(memberId: string, role: Role) {
    return this.call(Member, 'POST', '/v1/members/role', { memberId, role });
  }

  revoke(memberId: string) {
    return this.call(Member, 'POST', '/v1/members/revoke', { memberId });
  }

  leave() {
    return this.call(Member, 'POST', '/v1/leave', {});
  }

  push(clientId: string, ops: ClientOp[]) {
    return this.call(PushResponse, 'POST', '/v1/ops', { clientId, ops });
  }

  pull(cursor: number, logId: string | undefined, limit: number) {
    return this.call(PullResponse, 'GET', '/v1/ops', undefined, { cursor, logId, limit });
  }

  snapshot(after: string | undefined, limit: number) {
    return this.call(SnapshotResponse, 'GET', '/v1/snapshot', undefined, { after, limit });
  }

  leases() {
    return this.call(LeasesResponse, 'GET', '/v1/leases');
  }

  claim(consoleId: string, computerIds: string[]) {
    return this.call(ClaimResponse, 'POST', '/v1/leases/claim', { consoleId, computerIds });
  }

  release(computerIds: string[], force: boolean) {
    return this.call(ReleaseResponse, 'POST', '/v1/leases/release', { computerIds, force });
  }

  forwardRun(request: RunRequest) {
    return this.call(ForwardResponse, 'POST', '/v1/forward/run', request);
  }
}
