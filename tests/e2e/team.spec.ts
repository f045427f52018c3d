// Two consoles joined to one relay, in Chromium: joining and inviting through Settings → Team, the
// team indicator in the app bar (online, offline with pending changes, back online), and entities
// created on one console (a tenant, a maintenance window in the planner) appearing on the other with
// who created them.
import { expect, test, type Page } from '@playwright/test';
import { cleanup, startConsole, stopProcess, type TestConsole } from '../support/processes.js';
import { restartRelay, startRelay, type TestRelay } from '../support/team.js';

test.afterEach(cleanup);

async function openSettings(page: Page, c: TestConsole): Promise<void> {
  await page.goto(`${c.url}/?token=${c.token}`);
  await expect(page.locator('[data-view="dashboard"]')).toBeVisible();
  await page.locator('[data-nav="settings"]').click();
  await expect(page.locator('[data-view="settings"]')).toBeVisible();
}

async function join(page: Page, relay: TestRelay, invitation: string, name: string): Promise<void> {
  await page.getByTestId('relay-url').locator('input').fill(relay.url);
  await page.getByTestId('invitation').locator('input').fill(invitation);
  await page.getByTestId('member-name').locator('input').fill(name);
  await page.getByTestId('join-team').click();
  await expect(page.getByTestId('team-card')).toBeVisible();
  await expect(page.getByTestId('team-status')).toHaveText(/Team online/, { timeout: 20_000 });
}

test('two consoles share a relay: join, invite, see each other\'s changes and who made them', async ({ browser }) => {
  const relay = await startRelay();
  const [a, b] = await Promise.all([startConsole(), startConsole()]);
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();

  await openSettings(alice, a);
  await expect(alice.getByTestId('team-join')).toBeVisible();
  await expect(alice.getByTestId('team-status')).toHaveCount(0);
  await alice.screenshot({ path: 'test-results/screens/team-join.png', fullPage: true });
  await join(alice, relay, relay.ownerInvite, 'Alice');

  // Alice invites Bob as a technician; the invitation is shown to copy.
  await alice.getByTestId('invite-role').click();
  await alice.getByRole('option', { name: 'Technician' }).click();
  await alice.getByTestId('create-invitation').click();
  const invitation = await alice.getByTestId('invitation-value').locator('input').inputValue();
  expect(invitation).toMatch(/^sti1\./);

  await openSettings(bob, b);
  await join(bob, relay, invitation, 'Bob');
  await expect(bob.getByTestId('team-members')).toContainText('Alice');
  await expect(alice.locator('[data-member="Bob"]')).toContainText('Online');

  // Alice adds a tenant; Bob's console shows it, and who created it.
  await a.api.call('tenants.create', { name: 'Acme Dental' });
  await expect(bob.getByTestId('team-activity')).toContainText('Alice created tenant Acme Dental', { timeout: 5000 });
  await bob.locator('[data-nav="computers"]').click();
  await bob.locator('.v-select').filter({ hasText: 'Tenant' }).locator('.v-field').click();
  await expect(bob.getByRole('option', { name: 'Acme Dental' })).toBeVisible();
  await bob.keyboard.press('Escape');

  // A maintenance window Alice plans appears in Bob's planner, with who created it.
  await a.api.call('windows.create', { name: 'Weeknights', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '22:00', end: '04:00', timeZone: 'Europe/Berlin' });
  await bob.locator('[data-nav="windows"]').click();
  const legend = bob.getByTestId('planner-legend').locator('[data-window="Weeknights"]');
  await expect(legend).toContainText('Created by Alice', { timeout: 10_000 });
  await bob.screenshot({ path: 'test-results/screens/team-planner.png', fullPage: true });
  // Its history, in the window's editor on Bob's console.
  await bob.getByRole('tab', { name: 'Windows' }).click();
  await bob.getByRole('button', { name: 'Edit Weeknights' }).click();
  await expect(bob.getByTestId('window-dialog').getByTestId('entity-history')).toContainText('Created by Alice');
  await bob.screenshot({ path: 'test-results/screens/team-window-history.png' });
  await bob.keyboard.press('Escape');

  // The relay goes away: Bob keeps working, the indicator counts what waits to be shared.
  await bob.locator('[data-nav="settings"]').click();
  await stopProcess(relay.process, 'SIGKILL');
  await expect(bob.getByTestId('team-status')).toHaveText(/Team offline/, { timeout: 20_000 });
  const tenant = (await b.api.call('tenants.list', {})).items.find((t) => t.name === 'Acme Dental')!;
  await b.api.call('tenants.update', { id: tenant.id, name: 'Acme Dental Group' });
  await expect(bob.getByTestId('team-status')).toHaveText(/Team offline · 1/);
  await expect(bob.getByTestId('pending-changes')).toHaveText('1 change');
  await bob.screenshot({ path: 'test-results/screens/team-offline.png', fullPage: true });

  await restartRelay(relay);
  await expect(bob.getByTestId('team-status')).toHaveText(/Team online/, { timeout: 20_000 });
  await expect(alice.getByTestId('team-activity')).toContainText('Bob changed name of tenant Acme Dental Group', { timeout: 10_000 });
  await alice.screenshot({ path: 'test-results/screens/team-settings.png', fullPage: true });
  await alice.emulateMedia({ colorScheme: 'dark' });
  await alice.screenshot({ path: 'test-results/screens/team-settings-dark.png', fullPage: true });
});
