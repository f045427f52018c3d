// The one store that does I/O: it owns the bridge, knows whether the core can be reached, keeps
// the replica current, fans events out to the other stores, and refuses edits while offline.
// Other stores read entities through `entities()` and call the API through `call()`.
import { defineStore } from 'pinia';
import { reactive, toRefs } from 'vue';
import type { StewardBridge } from '../../../shared/api/bridge.js';
import type { ApiInput, ApiOutput, MethodName } from '../../../shared/api/contract.js';
import type { ConsoleEvent } from '../../../shared/api/events.js';
import { BridgeFailure, isUnauthorized, isUnavailable, OFFLINE_EDIT_MESSAGE, toBridgeError } from '../bridge/bridge-error.js';
import { callBridge, isWrite } from '../bridge/call.js';
import { signInWithToken, signOut as signOutRequest } from '../bridge/sign-in.js';
import { isHttpBridge, isWebConsole, useBridge } from '../bridge/use-bridge.js';
import type { LinkState } from '../bridge/events-socket.js';
import { applyBatch, createEntityMaps, loadEntityMaps } from '../replica/entity-cache.js';
import type { EntityOf, ReplicatedKind } from '../replica/entity-kinds.js';
import { ReplicaDb } from '../replica/replica-db.js';
import { ReplicaSync } from '../replica/replica-sync.js';

export type ConnectionStatus = 'starting' | 'online' | 'offline' | 'signed-out';

export interface ConsoleState {
  status: ConnectionStatus;
  /** The replica has been read from IndexedDB into memory: screens can show it. */
  replicaLoaded: boolean;
  /** A pull from the change feed is running. */
  syncing: boolean;
  /** When the replica last caught up with the core (ISO), null before the first time. */
  syncedAt: string | null;
  /** Bumped each time the core becomes reachable again: paged views reload on it. */
  onlineEpoch: number;
  consoleVersion: string | null;
  /** Why the last sign-in or connection attempt failed, for the sign-in page. */
  signInError: string | null;
}

export interface ConsoleStoreOptions {
  bridge?: StewardBridge;
  db?: ReplicaDb;
}

let options: ConsoleStoreOptions = {};

/** Tests (and the benchmark) hand the store its bridge and replica before first use. */
export function configureConsoleStore(next: ConsoleStoreOptions): void {
  options = next;
}

export const useConsoleStore = defineStore('console', () => {
  const state = reactive<ConsoleState>({
    status: 'starting',
    replicaLoaded: false,
    syncing: false,
    syncedAt: null,
    onlineEpoch: 0,
    consoleVersion: null,
    signInError: null,
  });
  const maps = createEntityMaps();
  const listeners = new Set<(event: ConsoleEvent) => void>();
  const disposers: (() => void)[] = [];
  let bridge: StewardBridge | null = null;
  let db: ReplicaDb | null = null;
  let replica: ReplicaSync | null = null;
  let loading: Promise<void> = Promise.resolve();
  let connecting: Promise<void> | null = null;

  function entities<K extends ReplicatedKind>(kind: K): ReadonlyMap<string, EntityOf<K>> {
    return maps[kind].value;
  }

  function requireBridge(): StewardBridge {
    bridge ??= options.bridge ?? useBridge();
    return bridge;
  }

  async function start(): Promise<void> {
    if (db) return;
    const b = requireBridge();
    db = options.db ?? new ReplicaDb();
    replica = new ReplicaSync(db, (cursor) => callBridge(b, 'changes.since', { cursor, limit: 1000 }), (batch) => applyBatch(maps, batch));
    disposers.push(b.events.onEvent(onEvent));
    if (isHttpBridge(b)) {
      disposers.push(b.link.onState(onLink));
      b.link.start();
    }
    const r = replica;
    loading = (async () => {
      try {
        state.syncedAt = (await r.open()).syncedAt;
        await loadEntityMaps(db, maps);
      } catch (error) {
        // Without IndexedDB the console still works; it just cannot open instantly or offline.
        console.warn('the replica could not be read', error);
      } finally {
        state.replicaLoaded = true;
      }
    })();
    await Promise.all([loading, connect()]);
  }

  /** Asks the core who it is; on an answer the console is online and the replica catches up. */
  function connect(): Promise<void> {
    connecting ??= (async () => {
      try {
        const info = await callBridge(requireBridge(), 'system.info', {});
        state.consoleVersion = info.version;
        state.signInError = null;
        const wasOnline = state.status === 'online';
        state.status = 'online';
        if (!wasOnline) state.onlineEpoch++;
        await loading;
        await replica?.bindTo(info.consoleId);
        await catchUp();
      } catch (error) {
        const failure = toBridgeError(error);
        state.status = isUnauthorized(failure) && isWebConsole() ? 'signed-out' : 'offline';
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  }

  function failed(error: BridgeFailure): void {
    if (isUnauthorized(error) && isWebConsole()) state.status = 'signed-out';
    else if (isUnavailable(error)) state.status = 'offline';
  }

  async function catchUp(): Promise<void> {
    if (!replica || state.status !== 'online') return;
    state.syncing = true;
    try {
      await loading;
      await replica.sync();
      state.syncedAt = replica.state.syncedAt;
    } catch (error) {
      failed(toBridgeError(error));
    } finally {
      state.syncing = false;
    }
  }

  function onEvent(event: ConsoleEvent): void {
    if (event.type === 'changes' && replica && event.cursor > replica.state.cursor) void catchUp();
    if (event.type === 'computer' && replica) void loading.then(() => replica?.applyLive('computer', event.computer));
    for (const listener of [...listeners]) listener(event);
  }

  function onLink(link: LinkState): void {
    if (link === 'open' && state.status !== 'online' && state.status !== 'signed-out') void connect();
    // The events socket closed: ask over HTTP whether the core is gone or only the socket dropped.
    if (link === 'closed' && state.status === 'online') void connect();
  }

  /** Subscribes to the core's events (sessions, actions, log lines, computers). */
  function onConsoleEvent(listener: (event: ConsoleEvent) => void): () => void {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }

  function subscribeLogs(sessionId: string): () => void {
    return requireBridge().events.subscribeLogs(sessionId);
  }

  /** Calls the Console API. Edits are refused while the core cannot be reached, never queued or lost. */
  async function call<M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
    if (isWrite(method) && (state.status === 'offline' || state.status === 'signed-out')) {
      throw new BridgeFailure('unavailable', OFFLINE_EDIT_MESSAGE);
    }
    try {
      return await callBridge(requireBridge(), method, input);
    } catch (error) {
      const failure = toBridgeError(error);
      failed(failure);
      if (isUnavailable(failure) && isWrite(method)) {
        throw new BridgeFailure('unavailable', 'The console could not be reached, so this change may not have been saved. Check again when it is back.');
      }
      throw failure;
    }
  }

  /** Shows an entity the API just returned at once, before the change feed brings it. */
  async function remember<K extends ReplicatedKind>(kind: K, entity: EntityOf<K>): Promise<void> {
    await loading;
    await replica?.applyLive(kind, entity);
  }

  function retry(): void {
    const b = requireBridge();
    if (isHttpBridge(b)) b.link.reconnectNow();
    void connect();
  }

  async function signIn(token: string): Promise<boolean> {
    const result = await signInWithToken(token);
    if (!result.ok) {
      state.signInError = result.message;
      return false;
    }
    state.status = 'starting';
    await connect();
    retry();
    return (state.status as ConnectionStatus) === 'online';
  }

  /** Signs the browser out and forgets the replica, so nothing stays readable on a shared machine. */
  async function signOut(): Promise<void> {
    await signOutRequest();
    await db?.delete();
    window.location.reload();
  }

  function dispose(): void {
    for (const d of disposers.splice(0)) d();
    db?.close();
  }

  return { ...toRefs(state), entities, start, connect, catchUp, call, remember, onConsoleEvent, subscribeLogs, retry, signIn, signOut, dispose };
});
