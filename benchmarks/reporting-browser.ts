// The Chromium half of the reporting benchmark: how long the sessions view takes to show its first
// page after navigating to it, and to show the result of a filter or sort change (timed inside the
// page, from the click to the frame that shows the new rows).
import { chromium, type Page } from '@playwright/test';

export interface BrowserFigures {
  /** Opening the view from the navigation drawer, the app already running. */
  inAppMs: number;
  /**
   * Loading the view's address into a fresh tab: from the tab's navigation start to the frame that
   * painted the first rows, timed in the page.
   */
  firstLoadMs: number;
  /** The same, as the test driver sees it (it also counts its own round trips and polling). */
  firstLoadDriverMs: number;
  /** Wall time from the click to the frame with the new rows, and the page's main-thread busy time in it. */
  changes: { name: string; ms: number; busyMs: number }[];
}

const CHROMIUM_ARGS = ['--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const FIRST_ROW = '[data-view="sessions"] tbody tr td a';

/**
 * Records in the page when the first rows were painted: the start of the first animation frame
 * after they entered the page (that frame paints them). Timed inside the rAF callback, not after
 * it, so a long task queued behind the frame does not count.
 */
const ROWS_PROBE = `
  window.__rowsPainted = 0;
  new MutationObserver((_, observer) => {
    if (!document.querySelector(${JSON.stringify(FIRST_ROW)})) return;
    observer.disconnect();
    requestAnimationFrame(() => (window.__rowsPainted = performance.now()));
  }).observe(document, { childList: true, subtree: true });
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// Runs in the page (plain JavaScript: this file is compiled without the DOM types). Clicks what the
// selector and text find, then waits frame by frame until the range or the first rows change.
const TIME_CHANGE = `async ({ selector, text }) => {
  const view = () => {
    const range = document.querySelector('[data-testid="pager-range"]')?.textContent ?? '';
    const rows = [...document.querySelectorAll('[data-view="sessions"] tbody tr')].slice(0, 3).map((r) => r.textContent).join('|');
    return range + '#' + rows;
  };
  const target = [...document.querySelectorAll(selector)].find((e) => (e.textContent ?? '').trim().startsWith(text));
  if (!target) throw new Error('nothing to click: ' + selector + ' ' + text);
  const before = view();
  const start = performance.now();
  target.click();
  for (;;) {
    await new Promise((r) => requestAnimationFrame(r));
    if (view() !== before) break;
    if (performance.now() - start > 15000) throw new Error('the view did not change after ' + text);
  }
  await new Promise((r) => requestAnimationFrame(r));
  return performance.now() - start;
}`;

/** Milliseconds from the tab's navigation start to the frame that painted the first rows. */
async function rowsPaintedAt(tab: Page): Promise<number> {
  for (let i = 0; i < 300; i++) {
    const at = Number(await tab.evaluate('window.__rowsPainted'));
    if (at > 0) return at;
    await tab.waitForTimeout(20);
  }
  throw new Error('the first rows were never painted');
}

/** Clicks what `pick` finds and returns the time until the frame that shows the new rows. */
async function timeChange(page: Page, pick: { selector: string; text: string }): Promise<number> {
  return page.evaluate<number>(`(${TIME_CHANGE})(${JSON.stringify(pick)})`);
}

/** Waits until the replica has caught up with the core and stayed caught up for two seconds. */
async function waitForSynced(page: Page): Promise<void> {
  const chip = page.getByTestId('connection');
  let steady = 0;
  for (let i = 0; i < 1200 && steady < 10; i++) {
    steady = (await chip.textContent())?.trim() === 'Connected' ? steady + 1 : 0;
    await page.waitForTimeout(200);
  }
}

async function openMenu(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.v-overlay--active .v-list-item', { hasText: option }).first().waitFor();
  // Let the menu finish opening, so the click below lands on it and not on its transition.
  await page.waitForTimeout(300);
}

export async function measureInChromium(baseUrl: string, token: string, ids: { tenantName: string }): Promise<BrowserFigures> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    // Sign in and let the replica catch up with the 10,000 computers once, as a running console has.
    await page.goto(`${baseUrl}/?token=${token}`);
    await page.locator('[data-view="dashboard"]').waitFor();
    await waitForSynced(page);

    const inApp: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.locator('[data-nav="dashboard"]').click();
      await page.locator('[data-view="dashboard"]').waitFor();
      await page.waitForTimeout(300);
      const start = Date.now();
      await page.locator('[data-nav="sessions"]').click();
      await page.locator(FIRST_ROW).first().waitFor();
      inApp.push(Date.now() - start);
    }

    const firstLoad: number[] = [];
    const firstLoadDriver: number[] = [];
    for (let i = 0; i < 3; i++) {
      const tab = await context.newPage();
      await tab.addInitScript(ROWS_PROBE);
      const start = Date.now();
      await tab.goto(`${baseUrl}/#/sessions`);
      await tab.locator(FIRST_ROW).first().waitFor();
      firstLoadDriver.push(Date.now() - start);
      firstLoad.push(await rowsPaintedAt(tab));
      await waitForSynced(tab);
      await tab.close();
    }

    await page.goto(`${baseUrl}/#/sessions`);
    await page.locator(FIRST_ROW).first().waitFor();
    await waitForSynced(page);
    const changes: BrowserFigures['changes'] = [];
    // The renderer main thread's CPU time (thread ticks) tells the page's own cost apart from a busy machine.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const busy = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    const measure = async (name: string, prepare: () => Promise<void>, pick: { selector: string; text: string }) => {
      await prepare();
      const before = await busy();
      const ms = await timeChange(page, pick);
      changes.push({ name, ms, busyMs: (await busy()) - before });
      await page.keyboard.press('Escape');
      await page.locator('.v-overlay--active .v-list-item').first().waitFor({ state: 'detached' }).catch(() => undefined);
      await page.waitForTimeout(300);
    };
    const option = '.v-overlay--active .v-list-item';
    const header = '[data-view="sessions"] thead th button';
    await measure('filter: status failed', () => openMenu(page, 'filter-status', 'Failed'), { selector: option, text: 'Failed' });
    await measure('filter: + tenant', () => openMenu(page, 'filter-tenant', ids.tenantName), { selector: option, text: ids.tenantName });
    await measure('sort: computer', () => Promise.resolve(), { selector: header, text: 'Computer' });
    await measure('sort: ended', () => Promise.resolve(), { selector: header, text: 'Ended' });
    await measure('filter: trigger manual', () => openMenu(page, 'filter-trigger', 'Manual'), { selector: option, text: 'Manual' });
    await measure('filter: status + incomplete', () => openMenu(page, 'filter-status', 'Incomplete'), { selector: option, text: 'Incomplete' });
    return { inAppMs: median(inApp), firstLoadMs: median(firstLoad), firstLoadDriverMs: median(firstLoadDriver), changes };
  } finally {
    await browser.close();
  }
}
