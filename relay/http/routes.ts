// The relay's HTTP API: one handler per route, each parsing its input with the shared schema and
// checking the caller's role before it touches anything.
import {
  ClaimRequest, InvitationRequest, JoinRequest, PullQuery, PushRequest, ReleaseRequest, RevokeRequest, RoleRequest, RunRequest, SnapshotQuery,
  type ClaimResponse, type ForwardResponse, type LeasesResponse, type PullResponse, type PushResponse,
} from '../../shared/sync/relay-api.js';
import { hlcWall } from '../../shared/sync/hlc.js';
import { MAX_CLOCK_AHEAD_MS, MAX_OP_BYTES, MAX_PUSH_BYTES, SYNC_PROTOCOL_VERSION } from '../../shared/sync/operation.js';
import { may, refusalFor, type TeamAction } from '../../shared/sync/roles.js';
import type { Forwarder } from '../forwarder.js';
import { memberView } from '../member-view.js';
import type { RelayBus } from '../sql/driver.js';
import type { LeaseStore } from '../store/lease-store.js';
import type { LogStore } from '../store/log-store.js';
import type { MemberRecord, MembersStore } from '../store/members-store.js';
import { parseInput, parseJson, RelayHttpError } from './http-util.js';

export interface RouteContext {
  member: MemberRecord | null;
  body(): Promise<string>;
  query: URLSearchParams;
  now: number;
}

export interface Route {
  /** Who may call it: null for anyone (info, join), else the action the member's role must allow. */
  action: TeamAction | null;
  maxBody: number;
  handle(ctx: RouteContext): Promise<unknown>;
}

export interface RouteDeps {
  members: MembersStore;
  log: LogStore;
  leases: LeaseStore;
  bus: RelayBus;
  forwarder: Forwarder;
  /** Compacts the log when it has grown past what the relay keeps. */
  afterAppend(head: number): void;
}

const SMALL = 64 * 1024;

function queryObject(query: URLSearchParams): Record<string, string> {
  return Object.fromEntries(query.entries());
}

export function createRoutes(d: RouteDeps): Map<string, Route> {
  const routes = new Map<string, Route>();
  const add = (key: string, route: Route) => routes.set(key, route);
  const self = (ctx: RouteContext) => ctx.member!;

  add('GET /v1/info', {
    action: null,
    maxBody: 0,
    handle: async () => ({ workspace: await d.members.workspace(), protocol: SYNC_PROTOCOL_VERSION, head: (await d.log.position()).head }),
  });

  add('POST /v1/join', {
    action: null,
    maxBody: SMALL,
    handle: async (ctx) => {
      const input = parseJson(JoinRequest, await ctx.body());
      const result = await d.members.join(input.invitation, input.name, input.consoleId, new Date(ctx.now));
      if ('refused' in result) {
        const message = { unknown: 'this invitation is not valid for this relay', used: 'this invitation has already been used', expired: 'this invitation has expired' }[result.refused];
        throw new RelayHttpError(403, `invitation-${result.refused}`, message);
      }
      await d.bus.publish({ type: 'members', memberId: result.member.id });
      return { workspace: await d.members.workspace(), member: memberView(result.member, false), token: result.token };
    },
  });

  add('GET /v1/me', {
    action: 'read',
    maxBody: 0,
    handle: async (ctx) => ({ workspace: await d.members.workspace(), member: memberView(self(ctx), true), head: (await d.log.position()).head }),
  });

  add('GET /v1/members', {
    action: 'read',
    maxBody: 0,
    handle: async (ctx) => {
      const online = await d.leases.onlineMembers(ctx.now);
      return { members: (await d.members.list()).map((m) => memberView(m, m.revokedAt === null && online.has(m.id))) };
    },
  });

  add('POST /v1/invitations', {
    action: 'manage-members',
    maxBody: SMALL,
    handle: async (ctx) => {
      const input = parseJson(InvitationRequest, await ctx.body());
      const expiresAt = new Date(ctx.now + input.expiresInHours * 3600_000);
      const created = await d.members.createInvitation(input.role, self(ctx).id, new Date(ctx.now), expiresAt);
      return { id: created.id, invitation: created.invitation, role: input.role, expiresAt: expiresAt.toISOString() };
    },
  });

  const memberChange = async (result: MemberRecord | 'not-found' | 'last-owner', ctx: RouteContext) => {
    if (result === 'not-found') throw new RelayHttpError(404, 'not-found', 'no such member (or already revoked)');
    if (result === 'last-owner') throw new RelayHttpError(409, 'last-owner', 'the team must keep at least one owner: make someone else owner first');
    const online = await d.leases.onlineMembers(ctx.now);
    return memberView(result, online.has(result.id));
  };

  add('POST /v1/members/role', {
    action: 'manage-members',
    maxBody: SMALL,
    handle: async (ctx) => {
      const input = parseJson(RoleRequest, await ctx.body());
      const view = await memberChange(await d.members.setRole(input.memberId, input.role), ctx);
      await d.bus.publish({ type: 'members', memberId: input.memberId });
      return view;
    },
  });

  const revoke = async (memberId: string, ctx: RouteContext) => {
    const view = await memberChange(await d.members.revoke(memberId, new Date(ctx.now)), ctx);
    await d.bus.publish({ type: 'revoked', memberId });
    await d.bus.publish({ type: 'members', memberId });
    return view;
  };

  add('POST /v1/members/revoke', {
    action: 'manage-members',
    maxBody: SMALL,
    handle: async (ctx) => revoke(parseJson(RevokeRequest, await ctx.body()).memberId, ctx),
  });

  add('POST /v1/leave', { action: 'read', maxBody: SMALL, handle: async (ctx) => revoke(self(ctx).id, ctx) });

  add('POST /v1/ops', {
    action: 'write',
    maxBody: MAX_PUSH_BYTES,
    handle: async (ctx): Promise<PushResponse> => {
      const input = parseJson(PushRequest, await ctx.body());
      const tooBig = input.ops.find((op) => JSON.stringify(op).length > MAX_OP_BYTES);
      if (tooBig) throw new RelayHttpError(400, 'too-large', `operation ${tooBig.clientSeq} is larger than ${MAX_OP_BYTES} bytes`);
      const tooFar = input.ops.find((op) => hlcWall(op.hlc) > ctx.now + MAX_CLOCK_AHEAD_MS);
      if (tooFar) throw new RelayHttpError(400, 'clock-ahead', `operation ${tooFar.clientSeq} is stamped more than a day ahead of the relay's clock: fix this computer's clock`);
      const outcome = await d.log.append(input.clientId, self(ctx).id, input.ops, new Date(ctx.now));
      if (!outcome.ok) {
        const status = outcome.code === 'client-mismatch' ? 403 : 409;
        throw new RelayHttpError(status, outcome.code, outcome.message, 'expected' in outcome ? { expected: outcome.expected } : {});
      }
      if (outcome.results.some((r) => !r.duplicate)) {
        await d.bus.publish({ type: 'ops', head: outcome.head });
        d.afterAppend(outcome.head);
      }
      return { results: outcome.results, head: outcome.head };
    },
  });

  add('GET /v1/ops', {
    action: 'read',
    maxBody: 0,
    handle: async (ctx): Promise<PullResponse> => {
      const input = parseInput(PullQuery, queryObject(ctx.query));
      const [workspace, position] = await Promise.all([d.members.workspace(), d.log.position()]);
      const reset = (reason: string): PullResponse => ({ reset: true, logId: workspace.logId, head: position.head, reason });
      if (input.logId !== undefined && input.logId !== workspace.logId) return reset('this cursor belongs to another log (the relay was reset or replaced)');
      if (input.cursor > position.head) return reset('this cursor is ahead of the relay (the relay lost entries, e.g. restored from a backup)');
      if (input.cursor < position.compactedThrough) return reset(`the relay no longer keeps entries after ${input.cursor}`);
      const ops = await d.log.read(input.cursor, input.limit);
      return { reset: false, logId: workspace.logId, ops, cursor: ops.length > 0 ? ops[ops.length - 1]!.seq : input.cursor, head: position.head };
    },
  });

  add('GET /v1/snapshot', {
    action: 'read',
    maxBody: 0,
    handle: async (ctx) => {
      const input = parseInput(SnapshotQuery, queryObject(ctx.query));
      // Read the head first: every state read afterwards is at least as new as it.
      const [workspace, position] = await Promise.all([d.members.workspace(), d.log.position()]);
      let page;
      try {
        page = await d.log.snapshot(input.after, input.limit);
      } catch {
        throw new RelayHttpError(400, 'invalid-input', 'after: is not a snapshot position this relay gave out');
      }
      return { logId: workspace.logId, head: position.head, ...page };
    },
  });

  add('GET /v1/leases', { action: 'read', maxBody: 0, handle: async (ctx): Promise<LeasesResponse> => ({ leases: await d.leases.all(ctx.now) }) });

  add('POST /v1/leases/claim', {
    action: 'run',
    maxBody: MAX_PUSH_BYTES,
    handle: async (ctx): Promise<ClaimResponse> => {
      const input = parseJson(ClaimRequest, await ctx.body());
      if (input.consoleId !== self(ctx).consoleId) throw new RelayHttpError(403, 'forbidden', 'a console claims computers for itself only');
      const result = await d.leases.claim(input.consoleId, self(ctx).id, input.computerIds, ctx.now);
      if (result.granted.length > 0) await d.bus.publish({ type: 'leases', computerIds: result.granted.slice(0, 200) });
      return result;
    },
  });

  add('POST /v1/leases/release', {
    action: 'run',
    maxBody: MAX_PUSH_BYTES,
    handle: async (ctx) => {
      const input = parseJson(ReleaseRequest, await ctx.body());
      const member = self(ctx);
      if (input.force && !may(member.role, 'manage-members')) throw new RelayHttpError(403, 'forbidden', "only an owner may move another console's computers");
      const released = await d.leases.release(input.force ? null : member.consoleId, input.computerIds);
      if (released.length > 0) await d.bus.publish({ type: 'leases', computerIds: released.slice(0, 200) });
      return { released };
    },
  });

  add('POST /v1/forward/run', {
    action: 'run',
    maxBody: MAX_PUSH_BYTES,
    handle: async (ctx): Promise<ForwardResponse> => d.forwarder.forward(self(ctx), parseJson(RunRequest, await ctx.body()), ctx.now),
  });

  add('GET /v1/audit/clients', { action: 'read', maxBody: 0, handle: async () => ({ clients: await d.log.countByClient() }) });

  return routes;
}

export function authorize(route: Route, member: MemberRecord | null): void {
  if (route.action === null) return;
  if (!member) throw new RelayHttpError(401, 'unauthorized', 'missing or unknown member token: send Authorization: Bearer <token>');
  if (member.revokedAt !== null) throw new RelayHttpError(401, 'revoked', 'this membership has been revoked');
  if (!may(member.role, route.action)) throw new RelayHttpError(403, 'forbidden', refusalFor(member.role, route.action));
}
