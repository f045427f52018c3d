// Files the web console serves with GET (a browser download cannot POST a JSON body): each maps to
// an API method whose text result becomes the file. Same authentication as the API.
import type { MethodName } from '../../../shared/api/contract.js';

export interface Download {
  method: MethodName;
  input: Record<string, unknown>;
  contentType: string;
  pick(value: unknown): { fileName: string; text: string };
}

const SESSION_LOG = /^\/api\/sessions\/([^/]{1,64})\/log\.txt$/;

export function downloadFor(url: URL): Download | null {
  const log = SESSION_LOG.exec(url.pathname);
  if (log) {
    return {
      method: 'sessions.logText',
      input: { id: decodeURIComponent(log[1]!) },
      contentType: 'text/plain; charset=utf-8',
      pick: (v) => v as { fileName: string; text: string },
    };
  }
  if (url.pathname === '/api/compliance.csv') {
    const input: Record<string, unknown> = {};
    for (const [key, value] of url.searchParams) input[key] = value;
    return {
      method: 'compliance.exportCsv',
      input,
      contentType: 'text/csv; charset=utf-8',
      pick: (v) => {
        const { fileName, csv } = v as { fileName: string; csv: string };
        return { fileName, text: csv };
      },
    };
  }
  return null;
}
