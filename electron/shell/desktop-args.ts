// The desktop app's command line. Electron and Chromium add switches of their own (--no-sandbox,
// --enable-logging…), so unknown flags are left alone rather than refused.
import { parsePort } from '../core/cli/args.js';
import { HIDDEN_FLAG } from './launch-at-login.js';

export interface DesktopArgs {
  dataDir: string | null;
  agentHost: string;
  agentPort: number;
  agentPublicUrl: string | null;
  /** Loopback port of the scripting API (POST /api/<method>), as the web console serves it. */
  port: number;
  /** Start in the tray without showing the window (launch at sign-in). */
  hidden: boolean;
}

const VALUE_FLAGS = ['data-dir', 'agent-host', 'agent-port', 'agent-public-url', 'port'] as const;

export function parseDesktopArgs(argv: readonly string[]): DesktopArgs | { error: string } {
  const values = new Map<string, string>();
  let hidden = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === HIDDEN_FLAG) {
      hidden = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : '';
    if (!(VALUE_FLAGS as readonly string[]).includes(name)) continue;
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) return { error: `--${name} needs a value` };
    values.set(name, value);
  }
  const agentPort = parsePort(values.get('agent-port'), 7421, 'agent-port');
  if (typeof agentPort === 'string') return { error: agentPort };
  const port = parsePort(values.get('port'), 7420, 'port');
  if (typeof port === 'string') return { error: port };
  const publicUrl = values.get('agent-public-url') ?? null;
  if (publicUrl !== null && !/^wss:\/\/[^\s/]+/.test(publicUrl)) return { error: '--agent-public-url must be a wss:// URL' };
  return { dataDir: values.get('data-dir') ?? null, agentHost: values.get('agent-host') ?? '127.0.0.1', agentPort, agentPublicUrl: publicUrl, port, hidden };
}
