// Executes verified commands through the journal, so a repeated id never runs twice.
import type { CommandOutcome, SignedCommand } from '../shared/protocol/agent.js';
import type { Journal } from './journal.js';
import { detectedVersion, type OutputSink, type ScriptRunner } from './script-runner.js';

export class CommandExecutor {
  /** Commands this process is running now: a repeated id attaches to the run in progress. */
  private readonly inFlight = new Map<string, Promise<CommandOutcome>>();

  constructor(
    private readonly journal: Journal,
    private readonly scripts: ScriptRunner,
  ) {}

  execute(command: SignedCommand, output: OutputSink): Promise<CommandOutcome> {
    const running = this.inFlight.get(command.id);
    if (running) return running;
    const recorded = this.journal.get(command.id);
    if (recorded?.state === 'done') return Promise.resolve(recorded.outcome);
    if (recorded?.state === 'started') {
      const outcome: CommandOutcome = { status: 'outcome-unknown', reason: 'the agent stopped while this command was running; it was not run again' };
      this.journal.done(command.id, outcome, Date.now());
      return Promise.resolve(outcome);
    }
    // Scripts with effects must be journaled durably before they start; detection is read-only.
    this.journal.started(command.id, Date.now(), command.body.kind === 'run-script');
    const promise = this.run(command, output).then((outcome) => {
      this.journal.done(command.id, outcome, Date.now());
      this.inFlight.delete(command.id);
      return outcome;
    });
    this.inFlight.set(command.id, promise);
    return promise;
  }

  private async run(command: SignedCommand, output: OutputSink): Promise<CommandOutcome> {
    const body = command.body;
    if (body.kind === 'run-script') {
      const data = await this.scripts.run(body.payload.script, body.payload.env, body.payload.timeoutSeconds, output);
      return { status: 'completed', kind: 'run-script', data };
    }
    const started = performance.now();
    const items = [];
    for (const item of body.payload.items) {
      const r = await this.scripts.run(item.script, item.env, body.payload.timeoutSeconds);
      const error = r.timedOut ? `timed out after ${body.payload.timeoutSeconds} s` : r.exitCode === null ? (r.stderr.trim().split('\n').pop() ?? 'killed') : null;
      items.push({ key: item.key, version: error ? null : detectedVersion(r.stdout), exitCode: r.exitCode, error });
    }
    return { status: 'completed', kind: 'detect', data: { items, durationMs: performance.now() - started } };
  }
}
