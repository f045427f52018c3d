// Turning a zod failure into the one-line message the API returns, naming the field.
import type { z } from 'zod';

export function describeIssues(error: z.ZodError): { message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: 'invalid input' };
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    const where = field ? `${field}.` : '';
    return { message: `unknown field ${where}${keys}`, field: field ? `${field}.${issue.keys[0]}` : issue.keys[0] };
  }
  return field ? { message: `${field}: ${issue.message}`, field } : { message: issue.message };
}
