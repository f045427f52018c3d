// Screens mounted with Vuetify against a fake core: what the technician sees and can do.
import 'fake-indexeddb/auto';
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import NoticeBar from '../../renderer/src/components/layout/NoticeBar.vue';
import OfflineBanner from '../../renderer/src/components/layout/OfflineBanner.vue';
import { useConsoleStore } from '../../renderer/src/stores/console.js';
import { eventually, FakeCore } from './support/fake-bridge.js';
import { FakeFeed } from './support/fake-feed.js';
import { computer, tenant } from './support/fixtures.js';
import { buttonByText, byTestId, mountScreen, pageText, type Mounted } from './support/mount.js';

let mounted: Mounted | null = null;
afterEach(async () => {
  await mounted?.unmount();
  mounted = null;
  document.body.innerHTML = '';
});

function fleet() {
  const feed = new FakeFeed();
  const acme = tenant('Acme Dental');
  const beta = tenant('Baker & Sons');
  feed.put('tenant', acme);
  feed.put('tenant', beta);
  const pcs = [computer('reception', acme.id), computer('front-desk', acme.id, { online: false }), computer('workshop', beta.id)];
  for (const pc of pcs) feed.put('computer', pc);
  return { feed, acme, beta, pcs };
}

describe('computers screen', { timeout: 20_000 }, () => {
  it('lists computers with status, searches, and runs maintenance on the selection', async () => {
    const { feed, pcs } = fleet();
    const fake = new FakeCore().handle('deployments.list', () => ({ items: [] })).handle('maintenance.run', ({ computerIds }) => ({ sessionIds: computerIds.map((id) => `s-${id}`) }));
    mounted = await mountScreen('/computers', fake, feed, { wrap: NoticeBar });
    const { wrapper } = mounted;
    await eventually(() => expect(wrapper.text()).toContain('reception'));
    expect(wrapper.text()).toContain('3 computers · 2 online');
    expect(wrapper.findAll('[data-status="offline"]')).toHaveLength(1);

    await wrapper.find('input[type="text"]').setValue('work');
    await flushPromises();
    expect(wrapper.text()).toContain('workshop');
    expect(wrapper.text()).not.toContain('front-desk');

    const run = wrapper.get('[data-testid="run-maintenance"]');
    expect(run.attributes('disabled')).toBeDefined();
    await wrapper.findAll('tbody input[type="checkbox"]')[0]!.trigger('click');
    await flushPromises();
    expect(run.text()).toContain('Run maintenance (1)');

    await run.trigger('click');
    await flushPromises();
    buttonByText('Start', byTestId('run-maintenance-dialog')).click();
    await eventually(() => expect(fake.callsOf('maintenance.run')).toEqual([{ computerIds: [pcs[2]!.id], priority: 'normal', notify: 'failure' }]));
    await eventually(() => expect(pageText()).toContain('Maintenance started: 1 session'));
  });

  it('says what to do next when there are no computers', async () => {
    mounted = await mountScreen('/computers', new FakeCore(), new FakeFeed());
    expect(mounted.wrapper.text()).toContain('No computers yet');
    expect(mounted.wrapper.text()).toContain('enrollment dialog');
  });
});

describe('tenants screen', { timeout: 20_000 }, () => {
  it('shows the API error under the name input and keeps the dialog open', async () => {
    const { feed } = fleet();
    const fake = new FakeCore().handle('tenants.create', () => {
      throw Object.assign(new Error('name: is too long'), { code: 'invalid-input', field: 'name', status: 400 });
    });
    mounted = await mountScreen('/tenants', fake, feed);
    expect(mounted.wrapper.text()).toContain('Acme Dental');
    await mounted.wrapper.get('[data-testid="new-tenant"]').trigger('click');
    await flushPromises();
    const dialog = byTestId('create-tenant-dialog');
    const input = dialog.querySelector('input')!;
    input.value = 'x'.repeat(300);
    input.dispatchEvent(new Event('input'));
    buttonByText('Create', dialog).click();
    await eventually(() => expect(dialog.textContent).toContain('Is too long'));
    expect(document.querySelector('[data-testid="create-tenant-dialog"]')).not.toBeNull();
  });

  it('creates an enrollment command and shows its expiry', async () => {
    const { feed, acme } = fleet();
    const expiresAt = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const fake = new FakeCore()
      .handle('enrollment.listTokens', () => ({ items: [] }))
      .handle('enrollment.createToken', ({ tenantId }) => ({ id: 'tok', token: 'stw1.abc', expiresAt, maxUses: null, agentCommand: `npm run agent -- --token stw1.abc --data-dir ./steward-agent # ${tenantId}` }));
    mounted = await mountScreen('/tenants', fake, feed);
    await mounted.wrapper.get('[data-testid="enroll-Acme Dental"]').trigger('click');
    await flushPromises();
    buttonByText('Create agent command', byTestId('enrollment-dialog')).click();
    await eventually(() => expect(byTestId('agent-command').querySelector('input')?.value).toContain('npm run agent -- --token stw1.abc'));
    expect(fake.callsOf('enrollment.createToken')).toEqual([{ tenantId: acme.id, expiresInHours: 24, maxUses: null }]);
    expect(byTestId('enrollment-result').textContent).toContain('in 24 h');
  });
});

describe('tenants table', { timeout: 20_000 }, () => {
  const rowNames = () => [...document.querySelectorAll('[data-view="tenants"] tbody tr')].map((tr) => tr.querySelector('td')?.textContent?.trim());
  const header = (title: string) => [...document.querySelectorAll<HTMLButtonElement>('[data-view="tenants"] thead button')].find((b) => b.textContent?.trim() === title)!;

  it('sorts by a column, pages, and opens Computers filtered to a tenant', async () => {
    const feed = new FakeFeed();
    const tenants = Array.from({ length: 30 }, (_, i) => tenant(`Client ${i + 1}`, { createdAt: new Date(Date.UTC(2026, 0, 30 - i)).toISOString() }));
    for (const t of tenants) feed.put('tenant', t);
    const busy = tenants[2]!;
    for (const pc of [computer('front-desk', busy.id), computer('back-office', busy.id, { online: false }), computer('lab', tenants[6]!.id, { online: false })]) feed.put('computer', pc);
    mounted = await mountScreen('/tenants', new FakeCore(), feed);
    await eventually(() => expect(rowNames()).toHaveLength(25));
    expect(rowNames().slice(0, 3)).toEqual(['Client 1', 'Client 2', 'Client 3']);
    await eventually(() => expect(byTestId('pager-range').textContent).toBe('1–25 of 30'));

    header('Name').click();
    await flushPromises();
    expect(rowNames()[0]).toBe('Client 30');
    expect(header('Name').closest('th')?.getAttribute('aria-sort')).toBe('descending');
    document.querySelector<HTMLButtonElement>('[aria-label="Next page"]')!.click();
    await flushPromises();
    expect(rowNames()).toEqual(['Client 5', 'Client 4', 'Client 3', 'Client 2', 'Client 1']);

    // A new sort starts at the first page: the oldest tenant first, then the busiest.
    header('Created').click();
    await flushPromises();
    expect(rowNames()[0]).toBe('Client 30');
    header('Computers').click();
    header('Computers').click();
    await flushPromises();
    expect(rowNames()).toHaveLength(25);
    const first = document.querySelector('[data-view="tenants"] tbody tr')!;
    expect(first.textContent).toContain('Client 3');
    expect(first.textContent).toContain('2 computers');
    expect(first.textContent).toContain('1 online');

    first.querySelector<HTMLAnchorElement>('a')!.click();
    await eventually(() => expect(document.querySelector('[data-view="computers"]')).not.toBeNull());
    await eventually(() => expect(pageText()).toContain('back-office'));
    expect(pageText()).toContain('front-desk');
    expect(pageText()).not.toContain('lab');
  });
});

describe('offline banner', { timeout: 20_000 }, () => {
  it('appears when the core cannot be reached and retries on request', async () => {
    const { feed } = fleet();
    const fake = new FakeCore();
    mounted = await mountScreen('/', fake, feed, { withLink: true, wrap: OfflineBanner });
    expect(document.querySelector('[data-testid="offline-banner"]')).toBeNull();
    fake.offline = true;
    fake.link('closed');
    await eventually(() => expect(document.querySelector('[data-testid="offline-banner"]')?.textContent).toContain('cannot be reached'));
    // The last known data stays on the dashboard.
    expect(mounted.wrapper.text()).toContain('Computers');
    fake.offline = false;
    buttonByText('Retry now').click();
    await eventually(() => expect(useConsoleStore().status).toBe('online'));
    await flushPromises();
    expect(document.querySelector('[data-testid="offline-banner"]')).toBeNull();
  });
});
