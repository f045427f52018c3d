// Where the renderer runs: in the desktop app (a preload set `window.steward`) or in a browser
// talking to the web console (sign-in by cookie applies). No imports: safe for the first paint.
export function isWebConsole(): boolean {
  return typeof window !== 'undefined' && window.steward === undefined;
}
