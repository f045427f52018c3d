// Launch at sign-in: Electron's login items on macOS and Windows; on Linux, where Electron has none,
// an XDG autostart entry (~/.config/autostart/steward.desktop), which every major desktop honours.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LaunchAtLogin } from '../../shared/api/desktop.js';
import { writeFileAtomic } from '../core/files.js';
import type { LaunchAtLoginPort } from '../core/host.js';

/** Started at sign-in, the app goes straight to the tray. */
export const HIDDEN_FLAG = '--hidden';

/** The parts of Electron's app this uses. */
export interface LoginItemsPort {
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export class ElectronLaunchAtLogin implements LaunchAtLoginPort {
  constructor(private readonly app: LoginItemsPort) {}

  get(): LaunchAtLogin {
    // Windows matches the entry by its arguments, so reading must pass the ones writing used.
    return { available: true, enabled: this.app.getLoginItemSettings({ args: [HIDDEN_FLAG] }).openAtLogin, reason: null };
  }

  set(enabled: boolean): LaunchAtLogin {
    this.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    return this.get();
  }
}

export class XdgAutostart implements LaunchAtLoginPort {
  readonly file: string;

  /** `command`: the program and its arguments, as they should run at sign-in. */
  constructor(
    configHome: string,
    private readonly command: readonly string[],
  ) {
    this.file = join(configHome, 'autostart', 'steward.desktop');
  }

  get(): LaunchAtLogin {
    return { available: true, enabled: existsSync(this.file) && !/^Hidden\s*=\s*true\s*$/m.test(readFileSync(this.file, 'utf8')), reason: null };
  }

  set(enabled: boolean): LaunchAtLogin {
    if (enabled) {
      const entry = ['[Desktop Entry]', 'Type=Application', 'Name=Steward', 'Comment=Maintenance console', `Exec=${desktopExec(this.command)}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''];
      writeFileAtomic(this.file, entry.join('\n'), 0o644);
    } else {
      rmSync(this.file, { force: true });
    }
    return this.get();
  }
}

/** Builds a Desktop Entry `Exec=` value: arguments quoted and escaped as the XDG spec requires. */
export function desktopExec(argv: readonly string[]): string {
  return argv
    .map((arg) => {
      const field = arg.replace(/%/g, '%%');
      if (field !== '' && !/[\s"'\\><~|&;$*?#()`]/.test(field)) return field;
      // Inside quotes " ` $ \ take a backslash; the string-level escape then doubles every backslash.
      const quoted = field.replace(/(["`$\\])/g, '\\$1');
      return `"${quoted.replace(/\\/g, '\\\\')}"`;
    })
    .join(' ');
}

/** XDG_CONFIG_HOME, or ~/.config. */
export function xdgConfigHome(env: NodeJS.ProcessEnv, home: string): string {
  return env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
}
