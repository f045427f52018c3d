// What `npm start` runs: the desktop app where Electron can run, else the web console — with the
// reason in words. Fetching a missing Electron binary is tried once, briefly, then not again for an
// hour: on a machine without internet it would otherwise cost every start the full timeout.

export type Found = { path: string } | { reason: string };
export type Fetched = { ok: true } | { ok: false; reason: string };

export interface LaunchPorts {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** 0 for root on POSIX; undefined on Windows. */
  uid: number | undefined;
  now(): number;
  findElectron(): Found;
  /** Runs Electron's own installer (node_modules/electron/install.js), killed after `timeoutMs`. */
  fetchElectron(timeoutMs: number): Promise<Fetched>;
  lastFetchFailure(): number | null;
  recordFetchFailure(at: number): void;
}

export type LaunchPlan = { kind: 'electron'; binary: string; fetched: boolean } | { kind: 'web'; why: string };

export const FETCH_TIMEOUT_MS = 15_000;
export const FETCH_RETRY_AFTER_MS = 60 * 60_000;

export async function planLaunch(ports: LaunchPorts): Promise<LaunchPlan> {
  const { env } = ports;
  if (env.STEWARD_WEB) return { kind: 'web', why: 'STEWARD_WEB is set' };
  if (ports.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { kind: 'web', why: 'there is no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  if (ports.platform === 'linux' && ports.uid === 0) return { kind: 'web', why: "Electron's sandbox refuses to run as root, and Steward does not turn the sandbox off" };
  const found = ports.findElectron();
  if ('path' in found) return { kind: 'electron', binary: found.path, fetched: false };
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { kind: 'web', why: `${found.reason}, and ELECTRON_SKIP_BINARY_DOWNLOAD is set` };
  const failedAt = ports.lastFetchFailure();
  if (failedAt !== null && ports.now() - failedAt < FETCH_RETRY_AFTER_MS && !env.STEWARD_FETCH_ELECTRON) {
    const minutes = Math.max(1, Math.round((ports.now() - failedAt) / 60_000));
    return { kind: 'web', why: `${found.reason}; fetching it failed ${minutes} min ago (set STEWARD_FETCH_ELECTRON=1 to try again now)` };
  }
  const fetched = await ports.fetchElectron(FETCH_TIMEOUT_MS);
  const after = fetched.ok ? ports.findElectron() : null;
  if (after && 'path' in after) return { kind: 'electron', binary: after.path, fetched: true };
  ports.recordFetchFailure(ports.now());
  const why = fetched.ok ? 'its installer finished but left no binary' : fetched.reason;
  return { kind: 'web', why: `${found.reason}, and fetching it failed: ${why}` };
}
