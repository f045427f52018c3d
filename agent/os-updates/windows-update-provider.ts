// Windows updates through the Windows Update Agent, driven by the checked-in PowerShell.
import type { OsUpdate } from '../../shared/model/os-updates.js';
import type { OutputSink } from '../process-runner.js';
import type { ScriptRunner } from '../script-runner.js';
import { ProviderError, type OsUpdateProvider, type ProviderInstall, type ProviderScan } from './provider.js';
import { WUA_INSTALL_SCRIPT, WUA_REBOOT_PENDING_SCRIPT, WUA_SCAN_SCRIPT } from './windows-update-scripts.js';
import { parseWuaInstall, parseWuaRebootPending, parseWuaScan } from './windows-update-output.js';

export class WindowsUpdateProvider implements OsUpdateProvider {
  readonly name = 'windows-update' as const;

  constructor(private readonly scripts: ScriptRunner) {}

  async scan(timeoutSeconds: number): Promise<ProviderScan> {
    const r = await this.scripts.run({ shell: 'powershell', body: WUA_SCAN_SCRIPT }, {}, timeoutSeconds);
    if (r.timedOut) throw new ProviderError(`the Windows Update scan timed out after ${timeoutSeconds} s`);
    return parseWuaScan(r.stdout, r.stderr, r.exitCode);
  }

  prepareInstall(): Promise<string | null> {
    return Promise.resolve(null);
  }

  async install(chosen: readonly OsUpdate[], timeoutSeconds: number, onOutput?: OutputSink): Promise<ProviderInstall> {
    if (chosen.length === 0) return { installed: [], failed: [], rebootRequired: await this.rebootPending() };
    const env = { STEWARD_UPDATE_IDS: chosen.map((u) => u.id).join(',') };
    const r = await this.scripts.run({ shell: 'powershell', body: WUA_INSTALL_SCRIPT }, env, timeoutSeconds, onOutput);
    if (r.timedOut) throw new ProviderError(`installing updates timed out after ${timeoutSeconds} s`);
    const result = parseWuaInstall(r.stdout, r.stderr, r.exitCode);
    // An update the agent did not report on (withdrawn between scan and install) did not install.
    const reported = new Set([...result.installed, ...result.failed.map((f) => f.id)]);
    for (const u of chosen) if (!reported.has(u.id)) result.failed.push({ id: u.id, reason: 'no longer offered by Windows Update' });
    return result;
  }

  async rebootPending(): Promise<boolean> {
    const r = await this.scripts.run({ shell: 'powershell', body: WUA_REBOOT_PENDING_SCRIPT }, {}, 120);
    return parseWuaRebootPending(r.stdout, r.stderr, r.exitCode);
  }
}
