// The relay's command line: `npm run relay -- --port <port> --data-dir <dir> [...]`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface RelayArgs {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  tls: { cert: string; key: string } | null;
  allowedOrigins: string[];
  publicUrl: string | null;
  retainOps: number;
  name: string;
  newOwnerInvite: boolean;
}

export const usage = `Usage: npm run relay -- --port <port> --data-dir <dir> [options]

  --port <port>             port to listen on (default 7430)
  --host <address>          address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --data-dir <dir>          where the relay keeps its SQLite database and the owner invitation
  --database-url <url>      use PostgreSQL instead of SQLite (postgres://…); several relays may share it
                            (also from STEWARD_RELAY_DATABASE_URL)
  --tls-cert <file>         serve HTTPS/WSS with this certificate (PEM) …
  --tls-key <file>          … and this private key (PEM)
  --public-url <url>        the URL consoles use, when it differs (behind a reverse proxy)
  --allowed-origin <origin> a browser origin allowed to call the relay (repeatable; consoles need none)
  --retain-ops <n>          log entries to keep (default 1000000); consoles further behind reset from a snapshot
  --name <text>             the team's name, on first start (default "Steward team")
  --new-owner-invite        write a fresh owner invitation to <data-dir>/owner-invite (recovery)
`;

export function parseRelayArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): RelayArgs | { error: string } | { help: true } {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'public-url': { type: 'string' },
        'allowed-origin': { type: 'string', multiple: true },
        'retain-ops': { type: 'string' },
        name: { type: 'string' },
        'new-owner-invite': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  const port = Number(values.port ?? 7430);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: `--port must be a port number (0-65535), not ${values.port}` };
  if (!values['data-dir']) return { error: '--data-dir is required' };
  const retainOps = Number(values['retain-ops'] ?? 1_000_000);
  if (!Number.isInteger(retainOps) || retainOps < 1) return { error: '--retain-ops must be a positive whole number' };
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) return { error: '--tls-cert and --tls-key go together' };
  let tls: RelayArgs['tls'] = null;
  if (values['tls-cert'] && values['tls-key']) {
    try {
      tls = { cert: readFileSync(values['tls-cert'], 'utf8'), key: readFileSync(values['tls-key'], 'utf8') };
    } catch (error) {
      return { error: `cannot read the TLS certificate or key: ${(error as Error).message}` };
    }
  }
  const databaseUrl = values['database-url'] ?? env.STEWARD_RELAY_DATABASE_URL ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) return { error: '--database-url must be a postgres:// URL' };
  const publicUrl = values['public-url'] ?? null;
  if (publicUrl !== null && !/^https?:\/\/[^\s/]+/.test(publicUrl)) return { error: '--public-url must be an http:// or https:// URL' };
  return {
    port,
    host: values.host ?? '127.0.0.1',
    dataDir: resolve(values['data-dir']),
    databaseUrl,
    tls,
    allowedOrigins: values['allowed-origin'] ?? [],
    publicUrl,
    retainOps,
    name: values.name ?? 'Steward team',
    newOwnerInvite: values['new-owner-invite'] ?? false,
  };
}
