// What an action executor may do: run a step's command on the agent (same command id again after a
// restart, so the agent's journal answers), log, record detections, and settle the action.
import type { UpdateScan } from '../../../shared/model/os-updates.js';
import type { CommandBody, CommandOutcome } from '../../../shared/protocol/agent.js';
import type { Detection } from '../computers/detections.js';
import type { ActionPhase, ActionRecord, SessionRecord } from '../store/sessions-repo.js';

export interface ActionContext {
  readonly session: SessionRecord;
  readonly action: ActionRecord;
  /** Runs one step of the action on the agent; output is streamed into the action's log. */
  command(phase: ActionPhase, body: CommandBody): Promise<CommandOutcome>;
  /** Marks a pending action running and says what it does. */
  start(description: string): void;
  succeed(text: string): void;
  fail(reason: string, exitCode?: number | null): void;
  skip(reason: string): void;
  log(level: 'info' | 'error', text: string): void;
  recordDetections(detections: Omit<Detection, 'detectedAt'>[]): void;
  recordUpdateScan(scan: UpdateScan): void;
  /** Waits for the agent to come back with a boot id other than this one; null when it did not in time. */
  waitForRestart(previousBootId: string): Promise<string | null>;
}

/** Why a script step failed, or null when it exited 0. */
export function scriptFailure(outcome: CommandOutcome, timeoutSeconds: number): { reason: string; exitCode: number | null } | null {
  if (outcome.status === 'outcome-unknown') return { reason: 'outcome-unknown', exitCode: null };
  if (outcome.status === 'rejected') return { reason: `rejected by the agent: ${outcome.reason}`, exitCode: null };
  if (outcome.kind !== 'run-script') return { reason: 'the agent answered with an unexpected result', exitCode: null };
  const r = outcome.data;
  if (r.timedOut) return { reason: `timed out after ${timeoutSeconds} s`, exitCode: r.exitCode };
  if (r.exitCode !== 0) return { reason: `exit code ${r.exitCode ?? 'none (killed by a signal)'}`, exitCode: r.exitCode };
  return null;
}

/** The reason a command did not complete with the expected kind of result, or null. */
export function outcomeProblem(outcome: CommandOutcome, kind: CommandBody['kind']): string | null {
  if (outcome.status === 'outcome-unknown') return 'outcome-unknown';
  if (outcome.status === 'rejected') return `rejected by the agent: ${outcome.reason}`;
  return outcome.kind === kind ? null : 'the agent answered with an unexpected result';
}

export const formatSeconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} s`;
