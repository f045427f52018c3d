import { describe, expect, it } from 'vitest';
import { browserOpener } from '../../../scripts/launch/browser-opener.js';
import { FETCH_TIMEOUT_MS, planLaunch, type Fetched, type Found, type LaunchPorts } from '../../../scripts/launch/launch-plan.js';
import { runWithTimeout } from '../../../scripts/launch/run-with-timeout.js';

const DESKTOP = { DISPLAY: ':0' };
const MISSING: Found = { reason: "Electron's binary is not installed" };

function ports(overrides: Partial<LaunchPorts> & { afterFetch?: Found; fetchResult?: Fetched } = {}) {
  const log = { fetches: [] as number[], recorded: [] as number[] };
  let installed: Found = MISSING;
  const p: LaunchPorts = {
    env: DESKTOP,
    platform: 'linux',
    uid: 1000,
    now: () => 10_000_000,
    findElectron: () => installed,
    fetchElectron: (timeoutMs) => {
      log.fetches.push(timeoutMs);
      installed = overrides.afterFetch ?? MISSING;
      return Promise.resolve(overrides.fetchResult ?? { ok: false, reason: 'no answer within 15 s' });
    },
    lastFetchFailure: () => null,
    recordFetchFailure: (at) => void log.recorded.push(at),
    ...overrides,
  };
  return { p, log };
}

describe('what npm start runs', () => {
  it('runs the installed Electron without fetching anything', async () => {
    const { p, log } = ports({ findElectron: () => ({ path: '/electron' }) });
    expect(await planLaunch(p)).toEqual({ kind: 'electron', binary: '/electron', fetched: false });
    expect(log.fetches).toEqual([]);
  });

  it('fetches a missing binary with a short timeout and runs it', async () => {
    const { p, log } = ports({ fetchResult: { ok: true }, afterFetch: { path: '/fetched/electron' } });
    expect(await planLaunch(p)).toEqual({ kind: 'electron', binary: '/fetched/electron', fetched: true });
    expect(log.fetches).toEqual([FETCH_TIMEOUT_MS]);
    expect(FETCH_TIMEOUT_MS).toBeLessThanOrEqual(20_000);
  });

  it('starts the web console when the fetch fails, says why and remembers the failure', async () => {
    const { p, log } = ports();
    expect(await planLaunch(p)).toEqual({ kind: 'web', why: "Electron's binary is not installed, and fetching it failed: no answer within 15 s" });
    expect(log.recorded).toEqual([10_000_000]);
  });

  it('does not try again for an hour after a failed fetch, unless asked to', async () => {
    const recent = ports({ lastFetchFailure: () => 10_000_000 - 5 * 60_000 });
    expect(await planLaunch(recent.p)).toEqual({ kind: 'web', why: expect.stringContaining('fetching it failed 5 min ago') });
    expect(recent.log.fetches).toEqual([]);
    const forced = ports({ lastFetchFailure: () => 10_000_000 - 5 * 60_000, env: { ...DESKTOP, STEWARD_FETCH_ELECTRON: '1' } });
    await planLaunch(forced.p);
    expect(forced.log.fetches).toHaveLength(1);
    const old = ports({ lastFetchFailure: () => 10_000_000 - 2 * 3_600_000 });
    await planLaunch(old.p);
    expect(old.log.fetches).toHaveLength(1);
  });

  it('counts an installer that succeeds without leaving a binary as a failure', async () => {
    const { p } = ports({ fetchResult: { ok: true } });
    expect(await planLaunch(p)).toEqual({ kind: 'web', why: expect.stringContaining('its installer finished but left no binary') });
  });

  it.each([
    ['STEWARD_WEB is set', { env: { ...DESKTOP, STEWARD_WEB: '1' } }, 'STEWARD_WEB is set'],
    ['there is no display', { env: {} }, 'there is no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)'],
    ['it runs as root on Linux', { uid: 0 }, "Electron's sandbox refuses to run as root, and Steward does not turn the sandbox off"],
    ['the download is switched off', { env: { ...DESKTOP, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } }, "Electron's binary is not installed, and ELECTRON_SKIP_BINARY_DOWNLOAD is set"],
  ] as const)('starts the web console without fetching when %s', async (_when, overrides, why) => {
    const { p, log } = ports(overrides);
    expect(await planLaunch(p)).toEqual({ kind: 'web', why });
    expect(log.fetches).toEqual([]);
  });

  it('needs no display variable on macOS and Windows', async () => {
    const { p } = ports({ platform: 'darwin', env: {}, findElectron: () => ({ path: '/Electron.app' }) });
    expect((await planLaunch(p)).kind).toBe('electron');
  });
});

describe('running the installer with a deadline', () => {
  it('kills a command that hangs, soon after the deadline', async () => {
    const started = Date.now();
    const result = await runWithTimeout(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], 300);
    expect(result).toEqual({ ok: false, reason: 'no answer within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports success, and the first line of the error of a failing command', async () => {
    expect(await runWithTimeout(process.execPath, ['-e', 'process.exit(0)'], 5000)).toEqual({ ok: true });
    const failed = await runWithTimeout(process.execPath, ['-e', 'console.error("RequestError: getaddrinfo ENOTFOUND github.com\\n    at x"); process.exit(1)'], 5000);
    expect(failed).toEqual({ ok: false, reason: 'RequestError: getaddrinfo ENOTFOUND github.com' });
  });

  it('reports a command that cannot start', async () => {
    expect(await runWithTimeout('/nonexistent/steward-test-binary', [], 5000)).toEqual({ ok: false, reason: expect.stringContaining('ENOENT') });
  });
});

describe('opening the web console in a browser', () => {
  it('uses xdg-open on a Linux desktop, and prints the URL without a display', () => {
    const open = browserOpener('linux', { DISPLAY: ':0' }, (c) => c === 'xdg-open');
    expect(open!('http://127.0.0.1:7420/?token=t')).toEqual(['xdg-open', ['http://127.0.0.1:7420/?token=t']]);
    expect(browserOpener('linux', {}, () => true)).toBeNull();
    expect(browserOpener('linux', { WAYLAND_DISPLAY: 'wayland-0' }, () => false)).toBeNull();
  });

  it('uses the system opener on macOS and Windows', () => {
    expect(browserOpener('darwin', {}, () => false)!('u')).toEqual(['open', ['u']]);
    expect(browserOpener('win32', {}, () => false)!('u')).toEqual(['rundll32', ['url.dll,FileProtocolHandler', 'u']]);
  });
});
