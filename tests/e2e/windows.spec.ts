// End to end in Chromium against the web console with real agents: create a window with an
// exclusion, assign it to a tenant, see it on the planner (in the technician's zone, with the
// window's zone on hover) and on the computer page; run maintenance on two computers with a
// chosen deployment.
import { expect, test } from '@playwright/test';
import { cleanup, startConsole, waitFor, type TestConsole } from '../support/processes.js';
import { enrollAgent } from '../support/scenario.js';

test.use({ timezoneId: 'America/New_York' });
test.afterEach(cleanup);

let c: TestConsole;

test.beforeEach(async () => {
  c = await startConsole();
});

test('plans a window with an exclusion, assigns it and sees it on the planner and the computer page', async ({ page }) => {
  const a = await enrollAgent(c, { name: 'front-desk' });
  await c.api.call('tenants.update', { id: a.tenantId, name: 'Acme Dental' });
  await page.goto(`${c.url}/?token=${c.token}`);
  await page.getByRole('link', { name: 'Windows' }).click();
  await expect(page.locator('[data-view="windows"]')).toBeVisible();

  await page.getByTestId('new-window').click();
  const dialog = page.getByTestId('window-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Name').fill('Weeknights');
  await dialog.getByTestId('window-start').getByRole('textbox').fill('22:00');
  await dialog.getByTestId('window-end').getByRole('textbox').fill('04:00');
  await dialog.getByLabel('Time zone').fill('Europe/Berlin');
  await page.getByRole('option', { name: 'Europe/Berlin', exact: true }).click();
  await expect(dialog.getByText('Ends the next day')).toBeVisible();
  await dialog.getByTestId('add-exclusion').click();
  const exclusion = dialog.getByTestId('exclusion-0');
  await exclusion.getByLabel('From').fill('2026-12-24');
  await exclusion.getByLabel('To (optional)').fill('2026-12-26');
  await exclusion.getByLabel('Label').fill('Christmas');
  // The preview shows the next occurrences in the window's zone and in the technician's.
  await expect(dialog.getByTestId('window-preview')).toContainText('Your time (America/New_York)');
  await dialog.getByTestId('save-window').click();
  await expect(dialog).toBeHidden();

  const window = (await c.api.call('windows.list', {})).items.find((w) => w.name === 'Weeknights')!;
  expect(window).toMatchObject({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '22:00', end: '04:00', timeZone: 'Europe/Berlin', exclusions: [{ from: '2026-12-24', to: '2026-12-26', label: 'Christmas' }] });

  // Assign it to the tenant.
  await page.getByTestId('tab-assignments').click();
  await page.getByTestId('manage-Acme Dental').click();
  await expect(page.locator('[data-view="tenant-maintenance"]')).toBeVisible();
  await page.getByTestId('tenant-window').click();
  await page.getByRole('option', { name: 'Weeknights' }).click();
  await expect.poll(async () => (await c.api.call('tenants.get', { id: a.tenantId })).windowId).toBe(window.id);
  await expect(page.getByRole('table', { name: 'Effective windows' })).toContainText('Weeknights');

  // On the planner: 22:00 in Berlin is 16:00 in New York; hovering shows both zones.
  await page.getByRole('link', { name: 'Windows' }).first().click();
  await page.getByTestId('tab-planner').click();
  const blocks = page.getByTestId('planner-week').getByTestId(`occurrence-${window.id}`);
  await expect(blocks.first()).toBeVisible();
  await blocks.first().hover();
  const tooltip = page.locator('[role="tooltip"].v-overlay--active');
  await expect(tooltip).toContainText('Europe/Berlin');
  await expect(tooltip).toContainText('America/New_York');
  await expect(tooltip).toContainText('1 computer');
  await page.getByTestId('planner-month-mode').click();
  await expect(page.getByTestId('planner-month').getByTestId(`occurrence-${window.id}`).first()).toBeVisible();

  // On the computer page: the window, where it comes from, and when it next opens.
  await page.goto(`${c.url}/#/computers/${a.computerId}`);
  const card = page.getByTestId('effective-window');
  await expect(card.getByTestId('effective-window-name')).toHaveText('Weeknights');
  await expect(card.getByTestId('effective-window-source')).toHaveText('From tenant Acme Dental');
  await expect(card.getByTestId('next-occurrence')).toContainText('Europe/Berlin');
  await expect(card.getByTestId('next-run')).toContainText('Automated maintenance is switched off');
  await page.screenshot({ path: 'test-results/screens/windows-computer.png', fullPage: true });
});

test('runs maintenance on two computers with a chosen deployment', async ({ page }) => {
  const a = await enrollAgent(c, { name: 'pc-one' });
  await enrollAgent(c, { name: 'pc-two', tenantId: a.tenantId });
  const software = await c.api.call('software.create', { name: 'Editor', detectScript: { shell: 'sh', body: 'true' }, versions: [{ version: '1.0', installScript: { shell: 'sh', body: 'true' } }] });
  const chosen = await c.api.call('deployments.create', { name: 'Editor everywhere', softwareId: software.id, desiredState: 'installed', targets: [{ kind: 'all' }] });
  await c.api.call('deployments.create', { name: 'Editor for Acme', softwareId: software.id, desiredState: 'installed', targets: [{ kind: 'tenant', id: a.tenantId }] });

  await page.goto(`${c.url}/?token=${c.token}`);
  await page.getByRole('link', { name: 'Computers' }).click();
  await expect(page.getByText('pc-two')).toBeVisible();
  await page.getByRole('row', { name: /^Select row pc-one/ }).getByRole('checkbox').check();
  await page.getByRole('row', { name: /^Select row pc-two/ }).getByRole('checkbox').check();
  await page.getByTestId('run-maintenance').click();
  const dialog = page.getByTestId('run-maintenance-dialog');
  await expect(dialog).toContainText('On 2 computers');
  await dialog.getByTestId('scope-chosen').click();
  await expect(dialog.getByTestId('start-maintenance')).toBeDisabled();
  await dialog.getByTestId('chosen-deployments').click();
  await page.getByRole('option', { name: /Editor everywhere/ }).click();
  await page.keyboard.press('Escape');
  await dialog.getByText('High — ahead of scheduled work in the queue').click();
  await dialog.getByTestId('notify').click();
  await page.getByRole('option', { name: 'When each session ends' }).click();
  await page.waitForTimeout(300); // the dialog's open transition, for the screenshot
  await page.screenshot({ path: 'test-results/screens/run-maintenance-dialog.png' });
  await dialog.getByTestId('start-maintenance').click();
  await expect(dialog).toBeHidden();

  const sessions = await waitFor(async () => {
    const items = (await c.api.call('sessions.list', { trigger: 'manual' })).items;
    return items.length === 2 ? items : undefined;
  }, 'two manual sessions');
  for (const s of sessions) {
    const full = await c.api.call('sessions.get', { id: s.id });
    expect(full).toMatchObject({ priority: 'high', deploymentIds: [chosen.id] });
  }
});
