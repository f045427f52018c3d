import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopHandlers } from '../../../electron/core/api/handlers/desktop.js';
import { ApiDispatcher } from '../../../electron/core/api/dispatcher.js';
import type { Handlers } from '../../../electron/core/api/handlers.js';
import { silentLogger } from '../../../electron/core/ports.js';
import { parseDesktopArgs } from '../../../electron/shell/desktop-args.js';
import { desktopExec, ElectronLaunchAtLogin, XdgAutostart, xdgConfigHome } from '../../../electron/shell/launch-at-login.js';
import { powerEventsFrom } from '../../../electron/shell/power-events.js';

describe('launch at sign-in on Linux (XDG autostart)', () => {
  let home: string;
  beforeEach(() => void (home = mkdtempSync(join(tmpdir(), 'steward-autostart-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('writes, reads and removes ~/.config/autostart/steward.desktop', () => {
    const autostart = new XdgAutostart(home, ['/opt/Steward/steward', '--hidden']);
    expect(autostart.get()).toEqual({ available: true, enabled: false, reason: null });
    expect(autostart.set(true)).toEqual({ available: true, enabled: true, reason: null });
    const entry = readFileSync(join(home, 'autostart', 'steward.desktop'), 'utf8');
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=Steward\n');
    expect(entry).toContain('Exec=/opt/Steward/steward --hidden\n');
    expect(autostart.set(false).enabled).toBe(false);
    expect(existsSync(autostart.file)).toBe(false);
    expect(autostart.set(false).enabled).toBe(false);
  });

  it('treats an entry the user hid (Hidden=true) as off', () => {
    const autostart = new XdgAutostart(home, ['steward']);
    autostart.set(true);
    writeFileSync(autostart.file, '[Desktop Entry]\nExec=steward\nHidden=true\n');
    expect(autostart.get().enabled).toBe(false);
  });

  it('quotes and escapes Exec arguments as the Desktop Entry spec requires', () => {
    expect(desktopExec(['/home/ann/Apps/Steward.AppImage', '--hidden'])).toBe('/home/ann/Apps/Steward.AppImage --hidden');
    expect(desktopExec(['/home/ann/My Apps/Steward.AppImage'])).toBe('"/home/ann/My Apps/Steward.AppImage"');
    expect(desktopExec(['/opt/50%/steward'])).toBe('/opt/50%%/steward');
    expect(desktopExec(['a"b$c`d'])).toBe('"a\\\\"b\\\\$c\\\\`d"');
    expect(desktopExec(['C:\\x y'])).toBe('"C:\\\\\\\\x y"');
    expect(desktopExec([''])).toBe('""');
  });

  it('uses XDG_CONFIG_HOME when it is absolute, else ~/.config', () => {
    expect(xdgConfigHome({ XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toBe('/cfg');
    expect(xdgConfigHome({ XDG_CONFIG_HOME: 'relative' }, '/home/ann')).toBe('/home/ann/.config');
    expect(xdgConfigHome({}, '/home/ann')).toBe('/home/ann/.config');
  });
});

describe('launch at sign-in on macOS and Windows (Electron login items)', () => {
  it('writes and reads the login item with the same arguments', () => {
    const seen: unknown[] = [];
    let openAtLogin = false;
    const app = {
      getLoginItemSettings: (options?: { args?: string[] }) => (seen.push(['get', options]), { openAtLogin }),
      setLoginItemSettings: (settings: { openAtLogin: boolean; args?: string[] }) => {
        seen.push(['set', settings]);
        openAtLogin = settings.openAtLogin;
      },
    };
    expect(new ElectronLaunchAtLogin(app).set(true)).toEqual({ available: true, enabled: true, reason: null });
    expect(seen).toEqual([['set', { openAtLogin: true, args: ['--hidden'] }], ['get', { args: ['--hidden'] }]]);
  });
});

describe('the desktop API methods', () => {
  const dispatcher = (host: Parameters<typeof desktopHandlers>[0]) => new ApiDispatcher(desktopHandlers(host) as unknown as Handlers, silentLogger);

  it('tells the web console it cannot launch at sign-in, and refuses to set it with 503', async () => {
    const web = dispatcher(null);
    const get = await web.call('desktop.getLaunchAtLogin', {});
    expect(get).toMatchObject({ ok: true, value: { available: false, enabled: false } });
    const set = await web.call('desktop.setLaunchAtLogin', { enabled: true });
    expect(set).toMatchObject({ ok: false, status: 503, body: { error: { code: 'unavailable' } } });
  });

  it('changes the login item in the desktop app, and refuses bad input naming the field', async () => {
    let enabled = false;
    const desktop = dispatcher({ launchAtLogin: { get: () => ({ available: true, enabled, reason: null }), set: (e) => ((enabled = e), { available: true, enabled, reason: null }) } });
    expect(await desktop.call('desktop.setLaunchAtLogin', { enabled: true })).toEqual({ ok: true, value: { available: true, enabled: true, reason: null } });
    expect(enabled).toBe(true);
    expect(await desktop.call('desktop.setLaunchAtLogin', { enabled: 'yes' })).toMatchObject({ ok: false, status: 400, body: { error: { field: 'enabled' } } });
  });
});

describe('the desktop command line', () => {
  it('reads its own flags and leaves Chromium switches alone', () => {
    expect(parseDesktopArgs(['--no-sandbox', '--data-dir', '/srv/steward', '--agent-port=7500', '--port', '7600', '--enable-logging', '--hidden'])).toEqual({
      dataDir: '/srv/steward', agentHost: '127.0.0.1', agentPort: 7500, agentPublicUrl: null, port: 7600, hidden: true,
    });
    expect(parseDesktopArgs([])).toEqual({ dataDir: null, agentHost: '127.0.0.1', agentPort: 7421, agentPublicUrl: null, port: 7420, hidden: false });
  });

  it('refuses a bad port, a missing value and a non-wss public URL', () => {
    expect(parseDesktopArgs(['--agent-port', 'abc'])).toEqual({ error: '--agent-port must be a port number (0-65535), not abc' });
    expect(parseDesktopArgs(['--data-dir'])).toEqual({ error: '--data-dir needs a value' });
    expect(parseDesktopArgs(['--agent-public-url', 'http://x'])).toEqual({ error: '--agent-public-url must be a wss:// URL' });
  });
});

describe('wake from sleep for the scheduler', () => {
  it('delivers resume events until disposed, and survives a throwing listener', () => {
    const monitor = new EventEmitter();
    const power = powerEventsFrom(monitor);
    let resumes = 0;
    const bad = power.onResume(() => {
      throw new Error('boom');
    });
    const good = power.onResume(() => resumes++);
    monitor.emit('resume');
    expect(resumes).toBe(1);
    void good.dispose();
    void bad.dispose();
    monitor.emit('resume');
    expect(resumes).toBe(1);
    expect(monitor.listenerCount('resume')).toBe(0);
  });
});
