// Notification rules, the outbox's retry schedule and digests, with a manual clock and a recording
// mail sender; the real SMTP path is covered by the integration tests.
import { afterEach, describe, expect, it } from 'vitest';
import type { MailSender, OutgoingMail } from '../../electron/core/notifications/mail-sender.js';
import { retryDelayMs, DEFAULT_OUTBOX_TIMING } from '../../electron/core/notifications/outbox-worker.js';
import { flush } from '../support/manual-time.js';
import { NotifierRig } from '../support/notifier-rig.js';

class RecordingSender implements MailSender {
  readonly sent: (OutgoingMail & { at: number })[] = [];
  readonly attempts: number[] = [];
  down = false;
  constructor(private readonly clock: { now(): number }) {}
  send(_c: unknown, mail: OutgoingMail): Promise<void> {
    this.attempts.push(this.clock.now());
    if (this.down) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:25'));
    this.sent.push({ ...mail, at: this.clock.now() });
    return Promise.resolve();
  }
}

let rig: NotifierRig | null = null;
afterEach(async () => {
  const errors = rig?.errors ?? [];
  await rig?.dispose();
  expect(errors).toEqual([]);
  rig = null;
});

function setup(options: { quietMs?: number } = {}) {
  const holder: { sender?: RecordingSender } = {};
  const proxy: MailSender = { send: (c, m) => holder.sender!.send(c, m) };
  rig = new NotifierRig(proxy, options);
  holder.sender = new RecordingSender(rig.time);
  return { rig, sender: holder.sender };
}

const rule = (over: Record<string, unknown> = {}) => ({
  name: 'Failures',
  triggers: ['session-failed' as const],
  recipients: ['it@example.com'],
  subject: '{{status}}: {{computer}} ({{tenant}})',
  body: 'Failed actions:\n{{failedActions}}\nOpen: {{sessionLink}}',
  ...over,
});

describe('rules and immediate mail', () => {
  it('mails a manual failure at once with the rendered template, only to rules whose trigger and tenant match', async () => {
    const { rig, sender } = setup();
    rig.rules.create(rule());
    rig.rules.create(rule({ name: 'Other tenant', tenantIds: ['t2'], recipients: ['t2@example.com'] }));
    rig.rules.create(rule({ name: 'Completions', triggers: ['session-completed'], recipients: ['done@example.com'] }));
    rig.notifier.start();
    const s = rig.finish({ status: 'failed' });
    await flush();
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]).toMatchObject({ to: 'it@example.com', subject: `failed: PC-${s.computerId} (Tenant t1)` });
    expect(sender.sent[0]!.text).toContain(`Open: http://console.test/sessions/${s.id}`);
    expect(rig.outbox.list(undefined, 10).map((m) => [m.to, m.status, m.attempts])).toEqual([['it@example.com', 'sent', 1]]);
  });

  it('handles a finished session once, however often it is announced, and catches up after a restart', async () => {
    const { rig, sender } = setup();
    rig.rules.create(rule());
    // Ends while the notifier is not running (the console was down).
    const early = rig.finish({ status: 'failed' });
    rig.notifier.start();
    await flush();
    rig.notifier.process(early.id);
    rig.events.emit({ type: 'session', session: { ...early, status: 'failed' } });
    await flush();
    expect(sender.sent.map((m) => m.subject)).toEqual([`failed: PC-${early.computerId} (Tenant t1)`]);
  });

  it('shows a desktop notice per the run\'s own choice for manual runs and per the settings for scheduled ones', async () => {
    const { rig } = setup();
    rig.notifier.start();
    rig.finish({ status: 'failed', notify: 'none' });
    rig.finish({ status: 'completed', notify: 'always' });
    rig.finish({ status: 'completed', notify: 'failure' });
    const shown = rig.finish({ status: 'failed', notify: 'failure' });
    rig.finish({ status: 'failed', trigger: 'scheduled', windowId: 'w', occurrenceStart: '2026-03-02T01:00:00.000Z' });
    await flush();
    rig.settings = { ...rig.settings, notifications: { desktopOnFailure: false } };
    rig.finish({ status: 'failed', trigger: 'scheduled', windowId: 'w', occurrenceStart: '2026-03-02T01:00:00.000Z' });
    await flush();
    const notices = rig.seen.flatMap((e) => (e.type === 'notice' ? [e.notice] : []));
    expect(notices.map((n) => n.status)).toEqual(['completed', 'failed', 'failed']);
    expect(notices[1]).toMatchObject({ sessionId: shown.id, title: `Session failed on PC-${shown.computerId}` });
  });
});

describe('the outbox', () => {
  it('retries first within a minute, then at doubling intervals of at most 5 minutes', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, DEFAULT_OUTBOX_TIMING) / 1000);
    expect(delays).toEqual([30, 60, 120, 240, 300, 300, 300]);
  });

  it('keeps a mail queued while SMTP is down and delivers it exactly once when it returns', async () => {
    const { rig, sender } = setup();
    rig.rules.create(rule());
    rig.notifier.start();
    sender.down = true;
    const start = rig.time.now();
    rig.finish({ status: 'failed' });
    await flush();
    await rig.time.advance(10 * 60_000);
    expect(sender.attempts.map((t) => (t - start) / 1000)).toEqual([0, 30, 90, 210, 450]);
    const [queued] = rig.outbox.list(undefined, 10);
    expect(queued).toMatchObject({ status: 'queued', attempts: 5, lastError: 'connect ECONNREFUSED 127.0.0.1:25' });
    sender.down = false;
    await rig.time.advance(10 * 60_000);
    expect(sender.sent).toHaveLength(1);
    expect(rig.outbox.get(queued!.id)).toMatchObject({ status: 'sent', attempts: 6 });
  });

  it('marks a mail failed only after 24 hours, and a manual retry sends it', async () => {
    const { rig, sender } = setup();
    rig.rules.create(rule());
    rig.notifier.start();
    sender.down = true;
    rig.finish({ status: 'failed' });
    await flush();
    await rig.time.advance(23 * 3_600_000);
    const id = rig.outbox.list(undefined, 1)[0]!.id;
    expect(rig.outbox.get(id)!.status).toBe('queued');
    await rig.time.advance(2 * 3_600_000);
    expect(rig.outbox.get(id)!.status).toBe('failed');
    const attempts = sender.attempts.length;
    await rig.time.advance(3_600_000);
    expect(sender.attempts.length).toBe(attempts);
    sender.down = false;
    rig.outbox.requeue(id, new Date(rig.time.now()).toISOString(), new Date(rig.time.now() + 86_400_000).toISOString());
    rig.worker.kick();
    await flush();
    expect(rig.outbox.get(id)!.status).toBe('sent');
    expect(sender.sent).toHaveLength(1);
  });
});

describe('digests', () => {
  const occurrence = { trigger: 'scheduled' as const, windowId: 'w-nightly', occurrenceStart: '2026-03-02T01:00:00.000Z', deadline: '2026-03-02T05:00:00.000Z' };

  it('sends one digest per rule for twenty failures of one occurrence, two minutes after the last', async () => {
    const { rig, sender } = setup();
    rig.rules.create(rule());
    rig.rules.create(rule({ name: 'Managers', recipients: ['boss@example.com'], subject: '{{count}} sessions: {{status}}', body: 'Digest for {{window}}:\n{{sessions}}' }));
    rig.notifier.start();
    for (let i = 0; i < 20; i++) {
      rig.finish({ status: 'failed', ...occurrence });
      await flush();
      await rig.time.advance(30_000);
    }
    const last = rig.time.now() - 30_000;
    expect(sender.sent).toEqual([]);
    await rig.time.advance(89_000);
    expect(sender.sent).toEqual([]);
    await rig.time.advance(2_000);
    expect(sender.sent.map((m) => m.to).sort()).toEqual(['boss@example.com', 'it@example.com']);
    expect(sender.sent.every((m) => m.at === last + 120_000)).toBe(true);
    const it = sender.sent.find((m) => m.to === 'it@example.com')!;
    expect(it.subject).toBe('20 failed: PC-c0, PC-c1, PC-c2 and 17 more (Tenant t1)');
    expect(it.text).toContain('20 sessions:');
    expect(it.text.match(/^- PC-c\d+ \(Tenant t1\): failed/gm)).toHaveLength(20);
    expect(it.text).toContain('Open: http://console.test/sessions?windowId=w-nightly&occurrenceStart=2026-03-02T01%3A00%3A00.000Z&status=failed');
    const boss = sender.sent.find((m) => m.to === 'boss@example.com')!;
    expect(boss.subject).toBe('20 sessions: 20 failed');
    expect(boss.text.startsWith('Digest for Nightly:\n- PC-c0')).toBe(true);
    await rig.time.advance(3_600_000);
    expect(sender.sent).toHaveLength(2);
  });

  it('sends the digest when the occurrence ends, if that comes first; a manual failure meanwhile goes at once', async () => {
    const { rig, sender } = setup();
    rig.rules.create(rule());
    rig.notifier.start();
    const end = Date.parse(occurrence.deadline);
    await rig.time.advance(end - 60_000 - rig.time.now());
    rig.finish({ status: 'failed', ...occurrence });
    rig.finish({ status: 'failed', ...occurrence });
    rig.finish({ status: 'failed' });
    await flush();
    expect(sender.sent).toHaveLength(1);
    await rig.time.advance(60_000);
    expect(sender.sent).toHaveLength(2);
    expect(sender.sent[1]!.at).toBe(end);
    expect(sender.sent[1]!.subject).toMatch(/^2 failed: /);
  });

  it('survives a restart: waiting digest items are still sent', async () => {
    const { rig, sender } = setup();
    rig.rules.create(rule());
    rig.notifier.start();
    rig.finish({ status: 'failed', ...occurrence });
    await flush();
    rig.notifier.dispose();
    // Past the quiet period while the console is down.
    await rig.time.advance(5 * 60_000);
    expect(sender.sent).toHaveLength(0);
    rig.notifier.start();
    await flush();
    expect(sender.sent).toHaveLength(1);
  });
});
