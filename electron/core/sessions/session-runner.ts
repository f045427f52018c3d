// Runs one maintenance session: resolve → detect → plan → execute → report. Every transition is
// written before the next step, so a restarted console resumes where this one stopped.
import type { Deployment } from '../../../shared/model/deployment.js';
import type { ActionStatus, Decision, SessionStatus } from '../../../shared/model/session.js';
import type { Software } from '../../../shared/model/software.js';
import type { CommandOutcome, DetectResult } from '../../../shared/protocol/agent.js';
import { resolveDeployments } from '../../../shared/engine/precedence.js';
import { orderPlan, planSoftware, type Detected, type PlannedAction } from '../../../shared/engine/plan.js';
import { compareVersions } from '../../../shared/engine/versions.js';
import { newId } from '../../../shared/ids.js';
import type { ComputerDirectory } from '../computers/computer-directory.js';
import type { DetectionsRepo } from '../computers/detections.js';
import type { EventBus } from '../event-bus.js';
import type { EntityCollection } from '../store/entity-collection.js';
import { publicAction, summaryOf, type ActionPatch, type ActionRecord, type SessionPatch, type SessionRecord, type SessionsRepo } from '../store/sessions-repo.js';
import type { Database } from '../store/database.js';
import { isoNow, type Clock, type Logger } from '../ports.js';
import { AgentUnavailableError, StoppedError, type AgentCommands } from './agent-commands.js';
import { stepsFor, type StepName } from './action-scripts.js';
import { LineSplitter, type LogWriter } from './log-writer.js';

export interface RunnerOptions {
  /** How long a started session waits for its agent to come back before giving up. */
  agentWaitMs: number;
  scriptTimeoutSeconds: number;
  detectTimeoutSeconds: number;
}

export interface ActionMetrics {
  sessionId: string;
  actionId: string;
  /** Wall time spent in the console's own code for this action (not waiting for the agent). */
  consoleMs: number;
  /** CPU time the console spent in that code (wall time also counts other processes sharing the cores). */
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
  deployments: EntityCollection<Deployment>;
  detections: DetectionsRepo;
  groupsOf: (computerId: string) => string[];
  clock: Clock;
  logger: Logger;
  options: RunnerOptions;
  onActionMetrics?: (metrics: ActionMetrics) => void;
}

/** Why the runner stopped before the end of a session's actions. */
type Interruption = { status: SessionStatus; skipReason: string; sessionReason: string } | null;

/** Wall and CPU time spent in the console's own code, summed over the synchronous stretches of an action. */
class Stopwatch {
  private wall = 0;
  private cpu = 0;
  private started: { wall: number; cpu: NodeJS.CpuUsage } | null = null;
  start(): void {
    this.started = { wall: performance.now(), cpu: process.cpuUsage() };
  }
  stop(): void {
    if (this.started === null) return;
    this.wall += performance.now() - this.started.wall;
    const used = process.cpuUsage(this.started.cpu);
    this.cpu += (used.user + used.system) / 1000;
    this.started = null;
  }
  get ms(): number {
    return this.wall;
  }
  get cpuMs(): number {
    return this.cpu;
  }
}

const formatSeconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} s`;

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
    const resolutions = resolveDeployments({ id: computer.id, tenantId: computer.tenantId, groupIds: deps.groupsOf(computer.id) }, deps.deployments.all());
    const chosen = session.deploymentIds ? new Set(session.deploymentIds) : null;
    const decisions: Decision[] = [];
    const winners: { deployment: Deployment; software: Software }[] = [];
    for (const r of resolutions) {
      const relevant = !chosen || chosen.has(r.winner.id) || r.losers.some((l) => chosen.has(l.deployment.id));
      if (!relevant) continue;
      const winnerChosen = !chosen || chosen.has(r.winner.id);
      decisions.push({ deploymentId: r.winner.id, itemKind: r.itemKind, itemId: r.itemId, won: true, reason: winnerChosen ? r.winnerReason : `${r.winnerReason} (not among the deployments chosen for this run)` });
      for (const l of r.losers) decisions.push({ deploymentId: l.deployment.id, itemKind: r.itemKind, itemId: r.itemId, won: false, reason: l.reason });
      if (!winnerChosen || r.itemKind !== 'software') continue;
      const software = deps.software.get(r.itemId);
      if (software) winners.push({ deployment: r.winner, software });
    }
    for (const id of chosen ?? []) {
      if (!decisions.some((d) => d.deploymentId === id)) {
        const d = deps.deployments.get(id);
        const item = d?.softwareId ? { itemKind: 'software' as const, itemId: d.softwareId } : { itemKind: 'task' as const, itemId: d?.taskId ?? '' };
        decisions.push({ deploymentId: id, ...item, won: false, reason: d ? (d.enabled ? 'does not target this computer' : 'disabled: takes no part') : 'deployment no longer exists' });
      }
    }
    this.log(session, null, 'info', `Resolved ${winners.length} deployment${winners.length === 1 ? '' : 's'} to apply`);

    let detected = new Map<string, Detected>();
    if (winners.length > 0) {
      this.log(session, null, 'info', `Detecting ${winners.map((w) => w.software.name).join(', ')}`);
      detected = await this.detect(session, winners.map((w) => w.software), signal);
    }
    const planned = orderPlan(winners.map((w) => planSoftware(w.software, w.deployment, detected.get(w.software.id) ?? { error: 'no detection result' })).filter((a): a is PlannedAction => a !== null));
    const actions: ActionRecord[] = planned.map((p, ord) => ({
      id: newId(),
      sessionId: session.id,
      ord,
      deploymentId: p.deploymentId,
      itemKind: p.itemKind,
      itemId: p.itemId,
      kind: p.kind,
      status: 'pending',
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
      deps.sessions.update(session.id, { phase: 'planned', decisions });
    });
    for (const a of actions) deps.events.emit({ type: 'action', sessionId: session.id, action: publicAction(a) });
    this.log(session, null, 'info', actions.length === 0 ? 'Nothing to do: the computer is in its desired state' : `Planned ${actions.length} action${actions.length === 1 ? '' : 's'}: ${actions.map((a) => a.kind).join(', ')}`);
    return { ...session, phase: 'planned', decisions };
  }

  /** Runs the detection scripts and records what they found as the computer's inventory. */
  private async detect(session: SessionRecord, items: Software[], signal: AbortSignal): Promise<Map<string, Detected>> {
    const outcome = await this.deps.commands.run(
      session.computerId,
      newId(),
      { kind: 'detect', payload: { items: items.map((s) => ({ key: s.id, script: s.detectScript, env: {} })), timeoutSeconds: this.deps.options.detectTimeoutSeconds } },
      this.waitOptions(session, signal),
    );
    const result = new Map<string, Detected>();
    if (outcome.status !== 'completed' || outcome.kind !== 'detect') {
      const why = outcome.status === 'completed' ? 'unexpected result' : outcome.reason;
      for (const s of items) result.set(s.id, { error: why });
      this.log(session, null, 'error', `Detection did not run: ${why}`);
      return result;
    }
    this.recordDetections(session.computerId, outcome.data);
    for (const item of outcome.data.items) {
      result.set(item.key, item.error !== null ? { error: item.error } : { version: item.version });
      const name = items.find((s) => s.id === item.key)?.name ?? item.key;
      this.log(session, null, item.error ? 'error' : 'info', item.error ? `${name}: detection failed: ${item.error}` : `${name}: ${item.version === null ? 'not installed' : `version ${item.version} installed`}`);
    }
    return result;
  }

  private recordDetections(computerId: string, data: DetectResult): void {
    const at = isoNow(this.deps.clock);
    const found = data.items.filter((i) => i.error === null).map((i) => ({ itemKind: 'software' as const, itemId: i.key, value: i.version, detectedAt: at }));
    if (found.length === 0) return;
    this.deps.detections.record(computerId, found);
    this.deps.computers.announce(computerId);
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
    const watch = new Stopwatch();
    watch.start();
    const fail = (reason: string, exitCode: number | null = null) => {
      this.updateAction(session, action, { status: 'failed', reason, exitCode, endedAt: isoNow(this.deps.clock) });
      this.log(session, action.id, 'error', `Failed: ${reason}`);
    };
    try {
      if (action.error !== null) return fail(action.error);
      const software = action.itemId ? this.deps.software.get(action.itemId) : undefined;
      if (!software) return fail('the software item no longer exists in the library');
      const steps = stepsFor(software, action.kind, action.fromVersion, action.toVersion);
      if (typeof steps === 'string') return fail(steps);

      // Changes that ride along with the next write, so an action costs few transactions.
      let carry: ActionPatch = {};
      if (action.status === 'pending') {
        carry = { status: 'running', startedAt: isoNow(this.deps.clock) };
        this.log(session, action.id, 'info', `${steps.map((s) => s.label).join(', then ')} (${action.reason ?? ''})`);
      }
      const firstStep = action.phase === 'verify' ? steps.length : Math.max(0, steps.findIndex((s) => s.name === action.phase));
      for (let i = firstStep; i < steps.length; i++) {
        const step = steps[i]!;
        const commandId = this.beginPhase(session, action, step.name, carry);
        carry = {};
        const started = this.deps.clock.now();
        const pending = this.deps.commands.run(
          session.computerId,
          commandId,
          { kind: 'run-script', payload: { script: step.script, env: step.env, timeoutSeconds: this.deps.options.scriptTimeoutSeconds } },
          { ...this.waitOptions(session, signal), onOutput: this.outputTo(session, action.id) },
        );
        watch.stop();
        const outcome = await pending;
        watch.start();
        this.flushOutput(action.id);
        const failure = this.scriptFailure(outcome);
        if (failure) return fail(failure.reason, failure.exitCode);
        carry = { exitCode: outcome.status === 'completed' && outcome.kind === 'run-script' ? outcome.data.exitCode : null };
        this.log(session, action.id, 'info', `${step.label}: exited with code 0 after ${formatSeconds(this.deps.clock.now() - started)}`);
      }
      // Verify by detecting again: a script that exits 0 but leaves the wrong version has failed.
      const commandId = this.beginPhase(session, action, 'verify', carry);
      const pending = this.deps.commands.run(
        session.computerId,
        commandId,
        { kind: 'detect', payload: { items: [{ key: software.id, script: software.detectScript, env: {} }], timeoutSeconds: this.deps.options.detectTimeoutSeconds } },
        this.waitOptions(session, signal),
      );
      watch.stop();
      const outcome = await pending;
      watch.start();
      this.verify(session, action, software, outcome, fail);
    } finally {
      watch.stop();
      this.deps.onActionMetrics?.({ sessionId: session.id, actionId: action.id, consoleMs: watch.ms, consoleCpuMs: watch.cpuMs });
    }
  }

  /** Records which command the phase runs (with any carried changes) before it is sent. */
  private beginPhase(session: SessionRecord, action: ActionRecord, phase: StepName | 'verify', carry: ActionPatch): string {
    // Re-sending the same command id after a restart lets the agent's journal answer for it.
    const commandId = action.phase === phase && action.commandId ? action.commandId : newId();
    if (action.phase !== phase || action.commandId !== commandId || Object.keys(carry).length > 0) this.updateAction(session, action, { ...carry, phase, commandId });
    return commandId;
  }

  private scriptFailure(outcome: CommandOutcome): { reason: string; exitCode: number | null } | null {
    if (outcome.status === 'outcome-unknown') return { reason: 'outcome-unknown', exitCode: null };
    if (outcome.status === 'rejected') return { reason: `rejected by the agent: ${outcome.reason}`, exitCode: null };
    if (outcome.kind !== 'run-script') return { reason: 'the agent answered with an unexpected result', exitCode: null };
    const r = outcome.data;
    if (r.timedOut) return { reason: `timed out after ${this.deps.options.scriptTimeoutSeconds} s`, exitCode: r.exitCode };
    if (r.exitCode !== 0) return { reason: `exit code ${r.exitCode ?? 'none (killed by a signal)'}`, exitCode: r.exitCode };
    return null;
  }

  private verify(session: SessionRecord, action: ActionRecord, software: Software, outcome: CommandOutcome, fail: (reason: string) => void): void {
    if (outcome.status !== 'completed' || outcome.kind !== 'detect') {
      return fail(`verification did not run: ${outcome.status === 'completed' ? 'unexpected result' : outcome.reason}`);
    }
    const item = outcome.data.items[0];
    if (!item || item.error !== null) return fail(`verification failed: detection error: ${item?.error ?? 'no result'}`);
    const found = item.version;
    const expected = action.kind === 'uninstall' ? null : action.toVersion;
    const ok = expected === null ? found === null : found !== null && compareVersions(found, expected) === 0;
    if (!ok) {
      this.recordDetections(session.computerId, outcome.data);
      return fail(`verification failed: expected ${expected === null ? 'not installed' : expected}, detected ${found === null ? 'not installed' : found}`);
    }
    this.log(session, action.id, 'info', `Verified: ${software.name} ${found === null ? 'is not installed' : `${found} is installed`}`);
    this.updateAction(session, action, { status: 'succeeded', endedAt: isoNow(this.deps.clock) }, () => this.recordDetections(session.computerId, outcome.data));
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
    this.deps.logs.flush(() => this.deps.sessions.update(session.id, patch));
    Object.assign(session, patch);
    this.deps.events.emit({ type: 'session', session: summaryOf(session) });
    return session;
  }

  private updateAction(session: SessionRecord, action: ActionRecord, patch: ActionPatch & { status?: ActionStatus }, alongside?: () => void): void {
    this.deps.logs.flush(() => {
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
