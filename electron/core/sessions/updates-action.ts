// Installing OS updates: the agent scans again and installs what the Windows Update settings let
// through now; then a fresh scan verifies and becomes the computer's pending-updates inventory.
import type { WindowsUpdateSettings } from '../../../shared/model/settings.js';
import { taskDetectionValue } from '../../../shared/model/task.js';
import { describeUpdates } from '../../../shared/engine/os-updates.js';
import { outcomeProblem, type ActionContext } from './action-context.js';

export interface UpdatesActionDeps {
  windowsUpdates: () => WindowsUpdateSettings;
  installTimeoutSeconds: number;
  scanTimeoutSeconds: number;
}

export async function runUpdatesAction(ctx: ActionContext, deps: UpdatesActionDeps): Promise<void> {
  const settings = deps.windowsUpdates();
  const selection = { categories: settings.categories, deferralDays: settings.deferralDays };
  ctx.start(`Install OS updates (${ctx.action.reason ?? ''})`);
  if (ctx.action.phase !== 'verify') {
    const outcome = await ctx.command('execute', { kind: 'os-updates-install', payload: { ...selection, timeoutSeconds: deps.installTimeoutSeconds } });
    const problem = outcomeProblem(outcome, 'os-updates-install');
    if (problem || outcome.status !== 'completed' || outcome.kind !== 'os-updates-install') return ctx.fail(problem ?? 'unexpected result');
    const r = outcome.data;
    if (r.error !== null) return ctx.fail(r.error);
    for (const u of r.installed) ctx.log('info', `Installed ${u.title}`);
    for (const u of r.failed) ctx.log('error', `Failed ${u.title}: ${u.reason}`);
    if (r.rebootRequired) ctx.log('info', 'The updates ask for a restart');
    if (r.failed.length > 0) {
      const total = r.failed.length + r.installed.length;
      return ctx.fail(`${r.failed.length} of ${total} update${total === 1 ? '' : 's'} failed: ${r.failed.map((f) => `${f.title} (${f.reason})`).join('; ')}`.slice(0, 2000));
    }
    ctx.log('info', r.installed.length === 0 ? 'No updates were left to install' : `Installed ${r.installed.length} update${r.installed.length === 1 ? '' : 's'}`);
  }
  const outcome = await ctx.command('verify', { kind: 'os-updates-scan', payload: { ...selection, timeoutSeconds: deps.scanTimeoutSeconds } });
  if (outcome.status === 'completed' && outcome.kind === 'os-updates-scan' && outcome.data.error === null) {
    const scan = outcome.data;
    ctx.recordUpdateScan(scan);
    const pending = scan.updates.some((u) => u.selected);
    const detail = [pending ? describeUpdates(scan.updates) : null, scan.rebootRequired ? 'restart pending' : null].filter(Boolean).join('; ');
    ctx.recordDetections([{ itemKind: 'task', itemId: ctx.action.itemId!, value: taskDetectionValue(!pending && !scan.rebootRequired, detail || null) }]);
    // Updates can bring new ones (a cumulative update after a servicing stack): listed, not a failure.
    if (pending) ctx.log('info', `After installing: ${describeUpdates(scan.updates)}`);
  } else {
    ctx.log('error', 'The scan after installing did not run; the pending updates shown may be out of date');
  }
  ctx.succeed('OS updates installed');
}
