// Signing in to the web console: the printed link trades its token for an HttpOnly, SameSite=Strict
// cookie and leaves the address bar clean; without it the page asks for the token.
import { expect, shoot, test } from './fixtures.js';

test('the printed link signs in with an HttpOnly cookie and removes the token from the address', async ({ page, context, steward }) => {
  await page.goto(`${steward.url}/?token=${steward.token}`);
  await expect(page.locator('[data-view="dashboard"]')).toBeVisible();
  expect(page.url()).toBe(`${steward.url}/#/`);
  const cookies = await context.cookies(steward.url);
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(cookies[0]!.value).not.toContain(steward.token);
  // Scripts in the page cannot read it.
  expect(await page.evaluate(() => document.cookie)).toBe('');
  await expect(page.getByTestId('connection')).toContainText('Connected');
});

test('without the cookie the page asks for the token, and a wrong one is refused', async ({ page, steward }) => {
  await page.goto(`${steward.url}/?token=wrong`);
  await expect(page.locator('[data-view="sign-in"]')).toBeVisible();
  await expect(page.getByText('The sign-in link had a wrong token')).toBeVisible();
  expect(page.url()).not.toContain('wrong');
  await shoot(page, '30-sign-in');

  await page.getByLabel('API token').fill('not-the-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That token is not right')).toBeVisible();

  await page.getByLabel('API token').fill(steward.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('[data-view="dashboard"]')).toBeVisible();
  await expect(page.getByTestId('connection')).toContainText('Connected');

  // Signing out forgets the session and the replica.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.locator('[data-view="sign-in"]')).toBeVisible();
});
