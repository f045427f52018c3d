// The web console's command line.
import { join, resolve } from 'node:path';
import { appDataDir } from './app-data.js';
import { parseFlags, parsePort, usageOf, type FlagSpec } from './args.js';

const spec: FlagSpec = {
  port: { value: true, description: 'port of the API and UI (default 7420)' },
  'agent-port': { value: true, description: 'port of the agent gateway (default 7421)' },
  'data-dir': { value: true, description: 'where the database and keys live (default: <app data>/Steward/console, as the desktop app)' },
  host: { value: true, description: 'address for the API and UI (default 127.0.0.1: this computer only)' },
  'agent-host': { value: true, description: 'address for the agent gateway (default 127.0.0.1)' },
  'agent-public-url': { value: true, description: 'gateway URL written into enrollment tokens (default wss://<agent-host>:<agent-port>)' },
};

export const usage = usageOf('npm run console --', spec);

export interface ConsoleArgs {
  port: number;
  agentPort: number;
  dataDir: string;
  host: string;
  agentHost: string;
  agentPublicUrl: string | null;
}

export function parseConsoleArgs(argv: string[]): ConsoleArgs | { error: string } | { help: true } {
  const parsed = parseFlags(argv, spec);
  if (!('flags' in parsed)) return parsed;
  const f = parsed.flags;
  const port = parsePort(f.get('port'), 7420, 'port');
  if (typeof port === 'string') return { error: port };
  const agentPort = parsePort(f.get('agent-port'), 7421, 'agent-port');
  if (typeof agentPort === 'string') return { error: agentPort };
  const text = (name: string) => {
    const v = f.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const publicUrl = text('agent-public-url');
  if (publicUrl !== undefined && !/^wss:\/\/[^\s/]+/.test(publicUrl)) return { error: '--agent-public-url must be a wss:// URL' };
  return {
    port,
    agentPort,
    // The desktop app's folder (userData/console), so npm start finds the same data either way.
    dataDir: resolve(text('data-dir') ?? join(appDataDir('Steward'), 'console')),
    host: text('host') ?? '127.0.0.1',
    agentHost: text('agent-host') ?? '127.0.0.1',
    agentPublicUrl: publicUrl ?? null,
  };
}
