// The agent's command line.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const agentUsage = `Usage: npm run agent -- --token <enrollment token> --data-dir <dir> [--name <name>] [--console <wss url>]

  --token <token>      enrollment token from the console (needed once, on first start)
  --data-dir <dir>     where the agent keeps its identity and journal (default ~/.steward-agent)
  --name <name>        name shown in the console (default: the host name)
  --console <url>      gateway URL to use instead of the one in the token
`;

export interface AgentArgs {
  token: string | null;
  dataDir: string;
  name: string | null;
  consoleUrl: string | null;
}

export function parseAgentArgs(argv: string[]): AgentArgs | { error: string } | { help: true } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : '';
    if (!['token', 'data-dir', 'name', 'console'].includes(name)) return { error: `unknown argument: ${arg}` };
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') return { error: `--${name} needs a value` };
    values.set(name, value);
  }
  const consoleUrl = values.get('console') ?? null;
  if (consoleUrl !== null && !/^wss:\/\//.test(consoleUrl)) return { error: '--console must be a wss:// URL' };
  return {
    token: values.get('token') ?? null,
    dataDir: values.get('data-dir') ?? join(homedir(), '.steward-agent'),
    name: values.get('name') ?? null,
    consoleUrl,
  };
}
