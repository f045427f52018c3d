// The library in Chromium: add a version, see the computer's plan preview show the upgrade, and
// open the explanation for a computer with competing deployments. Screenshots of each screen go to
// test-results/screens/.
import { expect, test, type Page } from '@playwright/test';
import { cleanup, startConsole, type TestConsole } from '../support/processes.js';
import { enrollSandboxed, installScript, preinstall, softwareInput, type SandboxedAgent } from '../support/library.js';

let c: TestConsole;
let pc: SandboxedAgent;
let softwareId: string;
let groupId: string;

test.beforeAll(async () => {
  c = await startConsole();
  pc = await enrollSandboxed(c, { name: 'reception-pc' });
  preinstall(pc.sandbox, 'editor', '1.0');
  const editor = await c.api.call('software.create', { ...softwareInput('editor', ['1.0']), name: 'Editor', vendor: 'Acme Software' });
  softwareId = editor.id;
  // Competing deployments: everyone gets it installed, the tenant only updates it where found, and
  // a disabled computer-level removal takes no part.
  await c.api.call('deployments.create', { name: 'Editor everywhere', softwareId, desiredState: 'installed', targets: [{ kind: 'all' }] });
  await c.api.call('deployments.create', { name: 'Editor for the front office', softwareId, desiredState: 'update-if-found', targets: [{ kind: 'tenant', id: pc.tenantId }] });
  await c.api.call('deployments.create', { name: 'Remove Editor here', softwareId, desiredState: 'uninstalled', enabled: false, targets: [{ kind: 'computer', id: pc.computerId }] });
  const { id: taskId } = await c.api.call('tasks.create', {
    name: 'Screen lock timeout', description: 'Locks the screen after idle minutes',
    testScript: { shell: 'sh', body: 'test "$(cat "$SANDBOX_DIR/lock" 2>/dev/null)" = "$MINUTES"' },
    setScript: { shell: 'sh', body: 'printf "%s" "$MINUTES" > "$SANDBOX_DIR/lock"' },
    parameters: [{ name: 'MINUTES', type: 'number', default: 10 }, { name: 'LEVEL', type: 'choice', choices: ['strict', 'relaxed'], default: 'strict' }],
  });
  await c.api.call('deployments.create', { name: 'Lock screens', taskId, mode: 'audit', parameters: { MINUTES: 5 }, targets: [{ kind: 'tenant', id: pc.tenantId }] });
  groupId = (await c.api.call('groups.create', { tenantId: pc.tenantId, name: 'Front desk', computerIds: [pc.computerId] })).id;
});

test.afterAll(cleanup);

async function signIn(page: Page, hash: string): Promise<void> {
  await page.goto(`${c.url}/?token=${c.token}#${hash}`);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // dialog and panel transitions
  await page.screenshot({ path: `test-results/screens/library-${name}.png`, fullPage: true });
}

test('adding a version shows up as an upgrade in the computer\'s plan preview, with the explanation of competing deployments', async ({ page }) => {
  await signIn(page, `/software/${softwareId}`);
  await expect(page.locator('[data-view="software-edit"]')).toBeVisible();
  await page.getByRole('button', { name: 'Add version' }).click();
  await page.getByTestId('version-1').locator('input').fill('1.2');
  await page.getByLabel('Release date').last().fill('2026-03-02');
  await page.getByTestId('install-script-1').locator('textarea').fill(installScript('editor').body);
  await shot(page, 'software-add-version');
  await page.getByTestId('save-software').click();
  await expect(page.locator('[data-view="software"]')).toBeVisible();
  expect((await c.api.call('software.get', { id: softwareId })).versions.map((v) => [v.version, v.releaseDate])).toEqual([['1.0', null], ['1.2', '2026-03-02']]);

  await page.goto(`${c.url}/#/computers/${pc.computerId}`);
  await expect(page.locator('[data-view="computer"]')).toBeVisible();
  await page.getByTestId('preview-plan').click();
  const upgrade = page.locator('[data-testid="preview-action"][data-kind="upgrade"]');
  await expect(upgrade).toBeVisible();
  await expect(upgrade).toContainText('Editor for the front office');
  await expect(upgrade).toContainText('1.0 → 1.2');
  await expect(upgrade).toContainText('installed 1.0 is older than latest (1.2)');
  await expect(page.locator('[data-testid="preview-action"][data-kind="run-task"]')).toContainText('audit mode reports it and changes nothing');

  const editorItem = page.getByTestId('explanation-item').filter({ hasText: 'Editor' });
  await expect(editorItem.getByTestId('explanation-winner')).toContainText('Editor for the front office');
  await expect(editorItem.getByTestId('explanation-winner')).toContainText('most specific: it targets its tenant');
  await expect(editorItem.getByTestId('explanation-loser').filter({ hasText: 'Editor everywhere' })).toContainText('less specific: it targets all computers, the winner targets its tenant');
  await expect(editorItem.getByTestId('explanation-loser').filter({ hasText: 'Remove Editor here' })).toContainText('disabled: takes no part');
  await shot(page, 'computer');
  // Previewing changed nothing on the computer.
  expect((await c.api.call('sessions.list', {})).items).toEqual([]);
});

test('deploying a task with parameters, the tasks screen, and deferral days in the Windows update settings', async ({ page }) => {
  await signIn(page, '/deployments');
  await expect(page.getByRole('row').filter({ hasText: 'Editor everywhere' })).toBeVisible();
  await page.getByTestId('new-deployment').click();
  const dialog = page.getByTestId('deployment-dialog');
  await dialog.getByRole('button', { name: 'Task' }).click();
  await dialog.getByRole('combobox', { name: 'Task' }).click();
  await page.getByRole('option', { name: 'Screen lock timeout' }).click();
  await dialog.getByLabel('Name').fill('Lock screens strictly');
  await dialog.getByLabel('MINUTES').fill('3');
  await dialog.getByRole('radio', { name: /Enforce/ }).check();
  await dialog.getByRole('button', { name: 'A group' }).click();
  await dialog.getByRole('combobox', { name: 'Computer group' }).click();
  await page.getByRole('option', { name: /Front desk/ }).click();
  await shot(page, 'deployment-dialog-task');
  await dialog.getByTestId('save-deployment').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: 'Lock screens strictly' })).toContainText('Screen lock timeout');
  const saved = (await c.api.call('deployments.list', {})).items.find((d) => d.name === 'Lock screens strictly');
  expect(saved).toMatchObject({ taskId: expect.any(String), mode: 'enforce', parameters: { MINUTES: 3 }, targets: [{ kind: 'group', id: groupId }] });
  // The group-level deployment wins on its member over the tenant-level one, and the computer page says why.
  const explained = await c.api.call('deployments.explain', { computerId: pc.computerId });
  expect(explained.items.find((i) => i.item.name === 'Screen lock timeout')).toMatchObject({ winner: { deploymentId: saved!.id, reason: 'most specific: it targets a group it belongs to' } });
  await shot(page, 'deployments');

  await page.goto(`${c.url}/#/tasks`);
  await expect(page.getByRole('row').filter({ hasText: 'OS Updates' })).toContainText('Built in');
  await expect(page.getByRole('row').filter({ hasText: 'Screen lock timeout' })).toContainText('MINUTES, LEVEL');
  await page.getByRole('row').filter({ hasText: 'Screen lock timeout' }).click();
  await expect(page.getByTestId('task-editor')).toBeVisible();
  await shot(page, 'task-editor');
  await page.getByTestId('task-editor').getByRole('button', { name: 'Cancel' }).click();
  await shot(page, 'tasks');

  await page.goto(`${c.url}/#/settings`);
  await page.getByLabel('Defer security updates (days after release)').fill('3');
  await shot(page, 'settings');
  await page.getByTestId('save-settings').click();
  await expect.poll(async () => (await c.api.call('settings.get', {})).windowsUpdates.deferralDays).toEqual({ security: 3 });
});
