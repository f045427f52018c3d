// The agent's OS-update commands: scan (read-only), install what the settings let through, and
// whether a restart is pending. The provider finds updates; the shared rules choose among them.
import type { UpdateScan } from '../../shared/model/os-updates.js';
import type { UpdateInstallResult, UpdateSelectionPayload } from '../../shared/protocol/agent.js';
import { selectUpdates } from '../../shared/engine/os-updates.js';
import type { OutputSink } from '../process-runner.js';
import type { OsUpdateProvider } from './provider.js';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class UpdateService {
  constructor(
    private readonly provider: OsUpdateProvider | null,
    private readonly platform: string,
    private readonly now: () => number = Date.now,
  ) {}

  private noProvider(): string {
    return `no OS update provider on this computer (${this.platform}): Steward updates Windows through the Windows Update Agent and Debian/Ubuntu through apt`;
  }

  async scan(payload: UpdateSelectionPayload): Promise<UpdateScan> {
    if (!this.provider) return { provider: null, error: this.noProvider(), updates: [], rebootRequired: false };
    try {
      const found = await this.provider.scan(payload.timeoutSeconds);
      return { provider: this.provider.name, error: null, updates: selectUpdates(found.updates, payload, this.now()), rebootRequired: found.rebootRequired };
    } catch (error) {
      return { provider: this.provider.name, error: message(error), updates: [], rebootRequired: false };
    }
  }

  async install(payload: UpdateSelectionPayload, onOutput: OutputSink): Promise<UpdateInstallResult> {
    const provider = this.provider;
    if (!provider) return { provider: null, error: this.noProvider(), installed: [], failed: [], rebootRequired: false };
    const say = (text: string) => onOutput('stdout', `${text}\n`);
    try {
      const warning = await provider.prepareInstall(payload.timeoutSeconds, onOutput);
      if (warning) onOutput('stderr', `${warning}\n`);
      const found = await provider.scan(payload.timeoutSeconds);
      const chosen = selectUpdates(found.updates, payload, this.now()).filter((u) => u.selected);
      say(chosen.length === 0 ? 'No updates to install' : `Installing ${chosen.length} update${chosen.length === 1 ? '' : 's'}: ${chosen.map((u) => u.kb ?? u.title).join(', ')}`);
      const result = await provider.install(chosen, payload.timeoutSeconds, onOutput);
      const title = (id: string) => chosen.find((u) => u.id === id)?.title ?? id;
      return {
        provider: provider.name,
        error: null,
        installed: result.installed.map((id) => ({ id, title: title(id) })),
        failed: result.failed.map((f) => ({ id: f.id, title: title(f.id), reason: f.reason })),
        rebootRequired: result.rebootRequired,
      };
    } catch (error) {
      return { provider: provider.name, error: message(error), installed: [], failed: [], rebootRequired: false };
    }
  }

  async rebootPending(): Promise<boolean> {
    return this.provider ? this.provider.rebootPending().catch(() => false) : false;
  }
}
