// The desktop app's composition root: one instance, the same console core as the web console, and
// the Electron shell around it (sandboxed window on app://, IPC, tray, notifications, login item).
// Everything happens inside main(); the shell modules do nothing when imported.
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, Menu, powerMonitor, protocol, safeStorage, session, shell } from 'electron';
import { createCore, type Core } from './core/core.js';
import { createStderrLogger, type Logger } from './core/ports.js';
import { tuningFromEnv } from './core/cli/tuning.js';
import { ensureApiToken } from './core/cli/api-token.js';
import { WebServer } from './core/web/web-server.js';
import type { LaunchAtLoginPort } from './core/host.js';
import { APP_ID, PRODUCT_NAME } from './shell/app-identity.js';
import { applicationMenu } from './shell/app-menu.js';
import { APP_SCHEME } from './shell/app-origin.js';
import { APP_SCHEME_DEFINITION, createAppProtocolHandler } from './shell/app-protocol.js';
import { parseDesktopArgs, type DesktopArgs } from './shell/desktop-args.js';
import { ElectronNotifier } from './shell/electron-notifier.js';
import { SessionNotifier } from './shell/session-notifier.js';
import { IpcServer } from './shell/ipc-server.js';
import { ElectronLaunchAtLogin, HIDDEN_FLAG, XdgAutostart, xdgConfigHome } from './shell/launch-at-login.js';
import { MainWindow } from './shell/main-window.js';
import { NavigationGuard } from './shell/navigation-guard.js';
import { installPermissionGuards } from './shell/permissions.js';
import { powerEventsFrom } from './shell/power-events.js';
import { outcomeNotification, runAllOnline } from './shell/run-all-online.js';
import { chooseSecretBox } from './shell/secret-storage.js';
import { SenderPolicy } from './shell/sender-check.js';
import { createTray } from './shell/tray.js';
import { TrayController } from './shell/tray-menu.js';
import { RendererRegistry } from './shell/renderer-registry.js';

/** dist/electron (this file's folder once built) and the app root holding resources/. */
const here = dirname(fileURLToPath(import.meta.url));
const appRoot = join(here, '..', '..');

function launchAtLogin(): LaunchAtLoginPort {
  if (process.platform !== 'linux') return new ElectronLaunchAtLogin(app);
  // An AppImage must be started through its image file; a dev run through Electron and the app folder.
  const command = process.env.APPIMAGE ? [process.env.APPIMAGE] : app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()];
  return new XdgAutostart(xdgConfigHome(process.env, homedir()), [...command, HIDDEN_FLAG]);
}

async function start(args: DesktopArgs, logger: Logger): Promise<() => Promise<void>> {
  installPermissionGuards(session.defaultSession, logger);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(appRoot, 'dist', 'renderer')));
  const menu = applicationMenu(process.platform);
  Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);

  const dataDir = args.dataDir ?? join(app.getPath('userData'), 'console');
  const secrets = chooseSecretBox({ dataDir, platform: process.platform, safeStorage, logger });
  const core: Core = await createCore({
    dataDir,
    agentHost: args.agentHost,
    agentPort: args.agentPort,
    ...(args.agentPublicUrl ? { agentPublicUrl: args.agentPublicUrl } : {}),
    secretBox: secrets.box,
    secretStorage: secrets.info,
    desktop: { launchAtLogin: launchAtLogin() },
    powerEvents: powerEventsFrom(powerMonitor),
    logger,
    tuning: tuningFromEnv(process.env.STEWARD_TUNING),
  });
  logger.info('desktop console started', { dataDir, secrets: secrets.info.detail, agentGateway: core.agentGatewayUrl });
  // The Console API is public: scripts reach the desktop app the same way as the web console,
  // on loopback with the token in <data-dir>/api-token. No UI is served there (the window has app://).
  const api = new WebServer({ host: '127.0.0.1', port: args.port, token: ensureApiToken(dataDir), staticDir: null, readOnly: (method) => core.readOnly(method) }, core.dispatcher, core.events, logger);
  await api.start().catch((error: unknown) => logger.warn('the scripting API is not available: its port is taken', { port: args.port, error: (error as Error).message }));

  const senders = new SenderPolicy();
  const registry = new RendererRegistry(core.events);
  const ipc = new IpcServer(ipcMain, core.dispatcher, senders, registry, logger);
  ipc.start();

  let trayShown = false;
  const resources = join(appRoot, 'resources', 'tray');
  const window = new MainWindow({
    preload: join(here, 'preload.cjs'),
    icon: join(resources, 'window.png'),
    devTools: !app.isPackaged,
    senders,
    registry,
    keepInTray: () => trayShown,
    logger,
  });
  const wasOpenedAtLogin = process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  window.open(args.hidden || wasOpenedAtLogin);
  app.on('second-instance', () => window.show());
  app.on('activate', () => window.show());

  const notifier = new ElectronNotifier(join(resources, 'window.png'));
  const open = window.navigate.bind(window);
  const schedule = (fn: () => void, ms: number) => {
    const handle = setTimeout(fn, ms);
    return { dispose: () => clearTimeout(handle) };
  };
  const failures = new SessionNotifier({ events: core.events, api: core.dispatcher, notifier, open, schedule, logger });
  failures.start();

  const confirm = async (count: number) => {
    const answer = await dialog.showMessageBox({
      type: 'question',
      message: `Run maintenance now on ${count} online computer${count === 1 ? '' : 's'}?`,
      detail: 'Each gets a manual session: its deployments are installed, upgraded or removed now, outside any maintenance window.',
      buttons: ['Run maintenance', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
    });
    return answer.response === 0;
  };
  let trayController: TrayController | null = null;
  let trayView: ReturnType<typeof createTray> | null = null;
  try {
    trayView = createTray({
      iconDir: resources,
      platform: process.platform,
      onClick: () => window.show(),
      onCommand: (command) => void trayController?.command(command),
    });
    trayController = new TrayController(trayView, core.events, core.dispatcher, {
      open: () => window.show(),
      quit: () => app.quit(),
      runAllOnline: async () => {
        const shown = outcomeNotification(await runAllOnline(core.dispatcher, confirm), open);
        if (shown) notifier.show(shown);
      },
    }, logger);
    await trayController.start();
    trayShown = true;
  } catch (error) {
    logger.warn('no tray icon: closing the window quits Steward', { error: (error as Error).message });
  }

  return async () => {
    window.allowClose();
    failures.dispose();
    trayController?.dispose();
    trayView?.dispose();
    ipc.dispose();
    registry.dispose();
    await api.dispose();
    await core.dispose();
  };
}

async function main(): Promise<void> {
  const logger = createStderrLogger('desktop');
  const args = parseDesktopArgs(process.argv.slice(app.isPackaged ? 1 : 2));
  if ('error' in args) {
    process.stderr.write(`Steward: ${args.error}\n`);
    app.exit(2);
    return;
  }
  // userData follows the product name in development too (package.json's name is lower case).
  app.setPath('userData', join(app.getPath('appData'), PRODUCT_NAME));
  if (!app.requestSingleInstanceLock()) {
    // The running instance shows its window ('second-instance').
    app.quit();
    return;
  }
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
  app.setAppUserModelId(APP_ID);
  const guard = new NavigationGuard((url) => shell.openExternal(url), logger);
  app.on('web-contents-created', (_event, contents) => guard.attach(contents));

  await app.whenReady();
  let stop: (() => Promise<void>) | null = null;
  try {
    stop = await start(args, logger);
  } catch (error) {
    logger.error('desktop console failed to start', { error: (error as Error).stack });
    const message = (error as Error).message;
    const hint = message.includes('EADDRINUSE') ? `\n\nAnother Steward console (the desktop app or npm run console) may be using port ${args.agentPort}; stop it, or start with --agent-port <port>.` : '';
    dialog.showErrorBox('Steward could not start', message + hint);
    app.exit(1);
    return;
  }

  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    // The core must close its database and agent connections before the process goes.
    event.preventDefault();
    if (!stop) return; // already stopping
    const stopping = stop;
    stop = null;
    stopping()
      .catch((error: unknown) => logger.error('error while stopping', { error: (error as Error).stack }))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

main().catch((error: unknown) => {
  process.stderr.write(`Steward failed: ${(error as Error).stack ?? String(error)}\n`);
  app.exit(1);
});
