// The tray icon: draws the menu model from tray-menu.ts with Electron's Tray and Menu. Thin on
// purpose — what the menu says and does is decided (and tested) in tray-menu.ts.
import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { Subscription } from './subscription.js';
import type { TrayCommand, TrayMenuEntry, TrayView } from './tray-menu.js';

export interface TrayOptions {
  /** resources/tray: tray.png (+@2x) everywhere, trayTemplate.png (+@2x) on macOS. */
  iconDir: string;
  platform: NodeJS.Platform;
  onCommand: (command: TrayCommand) => void;
  /** A left click on the icon (Windows; macOS and most Linux panels open the menu instead). */
  onClick: () => void;
}

export function createTray(options: TrayOptions): TrayView & Subscription {
  const template = options.platform === 'darwin';
  // nativeImage picks the @2x file on high-density screens by itself.
  const image = nativeImage.createFromPath(join(options.iconDir, template ? 'trayTemplate.png' : 'tray.png'));
  if (template) image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.on('click', options.onClick);
  const toItem = (entry: TrayMenuEntry): MenuItemConstructorOptions =>
    entry.kind === 'separator' ? { type: 'separator' } : { label: entry.label, enabled: entry.enabled, click: () => options.onCommand(entry.command) };
  return {
    render(menu, tooltip) {
      tray.setToolTip(tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(menu.map(toItem)));
    },
    dispose() {
      tray.destroy();
    },
  };
}
