// Runs one maintenance session: resolve → detect → plan → execute → report. Every transition is
// written before the next step, so a restarted console resumes where this one stopped.
import type { Deployment } from '../../../shared/model/deployment.js';
import { summarizeScan, type UpdateScan } from '../../../shared/model/os-updates.js';
import type { ActionStatus, SessionStatus } from '../../../shared/model/session.js';
import type { WindowsUpdateSettings } from '../../../shared/model/settings.js';
import type { Software } from '../../../shared/model/software.js';
import type { Task } from '../../../shared/model/task.js';
import type { CommandBody } from '../../../shared/protocol/agent.js';
import { newId } from '../../../shared/ids.js';
import type { ComputerDirectory } from '../computers/computer-directory.js';
import type { Detection, DetectionsRepo } from '../computers/detections.js';
import type { EventBus } from '../event-bus.js';
import type { EntityCollection } from '../store/entity-collection.js';
import { publicAction, summaryOf, type ActionPatch, type ActionPhase, type ActionRecord, type SessionPatch, type SessionRecord, type SessionsRepo } from '../store/sessions-repo.js';
import type { Database } from '../store/database.js';
import { isoNow, type Clock, type Logger } from '../ports.js';
import { AgentUnavailableError, StoppedError, type AgentCommands } from './agent-commands.js';
import type { ActionContext } from './action-context.js';
import { LineSplitter, type LogWriter } from './log-writer.js';
import type { SessionPlanner } from './session-planner.js';
import { runSoftwareAction } from './software-action.js';
import { runTaskAction } from './task-action.js';
import { runUpdatesAction } from './updates-action.js';
import { runRebootAction } from './reboot-action.js';
import { idleStopwatch, Stopwatch, type ActionStopwatch } from './stopwatch.js';

export interface RunnerOptions {
  /** How long a started session waits for its agent to come back before giving up. */
  agentWaitMs: number;
  scriptTimeoutSeconds: number;
  detectTimeoutSeconds: number;
  updateScanTimeoutSeconds: number;
  updateInstallTimeoutSeconds: number;
  /** How long a restart may take before the computer counts as not coming back. */
  rebootWaitMs: number;
}

export interface ActionMetrics {
  sessionId: string;
  actionId: string;
  /**
   * Time the console's own code ran for this action (not waiting for the agent): per stretch of
   * that code the smaller of its wall time and the process's CPU time (see ActionStopwatch.ownMs).
   */
  consoleMs: number;
  /** Wall time of the same code, including any time the console's thread was off the CPU. */
  consoleWallMs: number;
  /**
   * CPU time of the whole console process during that code: it also counts the garbage collector's
   * and compiler's threads running beside it, so it can exceed the wall time.
   */
  consoleCpuMs: number;
}

export interface RunnerDeps {
  db: Database;
  sessions: SessionsRepo;
  logs: LogWriter;
  events: EventBus;
  commands: AgentCommands;
  computers: ComputerDirectory;
  software: EntityCollection<Software>;
  tasks: EntityCollection<Task>;
  deployments: EntityCollection<Deployment>;
  detections: DetectionsRepo;
  planner: SessionPlanner;
  windowsUpdates: () => WindowsUpdateSettings;
  clock: Clock;
  logger: Logger;
  options: RunnerOptions;
  onActionMetrics?: (metrics: ActionMetrics) => void;
}

/** Why the runner stopped before the end of a session's actions. */
type Interruption = { status: SessionStatus; skipReason: string; sessionReason: string } | null;

export class SessionRunner {
  constructor(private readonly deps: RunnerDeps) {}

  /**
   * Runs (or resumes) the session. Returns normally when the session reached a final status, and
   * throws StoppedError when the console is shutting down (the stored state is left for the resume).
   */
  async run(sessionId: string, control: { signal: AbortSignal; cancelled: () => boolean }): Promise<void> {
    const { sessions } = this.deps;
    let session = sessions.get(sessionId);
    if (!session || ['completed', 'failed', 'cancelled', 'skipped', 'incomplete'].includes(session.status)) return;
    const resumed = session.status === 'in-progress' || session.phase !== 'new';
    session = this.updateSession(session, { status: 'in-progress', startedAt: session.startedAt ?? isoNow(this.deps.clock) });
    this.log(session, null, 'info', resumed ? 'Session resumed by the console' : 'Session started');
    try {
      if (session.phase === 'new') {
        const planned = await this.plan(session, control.signal);
        if (!planned) return;
        session = planned;
      }
      const interruption = await this.executeActions(session, control);
      this.finish(session, interruption);
    } catch (error) {
      if (error instanceof StoppedError && control.cancelled()) {
        this.finish(session, { status: 'cancelled', skipReason: 'cancelled', sessionReason: 'cancelled by the technician' });
        return;
      }
      if (error instanceof StoppedError) {
        this.deps.logs.flush();
        throw error;
      }
      if (error instanceof AgentUnavailableError) {
        this.finish(session, { status: 'failed', skipReason: 'agent-offline', sessionReason: 'agent-offline' });
        return;
      }
      this.deps.logger.error('session failed unexpectedly', { sessionId, error: (error as Error).stack });
      this.log(session, null, 'error', `Internal error: ${(error as Error).message}`);
      this.finish(session, { status: 'failed', skipReason: 'internal-error', sessionReason: `internal error: ${(error as Error).message}` });
    }
  }

  // ---- plan ----

  private async plan(session: SessionRecord, signal: AbortSignal): Promise<SessionRecord | null> {
    const { deps } = this;
    const computer = deps.computers.stored(session.computerId);
    if (!computer) {
      this.finish(session, { status: 'failed', skipReason: 'computer-removed', sessionReason: 'the computer was removed or revoked' });
      return null;
    }
    const run = (body: CommandBody) => deps.commands.run(session.computerId, newId(), body, this.waitOptions(session, signal));
    const plan = await deps.planner.plan(computer, session.deploymentIds, run, (level, text) => this.log(session, null, level, text));
    this.recordDetections(session.computerId, plan.detections);
    if (plan.updateScan) this.recordUpdateScan(session.computerId, plan.updateScan);
    const actions: ActionRecord[] = plan.actions.map((p, ord) => ({
      id: newId(),
      sessionId: session.id,
      ord,
      deploymentId: p.deploymentId,
      itemKind: p.itemKind,
      itemId: p.itemId,
      kind: p.kind,
      status: p.skipped ? 'skipped' : 'pending',
      reason: p.reason,
      fromVersion: p.fromVersion,
      toVersion: p.toVersion,
      startedAt: null,
      endedAt: null,
      exitCode: null,
      commandId: null,
      phase: null,
      error: p.error,
    }));
    deps.logs.flush();
    deps.db.tx(() => {
      deps.sessions.insertActions(actions);
      deps.sessions.update(session.id, { phase: 'planned', decisions: plan.decisions });
    });
    for (const a of actions) deps.events.emit({ type: 'action', sessionId: session.id, action: publicAction(a) });
    for (const a of actions.filter((x) => x.status === 'skipped')) this.log(session, a.id, 'info', `Not run: ${a.reason ?? ''}`);
    const toRun = actions.filter((a) => a.status === 'pending');
    this.log(session, null, 'info', toRun.length === 0 ? 'Nothing to do: the computer is in its desired state' : `Planned ${toRun.length} action${toRun.length === 1 ? '' : 's'}: ${toRun.map((a) => a.kind).join(', ')}`);
    return { ...session, phase: 'planned', decisions: plan.decisions };
  }

  private recordDetections(computerId: string, found: Omit<Detection, 'detectedAt'>[]): void {
    if (found.length === 0) return;
    this.writeDetections(computerId, found);
    this.deps.computers.announce(computerId);
  }

  private writeDetections(computerId: string, found: Omit<Detection, 'detectedAt'>[]): void {
    if (found.length === 0) return;
    const detectedAt = isoNow(this.deps.clock);
    this.deps.detections.record(computerId, found.map((d) => ({ ...d, detectedAt })));
  }

  private recordUpdateScan(computerId: string, scan: UpdateScan): void {
    this.deps.computers.recordUpdateScan(computerId, summarizeScan(scan, isoNow(this.deps.clock)));
  }

  // ---- execute ----

  private async executeActions(session: SessionRecord, control: { signal: AbortSignal; cancelled: () => boolean }): Promise<Interruption> {
    const actions = this.deps.sessions.actions(session.id);
    for (let i = 0; i < actions.length; i++) {
      const action = actions[i]!;
      if (action.status !== 'pending' && action.status !== 'running') continue;
      const stop = this.interruption(session, control.cancelled());
      if (stop) {
        this.skipRemaining(session, actions.slice(i), stop.skipReason);
        return stop;
      }
      try {
        await this.executeAction(session, action, control.signal);
      } catch (error) {
        if (!(error instanceof AgentUnavailableError)) throw error;
        this.updateAction(session, action, { status: 'failed', reason: 'outcome-unknown', endedAt: isoNow(this.deps.clock) });
        this.log(session, action.id, 'error', 'The agent went away during this action and did not come back: its outcome is unknown');
        const stop: Interruption = { status: 'failed', skipReason: 'agent-offline', sessionReason: 'agent-offline' };
        this.skipRemaining(session, actions.slice(i + 1), stop.skipReason);
        return stop;
      }
    }
    return null;
  }

  private interruption(session: SessionRecord, cancelled: boolean): Interruption {
    if (cancelled) return { status: 'cancelled', skipReason: 'cancelled', sessionReason: 'cancelled by the technician' };
    if (session.deadline !== null && this.deps.clock.now() >= Date.parse(session.deadline)) {
      return { status: 'incomplete', skipReason: 'window-closed', sessionReason: 'the maintenance window ended before every action could start' };
    }
    return null;
  }

  private skipRemaining(session: SessionRecord, actions: ActionRecord[], reason: string): void {
    const pending = actions.filter((a) => a.status === 'pending');
    if (pending.length === 0) return;
    for (const a of pending) this.updateAction(session, a, { status: 'skipped', reason });
    this.log(session, null, 'info', `Skipped ${pending.length} remaining action${pending.length === 1 ? '' : 's'}: ${reason}`);
  }

  private async executeAction(session: SessionRecord, action: ActionRecord, signal: AbortSignal): Promise<void> {
    const { deps } = this;
    const watch = deps.onActionMetrics ? new Stopwatch() : idleStopwatch;
    watch.start();
    const ctx = this.context(session, action, signal, watch);
    const o = deps.options;
    try {
      if (action.error !== null) return ctx.fail(action.error);
      switch (action.kind) {
        case 'install':
        case 'upgrade':
        case 'uninstall':
          return await runSoftwareAction(ctx, { software: (id) => deps.software.get(id), clock: deps.clock, scriptTimeoutSeconds: o.scriptTimeoutSeconds, detectTimeoutSeconds: o.detectTimeoutSeconds });
        case 'run-task':
          return await runTaskAction(ctx, { task: (id) => deps.tasks.get(id), deployment: (id) => deps.deployments.get(id), scriptTimeoutSeconds: o.scriptTimeoutSeconds, detectTimeoutSeconds: o.detectTimeoutSeconds });
        case 'install-updates':
          return await runUpdatesAction(ctx, { windowsUpdates: deps.windowsUpdates, installTimeoutSeconds: o.updateInstallTimeoutSeconds, scanTimeoutSeconds: o.updateScanTimeoutSeconds });
        case 'reboot':
          return await runRebootAction(ctx, { restart: () => deps.windowsUpdates().restart });
      }
    } finally {
      watch.stop();
      deps.onActionMetrics?.({ sessionId: session.id, actionId: action.id, consoleMs: watch.ownMs, consoleWallMs: watch.wallMs, consoleCpuMs: watch.cpuMs });
    }
  }

  private context(session: SessionRecord, action: ActionRecord, signal: AbortSignal, watch: ActionStopwatch): ActionContext {
    // Changes (and detections) that ride along with the next write, so an action costs few transactions.
    let carry: ActionPatch = {};
    let detections: Omit<Detection, 'detectedAt'>[] = [];
    const settle = (status: ActionStatus, reason: string | null, level: 'info' | 'error', text: string, exitCode?: number | null) => {
      this.log(session, action.id, level, text);
      const found = detections;
      detections = [];
      this.updateAction(session, action, { ...carry, status, reason, endedAt: isoNow(this.deps.clock), ...(exitCode !== undefined ? { exitCode } : {}) }, () => this.writeDetections(session.computerId, found));
      carry = {};
      if (found.length > 0) this.deps.computers.announce(session.computerId);
    };
    return {
      session,
      action,
      command: async (phase: ActionPhase, body: CommandBody) => {
        const commandId = this.beginPhase(session, action, phase, carry);
        carry = {};
        const streams = body.kind === 'run-script' || body.kind === 'os-updates-install';
        const pending = this.deps.commands.run(session.computerId, commandId, body, { ...this.waitOptions(session, signal), ...(streams ? { onOutput: this.outputTo(session, action.id) } : {}) });
        watch.stop();
        try {
          const outcome = await pending;
          if (outcome.status === 'completed' && outcome.kind === 'run-script') carry = { exitCode: outcome.data.exitCode };
          return outcome;
        } finally {
          watch.start();
          this.flushOutput(action.id);
        }
      },
      start: (description) => {
        if (action.status !== 'pending') return;
        carry = { status: 'running', startedAt: isoNow(this.deps.clock) };
        this.log(session, action.id, 'info', description);
      },
      succeed: (text) => settle('succeeded', action.reason, 'info', text),
      fail: (reason, exitCode) => settle('failed', reason, 'error', `Failed: ${reason}`, exitCode),
      skip: (reason) => settle('skipped', reason, 'info', `Skipped: ${reason}`),
      log: (level, text) => this.log(session, action.id, level, text),
      recordDetections: (found) => {
        detections = [...detections, ...found];
      },
      recordUpdateScan: (scan) => this.recordUpdateScan(session.computerId, scan),
      waitForRestart: async (previousBootId) => {
        watch.stop();
        try {
          const wait = this.waitOptions(session, signal);
          return await this.deps.commands.waitForBoot(session.computerId, previousBootId, { ...wait, waitUntil: this.deps.clock.now() + this.deps.options.rebootWaitMs });
        } finally {
          watch.start();
        }
      },
    };
  }

  /** Records which command the phase runs (with any carried changes) before it is sent. */
  private beginPhase(session: SessionRecord, action: ActionRecord, phase: ActionPhase, carry: ActionPatch): string {
    // Re-sending the same command id after a restart lets the agent's journal answer for it.
    const commandId = action.phase === phase && action.commandId ? action.commandId : newId();
    if (action.phase !== phase || action.commandId !== commandId || Object.keys(carry).length > 0) this.updateAction(session, action, { ...carry, phase, commandId });
    return commandId;
  }

  // ---- output and state ----

  private readonly splitters = new Map<string, LineSplitter[]>();

  private outputTo(session: SessionRecord, actionId: string) {
    const make = (level: 'stdout' | 'stderr') => new LineSplitter((line) => this.deps.logs.append(session.id, level, actionId, line));
    const [out, err] = [make('stdout'), make('stderr')];
    this.splitters.set(actionId, [out, err]);
    return (stream: 'stdout' | 'stderr', text: string) => (stream === 'stdout' ? out : err).push(text);
  }

  private flushOutput(actionId: string): void {
    for (const s of this.splitters.get(actionId) ?? []) s.end();
    this.splitters.delete(actionId);
  }

  private waitOptions(session: SessionRecord, signal: AbortSignal) {
    return {
      signal,
      waitUntil: this.deps.clock.now() + this.deps.options.agentWaitMs,
      onWaiting: () => {
        this.updateSession(session, { status: 'waiting-for-agent' });
        this.log(session, null, 'info', 'Waiting for the agent to reconnect');
      },
      onResumed: () => {
        this.updateSession(session, { status: 'in-progress' });
        this.log(session, null, 'info', 'Agent reconnected');
      },
    };
  }

  private finish(session: SessionRecord, interruption: Interruption): void {
    let actions = this.deps.sessions.actions(session.id);
    if (interruption) {
      // Whatever was still running when the session was cut short has an unknown outcome.
      for (const a of actions.filter((x) => x.status === 'running')) this.updateAction(session, a, { status: 'failed', reason: 'outcome-unknown', endedAt: isoNow(this.deps.clock) });
      this.skipRemaining(session, actions, interruption.skipReason);
      actions = this.deps.sessions.actions(session.id);
    }
    const failed = actions.filter((a) => a.status === 'failed').length;
    let status: SessionStatus = interruption?.status ?? (failed > 0 ? 'failed' : 'completed');
    if (status === 'incomplete' && failed > 0) status = 'failed';
    const reason =
      status === 'completed' ? null : interruption && interruption.status === status ? interruption.sessionReason : `${failed} of ${actions.length} action${actions.length === 1 ? '' : 's'} failed`;
    this.log(session, null, status === 'completed' ? 'info' : 'error', `Session ${status}${reason ? `: ${reason}` : ''}`);
    this.updateSession(session, { status, reason, endedAt: isoNow(this.deps.clock), phase: 'done' });
  }

  private updateSession(session: SessionRecord, patch: SessionPatch): SessionRecord {
    this.deps.logs.flushSession(session.id, () => this.deps.sessions.update(session.id, patch));
    Object.assign(session, patch);
    this.deps.events.emit({ type: 'session', session: summaryOf(session) });
    return session;
  }

  private updateAction(session: SessionRecord, action: ActionRecord, patch: ActionPatch & { status?: ActionStatus }, alongside?: () => void): void {
    this.deps.logs.flushSession(session.id, () => {
      this.deps.sessions.updateAction(action.id, patch);
      alongside?.();
    });
    Object.assign(action, patch);
    this.deps.events.emit({ type: 'action', sessionId: session.id, action: publicAction(action) });
  }

  private log(session: SessionRecord, actionId: string | null, level: 'info' | 'error', text: string): void {
    this.deps.logs.append(session.id, level, actionId, text);
  }
}
