// Puts an API error next to the input that caused it: the error's `field` (e.g. `versions.0.version`)
// is matched against each input's field path; errors with no matching input go in the form's alert.
import type { BridgeError } from '../../../shared/api/bridge.js';

export function errorFor(error: BridgeError | null, field: string): string[] {
  if (!error?.field) return [];
  return error.field === field || error.field.startsWith(`${field}.`) ? [stripField(error.message, error.field)] : [];
}

/** "name: must not be empty" shown under the name input reads better as "Must not be empty". */
export function stripField(message: string, field: string): string {
  const text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The error to show at the top of a form: one that no input on it claims. */
export function formError(error: BridgeError | null, fields: readonly string[]): string | null {
  if (!error) return null;
  if (error.field && fields.some((f) => errorFor(error, f).length > 0)) return null;
  return error.message;
}
