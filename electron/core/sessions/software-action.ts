// Install, upgrade and uninstall: the version's scripts in their steps, then detection again to
// verify — a script that exits 0 but leaves the wrong version has failed.
import type { Software } from '../../../shared/model/software.js';
import { compareVersions } from '../../../shared/engine/versions.js';
import type { Clock } from '../ports.js';
import { stepsFor } from './action-scripts.js';
import { formatSeconds, outcomeProblem, scriptFailure, type ActionContext } from './action-context.js';
import { softwareKey } from './session-planner.js';

export interface SoftwareActionDeps {
  software: (id: string) => Software | undefined;
  clock: Clock;
  scriptTimeoutSeconds: number;
  detectTimeoutSeconds: number;
}

export async function runSoftwareAction(ctx: ActionContext, deps: SoftwareActionDeps): Promise<void> {
  const { action } = ctx;
  const software = action.itemId ? deps.software(action.itemId) : undefined;
  if (!software) return ctx.fail('the software item no longer exists in the library');
  const steps = stepsFor(software, action.kind, action.fromVersion, action.toVersion);
  if (typeof steps === 'string') return ctx.fail(steps);
  ctx.start(`${steps.map((s) => s.label).join(', then ')} (${action.reason ?? ''})`);

  const firstStep = action.phase === 'verify' ? steps.length : Math.max(0, steps.findIndex((s) => s.name === action.phase));
  for (let i = firstStep; i < steps.length; i++) {
    const step = steps[i]!;
    const started = deps.clock.now();
    const outcome = await ctx.command(step.name, { kind: 'run-script', payload: { script: step.script, env: step.env, timeoutSeconds: deps.scriptTimeoutSeconds } });
    const failure = scriptFailure(outcome, deps.scriptTimeoutSeconds);
    if (failure) return ctx.fail(failure.reason, failure.exitCode);
    ctx.log('info', `${step.label}: exited with code 0 after ${formatSeconds(deps.clock.now() - started)}`);
  }

  const outcome = await ctx.command('verify', { kind: 'detect', payload: { items: [{ key: softwareKey(software.id), script: software.detectScript, env: {} }], timeoutSeconds: deps.detectTimeoutSeconds } });
  const problem = outcomeProblem(outcome, 'detect');
  if (problem || outcome.status !== 'completed' || outcome.kind !== 'detect') return ctx.fail(`verification did not run: ${problem ?? 'unexpected result'}`);
  const item = outcome.data.items[0];
  if (!item || item.error !== null) return ctx.fail(`verification failed: detection error: ${item?.error ?? 'no result'}`);
  ctx.recordDetections([{ itemKind: 'software', itemId: software.id, value: item.version }]);
  const found = item.version;
  const expected = action.kind === 'uninstall' ? null : action.toVersion;
  const ok = expected === null ? found === null : found !== null && compareVersions(found, expected) === 0;
  if (!ok) return ctx.fail(`verification failed: expected ${expected === null ? 'not installed' : expected}, detected ${found === null ? 'not installed' : found}`);
  ctx.succeed(`Verified: ${software.name} ${found === null ? 'is not installed' : `${found} is installed`}`);
}
