// Subject and body templates of notification rules: {{placeholder}} replaced by plain text.
// Unknown placeholders are refused when a rule is saved, so a typo never reaches a mailbox.

export const PLACEHOLDERS = {
  computer: "the computer's name (in a digest: the names, shortened)",
  tenant: 'the tenant (client) name',
  status: 'the session status, e.g. failed (in a digest: counts such as "20 failed")',
  failedActions: 'the failed actions with their errors, one per line',
  sessionLink: 'a link that opens the session (in a digest: the list of those sessions)',
  sessionId: 'the session id',
  trigger: 'what started the session: manual, scheduled or retry',
  reason: 'why the session ended as it did',
  startedAt: 'when the session started',
  endedAt: 'when the session ended',
  duration: 'how long the session ran',
  complianceIssues: 'deployments that became non-compliant, with what differs',
  event: 'what happened: session failed, session completed or compliance issue',
  rule: 'the name of the notification rule',
  count: 'how many sessions the mail reports on (1, or more in a digest)',
  sessions: 'one line per session (a digest lists them all; added at the end when the body does not use it)',
  window: 'the maintenance window of a scheduled session',
  occurrence: 'the start of the window occurrence',
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;
export type TemplateContext = Record<Placeholder, string>;

const PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export function isPlaceholder(name: string): name is Placeholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}

/** Placeholder names a template uses that are not known. */
export function unknownPlaceholders(template: string): string[] {
  const unknown = new Set<string>();
  for (const m of template.matchAll(PATTERN)) if (!isPlaceholder(m[1]!)) unknown.add(m[1]!);
  return [...unknown];
}

export function usesPlaceholder(template: string, name: Placeholder): boolean {
  for (const m of template.matchAll(PATTERN)) if (m[1] === name) return true;
  return false;
}

/** Replaces every known placeholder; unknown ones stay as written. Subjects are kept on one line. */
export function renderTemplate(template: string, context: TemplateContext, oneLine = false): string {
  const out = template.replace(PATTERN, (whole, name: string) => (isPlaceholder(name) ? context[name] : whole));
  return oneLine ? out.replace(/\s*[\r\n]+\s*/g, ' ').trim() : out;
}

/** "a, b, c and 17 more": a list short enough for a subject line. */
export function shortList(items: readonly string[], max = 3): string {
  const unique = [...new Set(items)];
  if (unique.length <= max) return unique.join(', ');
  return `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}
