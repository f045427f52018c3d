// Turns whatever a transport threw (HTTP client error, IPC rejection, network failure) into a
// BridgeError {code, message, field}, so views show one kind of error next to what caused it.
import type { BridgeError } from '../../../shared/api/bridge.js';
import { API_ERROR_CODES, type ApiErrorCode } from '../../../shared/api/contract.js';

export type { BridgeError };

export class BridgeFailure extends Error implements BridgeError {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'BridgeFailure';
  }
}

function isCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}

/** Electron's invoke rejections arrive as "Error invoking remote method 'x': Error: <message>". */
function stripIpcPrefix(message: string): string {
  return message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '');
}

/** Reads an error body a preload may encode as JSON in the message ({code, message, field}). */
function fromJsonMessage(message: string): BridgeFailure | null {
  const start = message.indexOf('{');
  if (start < 0) return null;
  try {
    const value = JSON.parse(message.slice(start)) as Record<string, unknown>;
    const body = (value.error ?? value) as Record<string, unknown>;
    if (isCode(body.code) && typeof body.message === 'string') {
      return new BridgeFailure(body.code, body.message, typeof body.field === 'string' ? body.field : undefined);
    }
  } catch {
    // not JSON: the message is plain text
  }
  return null;
}

export function toBridgeError(error: unknown): BridgeFailure {
  if (error instanceof BridgeFailure) return error;
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    const status = typeof e.status === 'number' ? e.status : undefined;
    if (typeof e.code === 'string' && typeof e.message === 'string' && (isCode(e.code) || status !== undefined)) {
      const code = status === 0 ? 'unavailable' : e.code;
      return new BridgeFailure(code, e.message, typeof e.field === 'string' ? e.field : undefined, status);
    }
    if (typeof e.message === 'string') {
      const message = stripIpcPrefix(e.message);
      return fromJsonMessage(message) ?? new BridgeFailure('internal', message);
    }
  }
  return new BridgeFailure('internal', String(error));
}

export function isUnavailable(error: BridgeError): boolean {
  return error.code === 'unavailable' && (error.status === undefined || error.status === 0);
}

export function isUnauthorized(error: BridgeError): boolean {
  return error.code === 'unauthorized' || error.status === 401;
}

export const OFFLINE_EDIT_MESSAGE = 'The console is offline, so this change was not saved. It is still in the form: try again when the console is back.';
