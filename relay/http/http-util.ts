// Small HTTP helpers for the relay: bounded bodies, JSON answers, errors with a code.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { describeIssues } from '../../shared/api/errors.js';

export class RelayHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { expected?: number } = {},
  ) {
    super(message);
    this.name = 'RelayHttpError';
  }
}

export function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(new RelayHttpError(413, 'too-large', `request body is larger than ${maxBytes} bytes`));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new RelayHttpError(413, 'too-large', `request body is larger than ${maxBytes} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function parseJson<T extends z.ZodType>(schema: T, text: string): z.output<T> {
  let json: unknown;
  try {
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new RelayHttpError(400, 'invalid-input', 'request body is not valid JSON');
  }
  return parseInput(schema, json);
}

export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RelayHttpError(400, 'invalid-input', describeIssues(parsed.error).message);
  return parsed.data;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  response.end(text);
}

export function sendError(response: ServerResponse, error: RelayHttpError): void {
  sendJson(response, error.status, { error: { code: error.code, message: error.message, ...error.extra } });
}
