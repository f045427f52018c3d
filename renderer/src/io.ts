// Everything the console store needs to reach the core — the bridge (axios, WebSocket), the
// replica (Dexie) and the contract (zod) — in one module that main.ts loads after the first
// screen has painted, so none of it weighs on the first paint.
export { callBridge, isWrite } from './bridge/call.js';
export { isHttpBridge, useBridge } from './bridge/use-bridge.js';
export { KIND_NAMES } from './replica/entity-kinds.js';
export { ReplicaDb } from './replica/replica-db.js';
export { ReplicaSync, type AppliedBatch } from './replica/replica-sync.js';
