// Reporting in Chromium against a real web console: the sessions list keeps its filters in the
// address bar across a reload; a failed session shows the failing action's error; compliance with
// its CSV; and notification settings with a test mail that reaches a real SMTP server.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { seedHistory } from '../../benchmarks/seed-history.js';
import { TestSmtpServer } from '../support/smtp.js';
import { expect, settle, shoot, test, type Steward } from './fixtures.js';

async function nav(page: Page, name: string): Promise<void> {
  await page.locator(`[data-nav="${name}"]`).click();
  await expect(page.locator(`[data-view="${name}"]`)).toBeVisible();
}

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).click();
  await page.keyboard.press('Escape');
}

/** A tenant with one enrolled computer whose software install fails with an error message. */
async function failingComputer(steward: Steward, name: string) {
  const tenant = await steward.api.call('tenants.create', { name: 'Acme Dental' });
  const { agentCommand } = await steward.api.call('enrollment.createToken', { tenantId: tenant.id });
  steward.startAgentFromCommand(agentCommand, { name });
  let computerId = '';
  await expect.poll(async () => (computerId = (await steward.api.call('computers.list', { tenantId: tenant.id })).items.find((c) => c.name === name && c.online)?.id ?? ''), { timeout: 20_000 }).not.toBe('');
  const dir = mkdtempSync(join(tmpdir(), 'steward-e2e-sandbox-'));
  const software = await steward.api.call('software.create', {
    name: 'Imaging Suite',
    detectScript: { shell: 'sh', body: `cat "${dir}/imaging" 2>/dev/null || true` },
    versions: [{ version: '7.2', installScript: { shell: 'sh', body: 'echo "copying files"\necho "disk full while copying files" >&2\nexit 3' } }],
  });
  const deployment = await steward.api.call('deployments.create', { name: 'Imaging Suite latest', softwareId: software.id, desiredState: 'installed', targets: [{ kind: 'tenant', id: tenant.id }] });
  return { tenantId: tenant.id, computerId, deploymentId: deployment.id };
}

async function runAndWait(steward: Steward, computerId: string): Promise<string> {
  const [id] = (await steward.api.call('maintenance.run', { computerIds: [computerId] })).sessionIds;
  await expect.poll(async () => (await steward.api.call('sessions.get', { id: id! })).status, { timeout: 30_000 }).toBe('failed');
  return id!;
}

test('the sessions list keeps its filters and sort in the address bar across a reload', async ({ page, steward }) => {
  await steward.stopConsole();
  seedHistory(steward.dataDir, { tenants: 3, computers: 12, software: 3, sessions: 400, years: 1 });
  await steward.startConsole();
  await steward.open();

  await nav(page, 'sessions');
  await expect(page.getByTestId('pager-range')).toHaveText('1–25 of 400');
  await choose(page, 'filter-status', 'Failed');
  await expect(page).toHaveURL(/status=failed/);
  await choose(page, 'filter-tenant', 'Client 002');
  await expect(page).toHaveURL(/tenant=/);
  await page.getByRole('columnheader', { name: 'Computer' }).click();
  await expect(page).toHaveURL(/sort=computer/);

  const rows = page.locator('[data-view="sessions"] tbody tr');
  await expect(rows.first()).toContainText('Client 002');
  const range = await page.getByTestId('pager-range').textContent();
  const before = await rows.allTextContents();
  expect(before.length).toBeGreaterThan(1);
  for (const row of before) expect(row).toMatch(/Failed.*Client 002/);
  await shoot(page, '20-sessions-filtered');

  await page.reload();
  await expect(page.locator('[data-view="sessions"]')).toBeVisible();
  await expect(page.getByTestId('filter-status')).toContainText('Failed');
  await expect(page.getByTestId('filter-tenant')).toContainText('Client 002');
  await expect(page.getByTestId('pager-range')).toHaveText(range!);
  await expect(rows.first()).toContainText('Client 002');
  expect(await rows.allTextContents()).toEqual(before);
  const names = (await rows.locator('td:nth-child(2) a').allTextContents()).map((t) => t.trim());
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

  // Clearing a filter is a new address, so Back returns to the filtered view.
  await page.getByTestId('filter-tenant').locator('.v-field__clearable').click();
  await expect(page).not.toHaveURL(/tenant=/);
  await page.goBack();
  await expect(page).toHaveURL(/tenant=/);
  await expect(page.getByTestId('filter-tenant')).toContainText('Client 002');
});

test('a failed session shows the failing action and its error; compliance exports CSV and takes action', async ({ page, steward }) => {
  test.setTimeout(150_000);
  const { computerId } = await failingComputer(steward, 'xray-ws');
  const sessionId = await runAndWait(steward, computerId);
  await steward.open();

  await nav(page, 'sessions');
  await choose(page, 'filter-status', 'Failed');
  await page.locator('[data-view="sessions"] tbody tr').filter({ hasText: 'xray-ws' }).first().click();
  await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`));
  const wrong = page.getByTestId('failed-actions');
  await expect(wrong).toContainText('Imaging Suite');
  await expect(wrong).toContainText('exit code 3');
  await expect(wrong.getByTestId('error-output')).toHaveText('disk full while copying files');
  await expect(page.getByTestId('session-actions')).toContainText('exit code 3');

  await page.getByTestId('log-search').locator('input').fill('DISK FULL');
  await expect(page.getByTestId('log-search-count')).toHaveText('1 matching line');
  await expect(page.getByTestId('log-search-results')).toContainText('disk full while copying files');
  const logDownload = page.waitForEvent('download');
  await page.getByTestId('log-download').click();
  const log = await logDownload;
  expect(log.suggestedFilename()).toBe(`steward-session-${sessionId}.log.txt`);
  const logText = readFileSync((await log.path()), 'utf8');
  expect(logText).toContain('Computer: xray-ws');
  expect(logText).toMatch(/stderr +disk full while copying files/);
  await shoot(page, '21-session-failed');

  // Retrying the failed actions opens a new session limited to them.
  await page.getByTestId('retry-failed').click();
  await expect(page).not.toHaveURL(new RegExp(`#/sessions/${sessionId}$`));
  await expect(page.getByTestId('session-status')).toContainText('Failed', { timeout: 30_000 });

  await nav(page, 'compliance');
  const row = page.getByTestId('compliance-rows').locator('tbody tr').filter({ hasText: 'xray-ws' });
  await expect(row).toContainText('Non-compliant');
  await expect(row).toContainText('not installed; desired 7.2');
  await expect(page.locator('[data-count="non-compliant"]')).toHaveText('1');
  await expect(page.getByTestId('compliance-chart')).toContainText('Imaging Suite latest');
  await shoot(page, '22-compliance');

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^steward-compliance-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await csv.path()), 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe('tenant,computer,deployment,state,detail,detected_at,computer_id,deployment_id');
  expect(lines[1]).toContain('Acme Dental,xray-ws,Imaging Suite latest,non-compliant,not installed; desired 7.2');

  await page.getByTestId('take-action').click();
  const dialog = page.getByTestId('take-action-dialog');
  await expect(dialog).toContainText('1 computer is out of compliance');
  await settle(page);
  await shoot(page, '23-compliance-take-action');
  await dialog.getByTestId('confirm-take-action').click();
  await expect(page.locator('[data-view="session"]')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Maintenance on xray-ws' })).toBeVisible();
});

test('notification settings: the mail server gets a test mail, and a rule mails a failure with its template', async ({ page, steward }) => {
  test.setTimeout(150_000);
  const smtp = new TestSmtpServer();
  await smtp.start();
  try {
    await steward.open();
    await nav(page, 'settings');
    await page.getByTestId('open-notification-settings').click();
    await expect(page.locator('[data-view="notification-settings"]')).toBeVisible();

    await page.getByTestId('smtp-host').locator('input').fill('127.0.0.1');
    await choose(page, 'smtp-tls', 'None (trusted networks only)');
    await page.getByTestId('smtp-port').locator('input').fill(String(smtp.port));
    await page.getByTestId('smtp-from').locator('input').fill('steward@example.com');
    await page.getByTestId('smtp-save').click();
    await expect(page.getByTestId('notice')).toContainText('Mail server saved');

    await page.getByTestId('smtp-test-to').locator('input').fill('tech@example.com');
    await page.getByTestId('smtp-test').click();
    await expect(page.getByTestId('smtp-test-result')).toContainText('Test mail sent to tech@example.com');
    await expect.poll(() => smtp.mails.length).toBe(1);
    expect(smtp.mails[0]).toMatchObject({ to: ['tech@example.com'], from: 'steward@example.com', subject: 'Steward test mail' });

    await page.getByTestId('add-rule').click();
    const dialog = page.getByTestId('rule-dialog');
    await dialog.getByTestId('rule-name').locator('input').fill('Failures to the front desk');
    await dialog.getByTestId('rule-recipients').locator('input').fill('desk@example.com');
    await dialog.getByTestId('rule-recipients').locator('input').press('Enter');
    await dialog.getByTestId('rule-subject').locator('input').fill('{{status}}: {{computer}} needs a look');
    await expect(dialog.getByTestId('preview-subject')).toHaveText('failed: RECEPTION-PC needs a look');
    await expect(dialog.getByTestId('preview-body')).toContainText('install 7-Zip 24.08: exit code 1603');
    await settle(page);
    await shoot(page, '24-rule-dialog');
    await dialog.getByTestId('rule-save').click();
    await expect(page.locator('[data-rule="Failures to the front desk"]')).toContainText('desk@example.com');

    const { computerId } = await failingComputer(steward, 'front-desk-pc');
    const sessionId = await runAndWait(steward, computerId);
    await expect.poll(() => smtp.mails.length, { timeout: 20_000 }).toBe(2);
    const mail = smtp.mails[1]!;
    expect(mail.to).toEqual(['desk@example.com']);
    expect(mail.subject).toBe('failed: front-desk-pc needs a look');
    expect(mail.text).toContain('install Imaging Suite 7.2: exit code 3');
    expect(mail.text).toContain(`${steward.url}/#/sessions/${sessionId}`);
    // The in-app notice of the failure offers to open the session.
    await expect(page.getByTestId('notice')).toContainText('Session failed on front-desk-pc', { timeout: 20_000 });

    await expect(page.getByTestId('outbox-card').locator('[data-mail="sent"]')).toContainText('desk@example.com');
    await shoot(page, '25-notification-settings');

    // The session link in the mail opens the session.
    await page.goto(mail.text.match(/http:\/\/\S+#\/sessions\/\S+/)![0]);
    await expect(page.getByRole('heading', { name: 'Maintenance on front-desk-pc' })).toBeVisible();
  } finally {
    await smtp.stop();
  }
});
