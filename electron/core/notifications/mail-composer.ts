// Renders a rule's subject and body for one session, or as one digest for many sessions of a
// window occurrence.
import { renderTemplate, shortList, usesPlaceholder, type TemplateContext } from '../../../shared/engine/mail-template.js';
import type { SessionNotice } from './session-notice.js';

export interface Links {
  /** A link that opens one session, or null when the console has no address to link to. */
  session(id: string): string | null;
  /** A link to the sessions list with these filters. */
  sessions(filters: Record<string, string>): string | null;
}

export interface MailTemplate {
  name: string;
  subject: string;
  body: string;
}

const EVENT_WORDS: Record<SessionNotice['event'], string> = {
  'session-failed': 'session failed',
  'session-completed': 'session completed',
  'compliance-issue': 'compliance issue',
};

/** 2026-05-01 14:03 UTC: readable in any mail client, with no guess about the reader's zone. */
export function readableTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '-';
}

export function readableDuration(from: string | null, to: string | null): string {
  if (!from || !to) return '-';
  const s = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

function sessionLine(n: SessionNotice, links: Links): string {
  const link = links.session(n.sessionId);
  const what = n.event === 'compliance-issue' ? `${n.complianceIssues.length} compliance issue${n.complianceIssues.length === 1 ? '' : 's'}` : n.status;
  const why = n.event === 'compliance-issue' ? n.complianceIssues.join('; ') : (n.failedActions.join('; ') || n.reason || '');
  return `- ${n.computer} (${n.tenant}): ${what}${why ? ` — ${why}` : ''}${link ? `\n  ${link}` : ''}`;
}

function counts(notices: SessionNotice[]): string {
  const by = new Map<string, number>();
  for (const n of notices) {
    const key = n.event === 'compliance-issue' ? 'with compliance issues' : n.status;
    by.set(key, (by.get(key) ?? 0) + 1);
  }
  return [...by].map(([k, v]) => `${v} ${k}`).join(', ');
}

export function templateContext(rule: { name: string }, notices: SessionNotice[], links: Links, windowName: (id: string) => string | null): TemplateContext {
  const first = notices[0]!;
  const window = first.windowId ? (windowName(first.windowId) ?? first.windowId) : '-';
  const common = { rule: rule.name, count: String(notices.length), window, occurrence: readableTime(first.occurrenceStart), sessions: notices.map((n) => sessionLine(n, links)).join('\n') };
  if (notices.length === 1) {
    return {
      ...common,
      computer: first.computer,
      tenant: first.tenant,
      status: first.status,
      failedActions: first.failedActions.join('\n') || '(none)',
      sessionLink: links.session(first.sessionId) ?? `session ${first.sessionId} in Steward`,
      sessionId: first.sessionId,
      trigger: first.trigger,
      reason: first.reason ?? '-',
      startedAt: readableTime(first.startedAt),
      endedAt: readableTime(first.endedAt),
      duration: readableDuration(first.startedAt, first.endedAt),
      complianceIssues: first.complianceIssues.join('\n') || '(none)',
      event: EVENT_WORDS[first.event],
    };
  }
  const filters: Record<string, string> = {};
  if (first.windowId) filters.windowId = first.windowId;
  if (first.occurrenceStart) filters.occurrenceStart = first.occurrenceStart;
  if (notices.every((n) => n.event === 'session-failed')) filters.status = 'failed';
  const failedActions = notices.flatMap((n) => n.failedActions.map((a) => `${n.computer}: ${a}`));
  const issues = notices.flatMap((n) => n.complianceIssues.map((i) => `${n.computer}: ${i}`));
  const starts = notices.map((n) => n.startedAt).filter((t): t is string => t !== null).sort();
  const ends = notices.map((n) => n.endedAt).filter((t): t is string => t !== null).sort();
  return {
    ...common,
    computer: shortList(notices.map((n) => n.computer)),
    tenant: shortList(notices.map((n) => n.tenant)),
    status: counts(notices),
    failedActions: failedActions.join('\n') || '(none)',
    sessionLink: links.sessions(filters) ?? 'the sessions list in Steward',
    sessionId: notices.map((n) => n.sessionId).join(', '),
    trigger: shortList(notices.map((n) => n.trigger)),
    reason: shortList(notices.map((n) => n.reason ?? '-')),
    startedAt: readableTime(starts[0] ?? null),
    endedAt: readableTime(ends[ends.length - 1] ?? null),
    duration: readableDuration(starts[0] ?? null, ends[ends.length - 1] ?? null),
    complianceIssues: issues.join('\n') || '(none)',
    event: shortList(notices.map((n) => EVENT_WORDS[n.event])),
  };
}

export function composeMail(rule: MailTemplate, notices: SessionNotice[], links: Links, windowName: (id: string) => string | null): { subject: string; body: string } {
  const context = templateContext(rule, notices, links, windowName);
  let body = renderTemplate(rule.body, context);
  // A digest always lists its sessions, even when the rule's body was written for single mails.
  if (notices.length > 1 && !usesPlaceholder(rule.body, 'sessions')) body = `${body.trimEnd()}\n\n${notices.length} sessions:\n${context.sessions}\n`;
  return { subject: renderTemplate(rule.subject, context, true), body };
}
