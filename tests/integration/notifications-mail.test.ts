// Mail through a real SMTP server on loopback: rules render their templates, the outbox survives an
// SMTP outage and delivers exactly once, scheduled failures go out as one digest per rule, and the
// SMTP password is never stored in plain text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../../electron/core/store/database.js';
import { SessionsRepo } from '../../electron/core/store/sessions-repo.js';
import { freePort } from '../support/ports.js';
import { cleanup, startConsole, stopProcess, waitFor } from '../support/processes.js';
import { enrollAgent, sandbox, sandboxSoftware, waitForSession } from '../support/scenario.js';
import { TestSmtpServer } from '../support/smtp.js';

const servers: TestSmtpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers.length = 0;
  await cleanup();
});

async function smtpServer(credentials: { user: string; password: string } | null = null, port = 0): Promise<TestSmtpServer> {
  const server = new TestSmtpServer(credentials);
  servers.push(server);
  await server.start(port);
  return server;
}

const FAST_RETRIES = { firstRetryMs: 300, maxRetryMs: 1000 };

describe('notification mail', () => {
  it('delivers a failed session under a rule as a mail with the rendered template; the password stays sealed', async () => {
    const password = 'correct-horse-battery-staple-7731';
    const smtp = await smtpServer({ user: 'steward', password });
    const c = await startConsole({ tuning: FAST_RETRIES });
    const saved = await c.api.call('notifications.setSmtp', { host: '127.0.0.1', port: smtp.port, tls: 'none', user: 'steward', password, from: 'steward@example.com' });
    expect(saved).toMatchObject({ passwordSet: true, user: 'steward' });
    expect(JSON.stringify(await c.api.call('notifications.getSmtp', {}))).not.toContain(password);

    const { computerId, tenantId } = await enrollAgent(c, { name: 'pc-mail' });
    await c.api.call('notifications.createRule', {
      name: 'Failures to IT',
      triggers: ['session-failed'],
      tenantIds: [tenantId],
      recipients: ['it@example.com', 'owner@example.com'],
      subject: 'Steward: {{status}} on {{computer}} ({{tenant}})',
      body: 'Failed actions:\n{{failedActions}}\n\nOpen: {{sessionLink}}',
    });
    const dir = sandbox();
    const software = await c.api.call('software.create', sandboxSoftware(dir, 'broken', [{ version: '2.0', install: 'echo "disk full" >&2\nexit 3' }]));
    await c.api.call('deployments.create', { name: 'Broken', softwareId: software.id, desiredState: 'installed', targets: [{ kind: 'computer', id: computerId }] });
    const { sessionIds } = await c.api.call('maintenance.run', { computerIds: [computerId] });
    const session = await waitForSession(c, sessionIds[0]!);
    expect(session.status).toBe('failed');

    await waitFor(() => smtp.mails.length >= 2, 'two mails');
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['it@example.com', 'owner@example.com']);
    const mail = smtp.mails[0]!;
    expect(mail.auth).toEqual({ user: 'steward', password });
    expect(mail.from).toBe('steward@example.com');
    expect(mail.subject).toBe(`Steward: failed on pc-mail (Tenant of pc-mail)`);
    expect(mail.text).toContain('install broken 2.0: exit code 3');
    expect(mail.text).toContain(`Open: ${c.url}/#/sessions/${session.id}`);
    const outbox = await c.api.call('notifications.outbox', {});
    expect(outbox.items.map((i) => [i.to, i.status, i.attempts])).toEqual(expect.arrayContaining([['it@example.com', 'sent', 1], ['owner@example.com', 'sent', 1]]));

    const files = readdirSync(c.dataDir).filter((f) => f.startsWith('steward.db'));
    for (const f of files) expect(readFileSync(join(c.dataDir, f)).includes(Buffer.from(password))).toBe(false);
    expect(files.length).toBeGreaterThan(0);
  });

  it('keeps mail queued while SMTP is down and delivers it exactly once when the server returns', async () => {
    const port = await freePort();
    const c = await startConsole({ tuning: FAST_RETRIES });
    await c.api.call('notifications.setSmtp', { host: '127.0.0.1', port, tls: 'none', from: 'steward@example.com' });
    const { computerId } = await enrollAgent(c, { name: 'pc-outage' });
    const rule = await c.api.call('notifications.createRule', { name: 'All failures', triggers: ['session-failed'], recipients: ['it@example.com'], subject: '{{status}}: {{computer}}', body: '{{failedActions}}' });
    const dir = sandbox();
    const software = await c.api.call('software.create', sandboxSoftware(dir, 'bad', [{ version: '1', install: 'exit 1' }]));
    await c.api.call('deployments.create', { name: 'Bad', softwareId: software.id, desiredState: 'installed', targets: [{ kind: 'all' }] });
    const { sessionIds } = await c.api.call('maintenance.run', { computerIds: [computerId] });
    await waitForSession(c, sessionIds[0]!);

    const queued = await waitFor(async () => (await c.api.call('notifications.outbox', {})).items.find((i) => i.attempts >= 3), 'three failed attempts');
    expect(queued).toMatchObject({ ruleId: rule.id, to: 'it@example.com', subject: 'failed: pc-outage', status: 'queued' });
    expect(queued.lastError).toMatch(/ECONNREFUSED/);

    const smtp = await smtpServer(null, port);
    await waitFor(async () => (await c.api.call('notifications.outbox', {})).items[0]?.status === 'sent', 'the mail to be sent');
    // Several retry periods later there is still exactly one mail.
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.subject).toBe('failed: pc-outage');
    const [item] = (await c.api.call('notifications.outbox', {})).items;
    expect(item).toMatchObject({ status: 'sent', lastError: null });
    expect(item!.attempts).toBeGreaterThanOrEqual(4);
  });

  it('sends one digest per rule for twenty failed sessions of one window occurrence, even across a restart', async () => {
    const smtp = await smtpServer();
    let c = await startConsole({ tuning: { digestQuietMs: 1500 } });
    await c.api.call('notifications.setSmtp', { host: '127.0.0.1', port: smtp.port, tls: 'none', from: 'steward@example.com' });
    const { computerId, tenantId, agent } = await enrollAgent(c, { name: 'pc-window' });
    const other = await c.api.call('tenants.create', { name: 'Unrelated client' });
    await c.api.call('notifications.createRule', { name: 'IT', triggers: ['session-failed'], recipients: ['it@example.com'], subject: '{{count}} failures in {{window}}: {{computer}}', body: 'See {{sessionLink}}' });
    await c.api.call('notifications.createRule', { name: 'Owner', triggers: ['session-failed', 'session-completed'], tenantIds: [tenantId], recipients: ['owner@example.com'], subject: 'Nightly report: {{status}}', body: '{{sessions}}' });
    await c.api.call('notifications.createRule', { name: 'Other client', triggers: ['session-failed'], tenantIds: [other.id], recipients: ['other@example.com'], subject: 'x', body: 'x' });
    await stopProcess(agent.process);
    await stopProcess(c.process);

    // Twenty scheduled sessions of one occurrence that failed while the console was stopping.
    const db = Database.open(join(c.dataDir, 'steward.db'));
    const repo = new SessionsRepo(db);
    const occurrenceStart = new Date(Date.now() - 3_600_000).toISOString();
    for (let i = 0; i < 20; i++) {
      const at = new Date(Date.now() - 60_000 + i * 1000).toISOString();
      repo.insert({
        id: `0190aaaa-bbbb-7000-8000-${String(i).padStart(12, '0')}`, computerId, tenantId, status: 'failed', trigger: 'scheduled', priority: 'normal',
        reason: '1 of 1 action failed', createdAt: at, startedAt: at, endedAt: at, deadline: new Date(Date.now() + 3_600_000).toISOString(), phase: 'done',
        deploymentIds: null, decisions: [], idempotencyKey: `w1:${occurrenceStart}:${i}`, windowId: 'w1', occurrenceStart, notify: 'failure',
      });
    }
    db.close();
    c = await startConsole({ dataDir: c.dataDir, tuning: { digestQuietMs: 1500 } });
    await waitFor(() => smtp.mails.length >= 2, 'the digests');
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['it@example.com', 'owner@example.com']);
    const it = smtp.mails.find((m) => m.to[0] === 'it@example.com')!;
    expect(it.subject).toBe('20 failures in w1: pc-window');
    expect(it.text).toContain(`See ${c.url}/#/sessions?windowId=w1&occurrenceStart=${encodeURIComponent(occurrenceStart)}&status=failed`);
    expect(it.text.match(/^- pc-window \(Tenant of pc-window\): failed/gm)).toHaveLength(20);
    const owner = smtp.mails.find((m) => m.to[0] === 'owner@example.com')!;
    expect(owner.subject).toBe('Nightly report: 20 failed');
    const outbox = (await c.api.call('notifications.outbox', {})).items;
    expect(outbox).toHaveLength(2);
    expect(outbox.every((m) => m.sessions === 20 && m.status === 'sent')).toBe(true);
  });
});
