// Executes verified commands through the journal, so a repeated id never runs twice.
import type { CommandOutcome, SignedCommand } from '../shared/protocol/agent.js';
import type { Journal } from './journal.js';
import type { UpdateService } from './os-updates/update-service.js';
import type { Rebooter } from './reboot.js';
import { detectedVersion, type OutputSink, type ScriptRunner } from './script-runner.js';

/** Commands that only read: journaled without waiting for the disk, since re-running them is harmless. */
const READ_ONLY = new Set(['detect', 'os-updates-scan']);

export interface ExecutorDeps {
  journal: Journal;
  scripts: ScriptRunner;
  updates: UpdateService;
  rebooter: Rebooter;
  /** The boot id this process reports: the console compares it after a restart. */
  bootId: string;
}

export class CommandExecutor {
  /** Commands this process is running now: a repeated id attaches to the run in progress. */
  private readonly inFlight = new Map<string, Promise<CommandOutcome>>();

  constructor(private readonly deps: ExecutorDeps) {}

  execute(command: SignedCommand, output: OutputSink): Promise<CommandOutcome> {
    const { journal } = this.deps;
    const running = this.inFlight.get(command.id);
    if (running) return running;
    const recorded = journal.get(command.id);
    if (recorded?.state === 'done') return Promise.resolve(recorded.outcome);
    if (recorded?.state === 'started') {
      const outcome: CommandOutcome = { status: 'outcome-unknown', reason: 'the agent stopped while this command was running; it was not run again' };
      journal.done(command.id, outcome, Date.now());
      return Promise.resolve(outcome);
    }
    // Commands with effects must be journaled durably before they start.
    journal.started(command.id, Date.now(), !READ_ONLY.has(command.body.kind));
    const promise = this.run(command, output).then((outcome) => {
      journal.done(command.id, outcome, Date.now());
      this.inFlight.delete(command.id);
      // Only once the answer is on disk: after the restart the journal answers a repeat of this id.
      if (outcome.status === 'completed' && outcome.kind === 'reboot' && outcome.data.rebooting) this.deps.rebooter.schedule();
      return outcome;
    });
    this.inFlight.set(command.id, promise);
    return promise;
  }

  private async run(command: SignedCommand, output: OutputSink): Promise<CommandOutcome> {
    const body = command.body;
    switch (body.kind) {
      case 'run-script': {
        const data = await this.deps.scripts.run(body.payload.script, body.payload.env, body.payload.timeoutSeconds, output);
        return { status: 'completed', kind: 'run-script', data };
      }
      case 'detect':
        return this.detect(body.payload);
      case 'os-updates-scan':
        return { status: 'completed', kind: 'os-updates-scan', data: await this.deps.updates.scan(body.payload) };
      case 'os-updates-install':
        return { status: 'completed', kind: 'os-updates-install', data: await this.deps.updates.install(body.payload, output) };
      case 'reboot': {
        const bootId = this.deps.bootId;
        if (body.payload.onlyIfRequired && !(await this.deps.updates.rebootPending())) {
          return { status: 'completed', kind: 'reboot', data: { rebooting: false, bootId, reason: 'no restart is pending' } };
        }
        return { status: 'completed', kind: 'reboot', data: { rebooting: true, bootId, reason: body.payload.onlyIfRequired ? 'a restart is pending' : 'restart requested' } };
      }
    }
  }

  private async detect(payload: Extract<SignedCommand['body'], { kind: 'detect' }>['payload']): Promise<CommandOutcome> {
    const started = performance.now();
    const items = [];
    for (const item of payload.items) {
      const r = await this.deps.scripts.run(item.script, item.env, payload.timeoutSeconds);
      const error = r.timedOut ? `timed out after ${payload.timeoutSeconds} s` : r.exitCode === null ? (r.stderr.trim().split('\n').pop() ?? 'killed') : null;
      items.push({ key: item.key, version: error ? null : detectedVersion(r.stdout), exitCode: r.exitCode, error });
    }
    return { status: 'completed', kind: 'detect', data: { items, durationMs: performance.now() - started } };
  }
}
