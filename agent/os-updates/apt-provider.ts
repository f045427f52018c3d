// Debian/Ubuntu updates through apt: the scan simulates (`apt-get -s`, no lock, changes nothing);
// the install refreshes the package lists and upgrades the chosen packages non-interactively.
import { existsSync } from 'node:fs';
import type { OsUpdate } from '../../shared/model/os-updates.js';
import type { OutputSink, ProcessRunner, ProcessResult } from '../process-runner.js';
import { aptUpdates, parseAptSimulation } from './apt-output.js';
import { ProviderError, type OsUpdateProvider, type ProviderInstall, type ProviderScan } from './provider.js';

const NONINTERACTIVE = ['-y', '-q', '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold'];

function lastLine(text: string): string {
  return text.trim().split(/\r?\n/).pop() ?? '';
}

export class AptProvider implements OsUpdateProvider {
  readonly name = 'apt' as const;

  constructor(
    private readonly processes: ProcessRunner,
    /** Debian's marker that a package asked for a restart. */
    private readonly rebootMarker = '/var/run/reboot-required',
  ) {}

  private env(): NodeJS.ProcessEnv {
    // C locale so the output parses; never a debconf prompt.
    return { ...process.env, LC_ALL: 'C', LANG: 'C', DEBIAN_FRONTEND: 'noninteractive', APT_LISTCHANGES_FRONTEND: 'none' };
  }

  private apt(args: string[], timeoutSeconds: number, onOutput?: OutputSink): Promise<ProcessResult> {
    return this.processes.run('apt-get', args, { env: this.env(), timeoutSeconds, ...(onOutput ? { onOutput } : {}) });
  }

  async scan(timeoutSeconds: number): Promise<ProviderScan> {
    const r = await this.apt(['-s', '-o', 'Debug::NoLocking=1', 'dist-upgrade'], timeoutSeconds);
    if (r.timedOut) throw new ProviderError(`apt-get -s timed out after ${timeoutSeconds} s`);
    if (r.exitCode !== 0) throw new ProviderError(`apt-get -s dist-upgrade exited with code ${r.exitCode ?? 'none'}: ${lastLine(r.stderr) || lastLine(r.stdout)}`);
    return { updates: aptUpdates(parseAptSimulation(r.stdout)), rebootRequired: await this.rebootPending() };
  }

  async install(chosen: readonly OsUpdate[], timeoutSeconds: number, onOutput?: OutputSink): Promise<ProviderInstall> {
    // Packages the upgrade newly installs come along as dependencies; only upgrades are named.
    const names = chosen.filter((u) => u.fromVersion !== null).map((u) => u.id);
    if (names.length === 0) return { installed: [], failed: [], rebootRequired: await this.rebootPending() };
    const r = await this.apt(['install', '--only-upgrade', ...NONINTERACTIVE, ...names], timeoutSeconds, onOutput);
    if (r.timedOut) throw new ProviderError(`apt-get install timed out after ${timeoutSeconds} s`);
    // Whatever is still pending after the run did not install, whatever apt-get's exit code said.
    const after = await this.scan(timeoutSeconds).catch(() => null);
    const stillPending = new Set(after ? after.updates.map((u) => u.id) : []);
    const installed: string[] = [];
    const failed: { id: string; reason: string }[] = [];
    const why = r.exitCode === 0 ? 'still pending after apt-get install' : `apt-get install exited with code ${r.exitCode ?? 'none'}: ${lastLine(r.stderr) || lastLine(r.stdout)}`;
    for (const u of chosen.filter((x) => x.fromVersion !== null)) {
      const pending = after ? stillPending.has(u.id) : r.exitCode !== 0;
      if (pending) failed.push({ id: u.id, reason: why });
      else installed.push(u.id);
    }
    return { installed, failed, rebootRequired: await this.rebootPending() };
  }

  /** Refreshes the package lists before an install, so the upgrade fetches what the mirror has now. */
  async prepareInstall(timeoutSeconds: number, onOutput?: OutputSink): Promise<string | null> {
    const r = await this.apt(['update', '-q'], timeoutSeconds, onOutput);
    return r.exitCode === 0 ? null : `apt-get update exited with code ${r.exitCode ?? 'none'}: ${lastLine(r.stderr)}`;
  }

  rebootPending(): Promise<boolean> {
    return Promise.resolve(existsSync(this.rebootMarker));
  }
}
