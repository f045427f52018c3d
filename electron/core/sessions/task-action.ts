// Enforcing a task: the set script, then the test again; compliant afterwards or the action fails.
import type { Deployment } from '../../../shared/model/deployment.js';
import { taskDetectionValue, type Task } from '../../../shared/model/task.js';
import { outcomeProblem, scriptFailure, type ActionContext } from './action-context.js';
import { taskKey, taskResult, taskScriptEnv } from './session-planner.js';

export interface TaskActionDeps {
  task: (id: string) => Task | undefined;
  deployment: (id: string) => Deployment | undefined;
  scriptTimeoutSeconds: number;
  detectTimeoutSeconds: number;
}

export async function runTaskAction(ctx: ActionContext, deps: TaskActionDeps): Promise<void> {
  const { action } = ctx;
  const task = action.itemId ? deps.task(action.itemId) : undefined;
  const deployment = action.deploymentId ? deps.deployment(action.deploymentId) : undefined;
  if (!task || !task.setScript || !task.testScript) return ctx.fail('the task no longer exists');
  if (!deployment) return ctx.fail('the deployment no longer exists');
  ctx.start(`Enforce ${task.name}: run the set script, then test again (${action.reason ?? ''})`);

  if (action.phase !== 'verify') {
    const outcome = await ctx.command('execute', { kind: 'run-script', payload: { script: task.setScript, env: taskScriptEnv(task, deployment, 'set'), timeoutSeconds: deps.scriptTimeoutSeconds } });
    const failure = scriptFailure(outcome, deps.scriptTimeoutSeconds);
    if (failure) return ctx.fail(`set script: ${failure.reason}`, failure.exitCode);
    ctx.log('info', `${task.name}: set script exited with code 0`);
  }
  const outcome = await ctx.command('verify', { kind: 'detect', payload: { items: [{ key: taskKey(task.id), script: task.testScript, env: taskScriptEnv(task, deployment, 'test') }], timeoutSeconds: deps.detectTimeoutSeconds } });
  const problem = outcomeProblem(outcome, 'detect');
  if (problem || outcome.status !== 'completed' || outcome.kind !== 'detect') return ctx.fail(`the test after the set script did not run: ${problem ?? 'unexpected result'}`);
  const result = taskResult(outcome.data.items[0]);
  if ('error' in result) return ctx.fail(`the test after the set script failed to run: ${result.error}`);
  ctx.recordDetections([{ itemKind: 'task', itemId: task.id, value: taskDetectionValue(result.compliant, result.detail) }]);
  if (!result.compliant) return ctx.fail(`still non-compliant after the set script${result.detail ? `: ${result.detail}` : ''}`);
  ctx.succeed(`Verified: ${task.name} is compliant${result.detail ? ` (${result.detail})` : ''}`);
}
