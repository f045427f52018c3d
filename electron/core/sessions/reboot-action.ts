// Restarting the computer: honours the restart behaviour (if-required asks the agent whether a
// restart is pending), then waits for the agent to come back with a new boot id.
import type { RestartBehaviour } from '../../../shared/model/settings.js';
import { outcomeProblem, type ActionContext } from './action-context.js';

export interface RebootActionDeps {
  restart: () => RestartBehaviour;
}

export async function runRebootAction(ctx: ActionContext, deps: RebootActionDeps): Promise<void> {
  const behaviour = deps.restart();
  if (behaviour === 'never') return ctx.skip('the restart behaviour is now never');
  ctx.start(`Restart the computer (${ctx.action.reason ?? ''})`);
  const outcome = await ctx.command('execute', { kind: 'reboot', payload: { onlyIfRequired: behaviour === 'if-required' } });
  const problem = outcomeProblem(outcome, 'reboot');
  if (problem || outcome.status !== 'completed' || outcome.kind !== 'reboot') return ctx.fail(problem ?? 'unexpected result');
  if (!outcome.data.rebooting) return ctx.skip(`not needed: ${outcome.data.reason}`);
  ctx.log('info', `Restarting (${outcome.data.reason}); waiting for the agent to come back`);
  const bootId = await ctx.waitForRestart(outcome.data.bootId);
  if (bootId === null) return ctx.fail('the computer did not come back after the restart in time');
  ctx.succeed(`The computer restarted (boot ${outcome.data.bootId.slice(0, 12)} → ${bootId.slice(0, 12)}) and its agent is back`);
}
