// Runs a store action for a form or button: tracks `busy`, keeps the BridgeError for the inputs
// (`errorFor(field)`) and the form's alert, and reports success to the caller.
import { ref, type Ref } from 'vue';
import { toBridgeError, type BridgeFailure } from '../bridge/bridge-error.js';
import { errorFor, formError } from '../logic/field-errors.js';

export interface ActionRunner {
  busy: Ref<boolean>;
  error: Ref<BridgeFailure | null>;
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
  errorFor(field: string): string[];
  /** The message for the form's alert, given the fields the form shows inputs for. */
  formError(fields: readonly string[]): string | null;
  reset(): void;
}

export function useAction(): ActionRunner {
  const busy = ref(false);
  const error = ref<BridgeFailure | null>(null);
  return {
    busy,
    error,
    async run(fn) {
      busy.value = true;
      error.value = null;
      try {
        return await fn();
      } catch (e) {
        error.value = toBridgeError(e);
        return undefined;
      } finally {
        busy.value = false;
      }
    },
    errorFor: (field) => errorFor(error.value, field),
    formError: (fields) => formError(error.value, fields),
    reset: () => (error.value = null),
  };
}
