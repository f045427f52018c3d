// Rule templates: placeholders render as plain text, typos are caught before a rule is saved.
import { describe, expect, it } from 'vitest';
import { PLACEHOLDERS, renderTemplate, shortList, unknownPlaceholders, type TemplateContext } from '../../shared/engine/mail-template.js';

const context = Object.fromEntries(Object.keys(PLACEHOLDERS).map((k) => [k, `<${k}>`])) as TemplateContext;

describe('mail templates', () => {
  it('replaces every known placeholder, with or without spaces inside the braces', () => {
    expect(renderTemplate('{{computer}} / {{ tenant }} / {{status}} / {{failedActions}} / {{sessionLink}}', context)).toBe('<computer> / <tenant> / <status> / <failedActions> / <sessionLink>');
  });

  it('names unknown placeholders once each, and leaves them as written when rendering', () => {
    expect(unknownPlaceholders('{{computr}} {{computer}} {{computr}} {{Status}}')).toEqual(['computr', 'Status']);
    expect(renderTemplate('{{computr}}', context)).toBe('{{computr}}');
  });

  it('keeps a subject on one line', () => {
    expect(renderTemplate('Failed:\n {{failedActions}}', { ...context, failedActions: 'a\nb' }, true)).toBe('Failed: a b');
  });

  it('shortens long lists for a subject', () => {
    expect(shortList(['a', 'b', 'a'])).toBe('a, b');
    expect(shortList(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });
});
