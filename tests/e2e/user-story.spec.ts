// The user story through the UI only, against a real web console and real agent processes: create a
// tenant, enroll computers with the copied agent command, add software, deploy it, run maintenance
// on a selection, follow a session live to completed with its log, and see a failing install fail.
import { hostname } from 'node:os';
import type { Page } from '@playwright/test';
import { expect, settle, shoot, test } from './fixtures.js';

async function nav(page: Page, name: string): Promise<void> {
  await page.locator(`[data-nav="${name}"]`).click();
  await expect(page.locator(`[data-view="${name}"]`)).toBeVisible();
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

test('a technician enrolls computers, deploys software and follows maintenance to the end', async ({ page, steward }) => {
  test.setTimeout(180_000);

  await steward.open();
  await expect(page.locator('[data-view="dashboard"]')).toBeVisible();
  await expect(page.getByTestId('getting-started')).toBeVisible();
  await shoot(page, '01-dashboard-empty');

  // Tenants: create one; its enrollment dialog opens with a command to copy.
  await nav(page, 'tenants');
  await expect(page.getByText('No tenants yet')).toBeVisible();
  await shoot(page, '02-tenants-empty');
  await page.getByTestId('new-tenant').click();
  await page.getByTestId('create-tenant-dialog').getByLabel('Name').fill('Acme Dental');
  await page.getByTestId('create-tenant-dialog').getByRole('button', { name: 'Create' }).click();
  const enrollment = page.getByTestId('enrollment-dialog');
  await expect(enrollment).toBeVisible();
  await enrollment.getByTestId('create-enrollment').click();
  await expect(enrollment.getByTestId('enrollment-result')).toContainText('Expires');
  await enrollment.getByRole('button', { name: 'Copy Agent command' }).click();
  await expect(enrollment).toContainText('Copied to the clipboard');
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command).toMatch(/^npm run agent -- --token stw1\.\S+/);
  await shoot(page, '03-enrollment-dialog');
  await enrollment.getByRole('button', { name: 'Done' }).click();

  // Two computers run the copied command.
  steward.startAgentFromCommand(command);
  steward.startAgentFromCommand(command, { name: 'workshop-pc' });
  const reception = hostname();

  await nav(page, 'computers');
  const rows = page.locator('[data-view="computers"] tbody tr');
  await expect(rows).toHaveCount(2);
  const receptionRow = rows.filter({ hasText: reception }).first();
  const workshopRow = rows.filter({ hasText: 'workshop-pc' });
  await expect(receptionRow.locator('[data-status="online"]')).toBeVisible();
  await expect(workshopRow.locator('[data-status="online"]')).toBeVisible();
  await expect(receptionRow).toContainText(/Linux|Debian|Ubuntu/);
  await expect(receptionRow).toContainText('Acme Dental');
  await shoot(page, '04-computers');

  // Software: one that installs into the sandbox, one whose install fails.
  await nav(page, 'software');
  await expect(page.getByText('No software yet')).toBeVisible();
  await page.getByTestId('new-software').click();
  await expect(page.locator('[data-view="software-edit"]')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Notepad Plus');
  await page.getByLabel('Vendor').fill('Demo Corp');
  // Scripts run in the agent's work folder: ../apps is that computer's own sandbox.
  await page.getByLabel('Detection script', { exact: true }).fill('cat ../apps/notepad 2>/dev/null || true');
  await page.getByLabel('Version', { exact: true }).fill('1.2.0');
  await page.getByLabel('Install script', { exact: true }).fill(
    ['echo "installing Notepad Plus $STEWARD_VERSION"', 'for step in 1 2 3 4; do echo "copying files ($step/4)"; sleep 1; done', 'mkdir -p ../apps', `printf '%s\\n' "$STEWARD_VERSION" > ../apps/notepad`].join('\n'),
  );
  await page.getByLabel('Uninstall script', { exact: true }).fill('rm -f ../apps/notepad');
  await shoot(page, '05-software-editor');
  await page.getByTestId('save-software').click();
  await expect(page.locator('[data-view="software"]')).toBeVisible();

  // A bad version number is refused by the API and shown under the version input.
  await page.getByTestId('new-software').click();
  await page.getByLabel('Name', { exact: true }).fill('Broken Tool');
  await page.getByLabel('Detection script', { exact: true }).fill('cat ../apps/broken 2>/dev/null || true');
  await page.getByLabel('Version', { exact: true }).fill('not a version!');
  await page.getByLabel('Install script', { exact: true }).fill('echo "unpacking"\necho "disk full: cannot write /opt/broken" >&2\nexit 3');
  await page.getByTestId('save-software').click();
  await expect(page.locator('[data-view="software-edit"]').getByText('Must be a version such as 1.2.3')).toBeVisible();
  await shoot(page, '06-software-editor-error');
  await page.getByLabel('Version', { exact: true }).fill('2.0');
  await page.getByTestId('save-software').click();
  await expect(page.locator('[data-view="software"] tbody tr')).toHaveCount(2);
  await shoot(page, '07-software');

  // Deployments: Notepad everywhere at Latest; Broken Tool on the workshop computer only.
  await nav(page, 'deployments');
  await page.getByTestId('new-deployment').click();
  const dialog = page.getByTestId('deployment-dialog');
  await choose(page, 'Software', 'Notepad Plus');
  await expect(dialog.getByLabel('Name')).toHaveValue('Notepad Plus');
  await expect(dialog.getByTestId('deployment-version')).toContainText('Latest');
  await settle(page);
  await shoot(page, '08-deployment-dialog');
  await dialog.getByTestId('save-deployment').click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('new-deployment').click();
  await choose(page, 'Software', 'Broken Tool');
  await dialog.getByRole('button', { name: 'A computer' }).click();
  await choose(page, 'Computer', 'workshop-pc (Acme Dental)');
  await dialog.getByTestId('save-deployment').click();
  await expect(dialog).toBeHidden();
  const deployments = page.locator('[data-view="deployments"] tbody tr');
  await expect(deployments).toHaveCount(2);
  await expect(deployments.filter({ hasText: 'Notepad Plus' })).toContainText('All computers');
  await expect(deployments.filter({ hasText: 'Broken Tool' })).toContainText('Computer workshop-pc');
  await shoot(page, '09-deployments');

  // Computers: select both, run maintenance.
  await nav(page, 'computers');
  await receptionRow.locator('input[type="checkbox"]').check();
  await workshopRow.locator('input[type="checkbox"]').check();
  await expect(page.getByTestId('run-maintenance')).toContainText('Run maintenance (2)');
  await page.getByTestId('run-maintenance').click();
  await expect(page.getByTestId('run-maintenance-dialog')).toBeVisible();
  await shoot(page, '10-run-maintenance-dialog');
  await page.getByTestId('run-maintenance-dialog').getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('notice')).toContainText('Maintenance started: 2 sessions');
  await page.getByTestId('notice').getByRole('link', { name: 'View sessions' }).click();

  // Sessions: both listed with status chips; open the reception session and follow it live.
  await expect(page.locator('[data-view="sessions"]')).toBeVisible();
  const sessionRows = page.locator('[data-view="sessions"] tbody tr');
  await expect(sessionRows).toHaveCount(2);
  await sessionRows.filter({ hasText: reception }).first().click();
  await expect(page.locator('[data-view="session"]')).toBeVisible();
  const status = page.getByTestId('session-status');
  // It is still running when the page opens (the install takes four seconds) ...
  await expect(status).toHaveText(/Queued|Waiting for agent|In progress/);
  const log = page.getByTestId('session-log');
  await expect(log).toContainText('copying files (1/4)', { timeout: 20_000 });
  // ... and the same page, never reloaded, follows it to the end.
  await expect(status).toHaveText('Completed', { timeout: 30_000 });
  await expect(log).toContainText('installing Notepad Plus 1.2.0');
  await expect(log).toContainText('copying files (4/4)');
  const actions = page.getByTestId('session-actions');
  await expect(actions.locator('tr[data-action="install"]')).toContainText('Succeeded');
  await expect(actions.locator('tr[data-action="install"]')).toContainText('Notepad Plus');
  await shoot(page, '11-session-completed');

  // The workshop session fails on Broken Tool, with the error shown.
  await page.getByRole('link', { name: 'Sessions' }).first().click();
  await sessionRows.filter({ hasText: 'workshop-pc' }).click();
  await expect(status).toHaveText('Failed', { timeout: 30_000 });
  const failed = actions.locator('tr').filter({ hasText: 'Broken Tool' });
  await expect(failed).toContainText('Failed');
  await expect(failed).toContainText('3');
  await expect(page.getByTestId('session-log')).toContainText('disk full: cannot write /opt/broken');
  await expect(page.getByTestId('session-reason')).toBeVisible();
  await shoot(page, '12-session-failed');

  // The sessions list, opened later, shows both outcomes; the computer shows what is installed.
  await nav(page, 'sessions');
  await expect(sessionRows.filter({ hasText: reception }).locator('[data-status="completed"]')).toBeVisible();
  await expect(sessionRows.filter({ hasText: 'workshop-pc' }).locator('[data-status="failed"]')).toBeVisible();
  await shoot(page, '13-sessions');
  await nav(page, 'computers');
  await receptionRow.getByRole('link').click();
  await expect(page.getByTestId('installed-software')).toContainText('Notepad Plus');
  await expect(page.getByTestId('installed-software')).toContainText('1.2.0');
  await shoot(page, '14-computer-detail');

  await nav(page, 'tenants');
  await expect(page.locator('[data-view="tenants"] tbody tr')).toContainText('2 computers');
  await shoot(page, '15-tenants');
  await nav(page, 'settings');
  await shoot(page, '16-settings');
  await nav(page, 'dashboard');
  await expect(page.locator('[data-stat="computers"]')).toHaveText('2');
  await shoot(page, '17-dashboard');
});
