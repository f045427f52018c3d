// Something the shell must stop: a listener, a timer, a tray icon. Synchronous, unlike the core's
// Disposable, whose dispose may be async (a database closing).
export interface Subscription {
  dispose(): void;
}
