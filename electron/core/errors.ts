// Errors the API reports with a code, a message and, for bad input, the field at fault.
import type { ApiErrorCode } from '../../shared/api/contract.js';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function notFound(what: string, id: string, field = 'id'): ApiError {
  return new ApiError('not-found', `${what} ${id} does not exist`, field);
}

export function invalid(field: string, message: string): ApiError {
  return new ApiError('invalid-input', `${field}: ${message}`, field);
}

export function conflict(message: string): ApiError {
  return new ApiError('conflict', message);
}
