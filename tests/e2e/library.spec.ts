// The library in Chromium: add a version, see the computer's plan preview show the upgrade, and
// open the explanation for a computer with competing deployments. Screenshots of each screen go to
// test-results/screens/.
import { expect, test, type Page } from '@playwright/test';
import { cleanup, startConsole, type TestConsole } from '../support/processes.js';
import { enrollSandboxed, installScript, preinstall, softwareInput, type SandboxedAgent } from '../support/library.js';

let c: TestConsole;
let pc: SandboxedAgent;
let softwareId: string;

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
  await expect(page.getByText('Latest is 1.0')).toBeVisible();
  await page.getByTestId('add-version').click();
  await page.getByTestId('version-number').locator('input').fill('1.2');
  await page.getByLabel('Release date').first().fill('2026-03-02');
  await page.getByRole('textbox', { name: 'Install script', exact: true }).first().fill(installScript('editor').body);
  await shot(page, 'software-add-version');
  await page.getByTestId('save-software').click();
  await expect(page.getByText('Latest is 1.2')).toBeVisible();
  expect((await c.api.call('software.get', { id: softwareId })).versions.map((v) => [v.version, v.releaseDate])).toEqual([['1.2', '2026-03-02'], ['1.0', null]]);

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

test('the library screens: software, deployments and the editor, tasks, Windows Update settings', async ({ page }) => {
  await signIn(page, '/software');
  await expect(page.locator('[data-view="software"]')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Editor' })).toContainText('Acme Software');
  await shot(page, 'software');

  await page.goto(`${c.url}/#/deployments`);
  await expect(page.getByRole('row').filter({ hasText: 'Editor everywhere' })).toContainText('Installed · Latest');
  await shot(page, 'deployments');
  await page.getByTestId('new-deployment').click();
  const editor = page.getByTestId('deployment-editor');
  await editor.getByLabel('Name').fill('Lock screens strictly');
  await editor.getByRole('button', { name: 'Task' }).click();
  await editor.getByRole('combobox', { name: 'Task' }).click();
  await page.getByRole('option', { name: 'Screen lock timeout' }).click();
  await editor.getByLabel('MINUTES').fill('3');
  await shot(page, 'deployment-editor');
  await editor.getByRole('radio', { name: /Enforce/ }).check();
  await page.getByTestId('save-deployment').click();
  await expect(page.getByRole('row').filter({ hasText: 'Lock screens strictly' })).toContainText('Enforce');
  const saved = (await c.api.call('deployments.list', {})).items.find((d) => d.name === 'Lock screens strictly');
  expect(saved).toMatchObject({ mode: 'enforce', parameters: { MINUTES: 3 }, targets: [{ kind: 'all' }] });

  await page.goto(`${c.url}/#/tasks`);
  await expect(page.getByRole('row').filter({ hasText: 'OS Updates' })).toContainText('Built in');
  await shot(page, 'tasks');

  await page.goto(`${c.url}/#/settings`);
  const wu = page.getByTestId('windows-update-settings');
  await wu.getByLabel('Install Drivers').check();
  await wu.getByLabel('Deferral for Drivers').fill('14');
  await wu.getByRole('radio', { name: /Always/ }).check();
  await shot(page, 'settings');
  await page.getByTestId('save-windows-update').click();
  await expect.poll(async () => (await c.api.call('settings.get', {})).windowsUpdates).toEqual({ categories: ['security', 'critical', 'definition', 'driver'], deferralDays: { driver: 14 }, restart: 'always' });
});
