// The one store that does I/O: it owns the bridge, knows whether the core can be reached, keeps
// the replica current, fans events out to the other stores, and refuses edits while offline.
// Other stores read entities through `entities()` and call the API through `call()`.
// The I/O code itself (bridge, Dexie, zod) is loaded by start(), after the first screen painted.
import { defineStore } from 'pinia';
import { reactive, toRefs } from 'vue';
import type { NavigationRequest, StewardBridge } from '../../../shared/api/bridge.js';
import type { SecretStorage } from '../../../shared/api/system.js';
import type { ApiInput, ApiOutput, MethodName } from '../../../shared/api/contract.js';
import type { ConsoleEvent } from '../../../shared/api/events.js';
import { BridgeFailure, isUnauthorized, isUnavailable, OFFLINE_EDIT_MESSAGE, toBridgeError } from '../bridge/bridge-error.js';
import { isWebConsole } from '../bridge/environment.js';
import type { LinkState } from '../bridge/events-socket.js';
import { signInWithToken, signOut as signOutRequest } from '../bridge/sign-in.js';
import { EntityMaps } from '../replica/entity-cache.js';
import type { EntityOf, ReplicatedKind } from '../replica/entity-kinds.js';
import type { ReplicaDb } from '../replica/replica-db.js';
import type { AppliedBatch, ReplicaSync } from '../replica/replica-sync.js';

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
  /** How the console keeps its secrets at rest (for the settings screen). */
  secretStorage: SecretStorage | null;
  /** Why the last sign-in attempt failed, for the sign-in page. */
  signInError: string | null;
}

export interface ConsoleStoreOptions {
  bridge?: StewardBridge;
  db?: ReplicaDb;
}

type Io = typeof import('../io.js');

let options: ConsoleStoreOptions = {};

/** Tests (and the benchmark) hand the store its bridge and replica before first use. */
export function configureConsoleStore(next: ConsoleStoreOptions): void {
  options = next;
}

/** While a sync pulls page after page, the screens are updated at most this often. */
const FLUSH_MS = 400;

export const useConsoleStore = defineStore('console', () => {
  const state = reactive<ConsoleState>({
    status: 'starting',
    replicaLoaded: false,
    syncing: false,
    syncedAt: null,
    onlineEpoch: 0,
    consoleVersion: null,
    secretStorage: null,
    signInError: null,
  });
  const maps = new EntityMaps();
  const listeners = new Set<(event: ConsoleEvent) => void>();
  const navigationListeners = new Set<(request: NavigationRequest) => void>();
  const disposers: (() => void)[] = [];
  let ioLoad: Promise<Io> | null = null;
  /** The I/O code once loaded: a call then sends its request at once, not after pending renders. */
  let ioReady: { io: Io; bridge: StewardBridge } | null = null;
  let started = false;
  let bridge: StewardBridge | null = null;
  let db: ReplicaDb | null = null;
  let replica: ReplicaSync | null = null;
  let loading: Promise<void> = Promise.resolve();
  let connecting: Promise<void> | null = null;
  let pending: AppliedBatch[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;

  function entities<K extends ReplicatedKind>(kind: K): ReadonlyMap<string, EntityOf<K>> {
    return maps.of(kind).value as ReadonlyMap<string, EntityOf<K>>;
  }

  /** The I/O code and the bridge, loaded once. */
  async function io(): Promise<{ io: Io; bridge: StewardBridge }> {
    const loaded = await (ioLoad ??= import('../io.js'));
    bridge ??= options.bridge ?? loaded.useBridge();
    return (ioReady = { io: loaded, bridge });
  }

  function flush(): void {
    if (flushTimer !== null) clearTimeout(flushTimer);
    flushTimer = null;
    const batches = pending;
    pending = [];
    if (batches.length > 0) maps.apply(batches);
  }

  function queue(batch: AppliedBatch, delayMs: number): void {
    pending.push(batch);
    if (batch.reset) return flush();
    flushTimer ??= setTimeout(flush, delayMs);
  }

  async function start(): Promise<void> {
    if (started) return;
    started = true;
    const { io: kit, bridge: b } = await io();
    db = options.db ?? new kit.ReplicaDb();
    const replicaDb = db;
    const sync = new kit.ReplicaSync(replicaDb, (cursor) => kit.callBridge(b, 'changes.since', { cursor, limit: 1000 }), (batch) => queue(batch, FLUSH_MS));
    replica = sync;
    disposers.push(b.events.onEvent(onEvent));
    // The desktop app asks to open a view (a clicked failure notification); the web console cannot.
    const stopNavigate = b.events.onNavigate?.((request) => {
      for (const listener of [...navigationListeners]) listener(request);
    });
    if (stopNavigate) disposers.push(stopNavigate);
    if (kit.isHttpBridge(b)) {
      disposers.push(b.link.onState(onLink));
      b.link.start();
    }
    loading = (async () => {
      try {
        state.syncedAt = (await sync.open()).syncedAt;
        await maps.load(replicaDb, kit.KIND_NAMES);
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
        const { io: kit, bridge: b } = await io();
        const info = await kit.callBridge(b, 'system.info', {});
        state.consoleVersion = info.version;
        state.secretStorage = info.secretStorage;
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
      flush();
      state.syncing = false;
    }
  }

  function onEvent(event: ConsoleEvent): void {
    if (event.type === 'changes' && replica && event.cursor > replica.state.cursor) void catchUp();
    if (event.type === 'computer' && replica) {
      const r = replica;
      void loading.then(() => r.applyLive('computer', event.computer));
    }
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

  /** Follows one session's log lines (or '*'); returns the unsubscribe function. */
  /** Hears the desktop app's requests to open a view; main.ts turns them into routes. */
  function onNavigationRequest(listener: (request: NavigationRequest) => void): () => void {
    navigationListeners.add(listener);
    return () => void navigationListeners.delete(listener);
  }

  function subscribeLogs(sessionId: string): () => void {
    let stop: (() => void) | null = null;
    let cancelled = false;
    void io().then(({ bridge: b }) => {
      if (!cancelled) stop = b.events.subscribeLogs(sessionId);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }

  /** Calls the Console API. Edits are refused while the core cannot be reached, never queued or lost. */
  async function call<M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
    const { io: kit, bridge: b } = ioReady ?? (await io());
    const writes = kit.isWrite(method);
    if (writes && (state.status === 'offline' || state.status === 'signed-out')) {
      throw new BridgeFailure('unavailable', OFFLINE_EDIT_MESSAGE);
    }
    try {
      return await kit.callBridge(b, method, input);
    } catch (error) {
      const failure = toBridgeError(error);
      failed(failure);
      if (isUnavailable(failure) && writes) {
        throw new BridgeFailure('unavailable', 'The console could not be reached, so this change may not have been saved. Check again when it is back.');
      }
      throw failure;
    }
  }

  /** Shows an entity the API just returned at once, before the change feed brings it. */
  async function remember<K extends ReplicatedKind>(kind: K, entity: EntityOf<K>): Promise<void> {
    await loading;
    await replica?.applyLive(kind, entity);
    flush();
  }

  function retry(): void {
    void io().then(({ io: kit, bridge: b }) => kit.isHttpBridge(b) && b.link.reconnectNow());
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
    if (flushTimer !== null) clearTimeout(flushTimer);
    db?.close();
  }

  return { ...toRefs(state), entities, start, connect, catchUp, call, remember, onConsoleEvent, onNavigationRequest, subscribeLogs, retry, signIn, signOut, dispose };
});
