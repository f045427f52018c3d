// The one Steward window: sandboxed, loading app://steward, trusted for IPC while it lives, hidden to
// the tray on close. Thin: its security settings, guards and channels are built and tested elsewhere.
import { BrowserWindow, nativeTheme } from 'electron';
import type { NavigationRequest } from '../../shared/api/bridge.js';
import type { Logger } from '../core/ports.js';
import { APP_ENTRY_URL } from './app-origin.js';
import type { RendererChannels, RendererRegistry } from './renderer-registry.js';
import type { SenderPolicy } from './sender-check.js';
import { secureWebPreferences } from './web-preferences.js';

export interface MainWindowOptions {
  preload: string;
  icon: string;
  devTools: boolean;
  senders: SenderPolicy;
  registry: RendererRegistry;
  /** True while a tray icon can bring the window back: closing then hides instead of quitting. */
  keepInTray: () => boolean;
  logger: Logger;
}

export class MainWindow {
  private window: BrowserWindow | null = null;
  private channels: RendererChannels | null = null;
  private quitting = false;

  constructor(private readonly options: MainWindowOptions) {}

  /** Creates the window (loading the renderer); shows it once painted unless `hidden`. */
  open(hidden: boolean): void {
    if (this.window) {
      if (!hidden) this.show();
      return;
    }
    const o = this.options;
    const win = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 960,
      minHeight: 600,
      show: false,
      title: 'Steward',
      icon: o.icon,
      autoHideMenuBar: true,
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#121212' : '#ffffff',
      webPreferences: secureWebPreferences(o.preload, { devTools: o.devTools }),
    });
    const contents = win.webContents;
    const trust = o.senders.trust(contents.id);
    const channels = o.registry.add(contents);
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) channels.reset();
    });
    contents.on('render-process-gone', (_event, details) => {
      o.logger.error('the window renderer stopped', { reason: details.reason, exitCode: details.exitCode });
      // Back to the entry page rather than reload(): the renderer's current URL may be an app route.
      if (details.reason !== 'clean-exit' && !win.isDestroyed()) this.load(win);
    });
    win.on('close', (event) => {
      if (this.quitting || !o.keepInTray()) return;
      event.preventDefault();
      win.hide();
    });
    win.on('closed', () => {
      trust.dispose();
      channels.dispose();
      this.window = null;
      this.channels = null;
    });
    if (!hidden) win.once('ready-to-show', () => win.show());
    this.window = win;
    this.channels = channels;
    this.load(win);
  }

  private load(win: BrowserWindow): void {
    win.loadURL(APP_ENTRY_URL).catch((error: unknown) => this.options.logger.error('the window could not load the console UI', { error: (error as Error).message }));
  }

  show(): void {
    if (!this.window) return this.open(false);
    if (this.window.isMinimized()) this.window.restore();
    this.window.show();
    this.window.focus();
  }

  /** Shows the window on a view; delivered once the renderer listens (see NavigationRequests). */
  navigate(request: NavigationRequest): void {
    this.show();
    this.channels?.navigation.request(request);
  }

  /** From now on closing the window really closes it (the app is quitting). */
  allowClose(): void {
    this.quitting = true;
  }
}
