import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { externalLinkDecision, NavigationGuard } from '../../../electron/shell/navigation-guard.js';
import { installPermissionGuards, permissionAllowed } from '../../../electron/shell/permissions.js';
import { recordingLogger } from './fakes.js';

function guard() {
  const opened: string[] = [];
  const logger = recordingLogger();
  const g = new NavigationGuard((url) => (opened.push(url), Promise.resolve()), logger);
  return { g, opened, logger };
}

function navigation(url: string) {
  const state = { prevented: false };
  return { event: { url, preventDefault: () => void (state.prevented = true) }, state };
}

describe('links that leave the app', () => {
  it.each([
    ['https://docs.example.com/guide?x=1#top', true],
    ['HTTPS://Example.com/', true],
    ['http://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['mailto:someone@example.com', false],
    ['smb://server/share', false],
    ['ms-settings:windowsupdate', false],
    ['https://user:password@example.com/', false],
    ['not a url', false],
  ])('%s opens in the browser: %s', (url, opens) => {
    expect(externalLinkDecision(url).action).toBe(opens ? 'open-externally' : 'deny');
  });
});

describe('the navigation guard', () => {
  it('lets the window move within app://steward', () => {
    const { g, opened } = guard();
    const { event, state } = navigation('app://steward/sessions');
    g.onWillNavigate(event);
    expect(state.prevented).toBe(false);
    expect(opened).toEqual([]);
  });

  it('stops navigation to an https page and opens it in the browser instead', async () => {
    const { g, opened } = guard();
    const { event, state } = navigation('https://example.com/help');
    g.onWillNavigate(event);
    await Promise.resolve();
    expect(state.prevented).toBe(true);
    expect(opened).toEqual(['https://example.com/help']);
  });

  it('stops navigation to other schemes and opens nothing', async () => {
    const { g, opened, logger } = guard();
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:void(0)']) {
      const { event, state } = navigation(url);
      g.onWillNavigate(event);
      expect(state.prevented).toBe(true);
    }
    await Promise.resolve();
    expect(opened).toEqual([]);
    expect(logger.warnings).toHaveLength(4);
  });

  it('stops redirects and subframe navigation away from the app without opening the browser', async () => {
    const { g, opened } = guard();
    const { event, state } = navigation('https://example.com/');
    g.onOtherNavigation(event);
    await Promise.resolve();
    expect(state.prevented).toBe(true);
    expect(opened).toEqual([]);
  });

  it('denies every new window, opening only https links in the browser', async () => {
    const { g, opened } = guard();
    expect(g.onWindowOpen({ url: 'https://example.com/a' })).toEqual({ action: 'deny' });
    expect(g.onWindowOpen({ url: 'http://example.com/b' })).toEqual({ action: 'deny' });
    expect(g.onWindowOpen({ url: 'app://steward/index.html' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['https://example.com/a']);
  });

  it('wires itself into every navigation event of a web contents', () => {
    const { g } = guard();
    const events: string[] = [];
    let windowOpen: unknown = null;
    const contents = { on: (name: string) => void events.push(name), setWindowOpenHandler: (h: unknown) => void (windowOpen = h) };
    g.attach(contents as unknown as WebContents);
    expect(events.sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    expect(windowOpen).toBe(g.onWindowOpen);
  });
});

describe('web permissions', () => {
  const app = 'app://steward/index.html';

  it.each(['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'pointerLock', 'display-capture', 'hid', 'serial', 'usb', 'fileSystem', 'unknown'])(
    'refuses %s, even to the app',
    (permission) => {
      expect(permissionAllowed({ permission, requestingUrl: app, isMainFrame: true })).toBe(false);
    },
  );

  it('allows a clipboard write only from the app main frame', () => {
    expect(permissionAllowed({ permission: 'clipboard-sanitized-write', requestingUrl: app, isMainFrame: true })).toBe(true);
    expect(permissionAllowed({ permission: 'clipboard-sanitized-write', requestingUrl: 'app://steward', isMainFrame: true })).toBe(true);
    expect(permissionAllowed({ permission: 'clipboard-sanitized-write', requestingUrl: app, isMainFrame: false })).toBe(false);
    expect(permissionAllowed({ permission: 'clipboard-sanitized-write', requestingUrl: 'https://example.com/', isMainFrame: true })).toBe(false);
  });

  it('installs request, check and device handlers that answer no', () => {
    type Handler = (...args: unknown[]) => unknown;
    const installed: Record<string, Handler> = {};
    const session = {
      setPermissionRequestHandler: (h: Handler) => void (installed.request = h),
      setPermissionCheckHandler: (h: Handler) => void (installed.check = h),
      setDevicePermissionHandler: (h: Handler) => void (installed.device = h),
    };
    installPermissionGuards(session as unknown as Session, recordingLogger());
    const answers: boolean[] = [];
    installed.request!(null, 'media', (granted: boolean) => answers.push(granted), { requestingUrl: app, isMainFrame: true });
    installed.request!(null, 'clipboard-sanitized-write', (granted: boolean) => answers.push(granted), { requestingUrl: app, isMainFrame: true });
    expect(answers).toEqual([false, true]);
    expect(installed.check!(null, 'notifications', 'app://steward', { isMainFrame: true })).toBe(false);
    expect(installed.check!(null, 'clipboard-sanitized-write', 'https://evil.example', { isMainFrame: true })).toBe(false);
    expect(installed.device!({ deviceType: 'usb' })).toBe(false);
  });
});
