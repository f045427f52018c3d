// The web console: the console core under plain Node, serving the API and the UI on loopback.
// `npm run console -- --port 7420 --agent-port 7421 --data-dir <dir> [--host <addr>]`
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from './core/core.js';
import { parseConsoleArgs, usage } from './core/cli/console-args.js';
import { ensureApiToken } from './core/cli/api-token.js';
import { createStderrLogger } from './core/ports.js';
import { tuningFromEnv } from './core/cli/tuning.js';
import { WebServer } from './core/web/web-server.js';

async function main(): Promise<void> {
  const args = parseConsoleArgs(process.argv.slice(2));
  if ('help' in args) {
    process.stdout.write(usage);
    return;
  }
  if ('error' in args) {
    process.stderr.write(`${args.error}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const logger = createStderrLogger('console');
  const token = ensureApiToken(args.dataDir);
  const tuning = tuningFromEnv(process.env.STEWARD_TUNING);
  let consoleUrl: string | null = null;
  const core = await createCore({
    consoleUrl: () => consoleUrl,
    dataDir: args.dataDir,
    agentHost: args.agentHost,
    agentPort: args.agentPort,
    ...(args.agentPublicUrl ? { agentPublicUrl: args.agentPublicUrl } : {}),
    logger,
    tuning,
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const staticDir = [join(here, '..', 'renderer'), join(here, '..', '..', 'dist', 'renderer')].find((d) => existsSync(join(d, 'index.html'))) ?? null;
  const web = new WebServer({ host: args.host, port: args.port, token, staticDir, readOnly: (method) => core.readOnly(method) }, core.dispatcher, core.events, logger);
  try {
    await web.start();
    consoleUrl = web.url;
  } catch (error) {
    await core.dispose();
    throw error;
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    await web.dispose();
    await core.dispose();
    process.stdout.write('Steward console stopped.\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.stdout.write(
    [
      `Steward console ready at ${web.url}`,
      `Open in a browser: ${web.url}/?token=${readFileSync(join(args.dataDir, 'api-token'), 'utf8').trim()}`,
      `API token: ${join(args.dataDir, 'api-token')}`,
      `Agent gateway: ${core.agentGatewayUrl}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Steward console failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
