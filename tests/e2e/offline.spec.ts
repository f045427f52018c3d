// With the page open, the core goes away: the last data stays under an offline banner and an edit is
// refused with a message (the form keeps it); when the core is back the page catches up by itself.
import { expect, shoot, test } from './fixtures.js';

test('the console keeps the last data while the core is away, refuses edits, and catches up', async ({ page, steward }) => {
  test.setTimeout(120_000);
  await steward.api.call('tenants.create', { name: 'Acme Dental' });
  await steward.api.call('tenants.create', { name: 'Baker & Sons' });
  await steward.open();
  await page.locator('[data-nav="tenants"]').click();
  const rows = page.locator('[data-view="tenants"] tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('offline-banner')).toBeHidden();

  await steward.stopConsole();
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('offline-banner')).toContainText('cannot be reached');
  await expect(page.getByTestId('connection')).toContainText('Offline');
  // The last known data is still on screen.
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Acme Dental');
  await shoot(page, '20-offline-banner');

  // An edit is refused with a message, and what the user typed stays in the form.
  await page.getByTestId('new-tenant').click();
  const dialog = page.getByTestId('create-tenant-dialog');
  await dialog.getByLabel('Name').fill('Carter Law');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByTestId('form-error')).toContainText('not saved');
  await expect(dialog.getByLabel('Name')).toHaveValue('Carter Law');
  await shoot(page, '21-offline-edit-refused');

  // The core comes back (same data and port) and something changed meanwhile: the page catches up.
  await steward.startConsole();
  await steward.api.call('tenants.create', { name: 'Made while the page was offline' });
  await expect(page.getByTestId('offline-banner')).toBeHidden({ timeout: 15_000 });
  await expect(page.getByTestId('connection')).toContainText(/Connected|Syncing/);
  await expect(rows.filter({ hasText: 'Made while the page was offline' })).toHaveCount(1, { timeout: 15_000 });

  // The kept form now saves.
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(4);
  expect((await steward.api.call('tenants.list', {})).items.map((t) => t.name)).toContain('Carter Law');
});
