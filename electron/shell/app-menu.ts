// The application menu. macOS needs one for the standard shortcuts (copy, paste, quit, hide) to work
// at all; on Windows and Linux those work without it, so the window gets no menu bar there.
import type { MenuItemConstructorOptions } from 'electron';

export function applicationMenu(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }];
}
