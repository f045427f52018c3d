// The relay's entry point: `npm run relay -- --port <port> --data-dir <dir>`. Prints its URL; on
// first start creates the workspace and writes an owner invitation to <data-dir>/owner-invite.
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, stderrLogger } from './ports.js';
import { parseRelayArgs, usage } from './relay-args.js';
import { RelayServer } from './relay-server.js';
import type { SqlDriver } from './sql/driver.js';
import { createSchema } from './sql/schema.js';
import { SqliteDriver } from './sql/sqlite-driver.js';

const SETUP_LOCK = 7_430_001;

function writeSecretFile(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  chmodSync(file, 0o600);
}

async function main(): Promise<void> {
  const args = parseRelayArgs(process.argv.slice(2));
  if ('help' in args) {
    process.stdout.write(usage);
    return;
  }
  if ('error' in args) {
    process.stderr.write(`${args.error}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const logger = stderrLogger('relay');
  mkdirSync(args.dataDir, { recursive: true, mode: 0o700 });
  let db: SqlDriver;
  let setUp: () => Promise<{ ownerInvitation: string | null; workspaceName: string }>;
  const init = async (driver: SqlDriver, server: RelayServer) => {
    await createSchema(driver);
    const { workspace, ownerInvitation } = await server.members.init(args.name, new Date(), args.newOwnerInvite);
    return { ownerInvitation, workspaceName: workspace.name };
  };
  let server: RelayServer;
  if (args.databaseUrl) {
    // Loaded only when used: a SQLite relay starts without the PostgreSQL client.
    const { PostgresDriver } = await import('./sql/postgres-driver.js');
    const pgDriver = await PostgresDriver.open(args.databaseUrl, (message) => logger.warn(message));
    db = pgDriver;
    server = new RelayServer(db, args, systemClock, logger);
    // Several instances may start at once against one database: set up one at a time.
    setUp = () => pgDriver.withLock(SETUP_LOCK, () => init(pgDriver, server));
  } else {
    db = SqliteDriver.open(join(args.dataDir, 'relay.db'));
    server = new RelayServer(db, args, systemClock, logger);
    setUp = async () => {
      const result = await init(db, server);
      // One instance only: whoever was connected before this start is not any more.
      await db.run('DELETE FROM presence');
      return result;
    };
  }
  try {
    const { ownerInvitation, workspaceName } = await setUp();
    if (ownerInvitation) writeSecretFile(join(args.dataDir, 'owner-invite'), `${ownerInvitation}\n`);
    await server.start();
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info('shutting down', { signal });
      await server.dispose();
      await db.close();
      process.stdout.write('Steward relay stopped.\n');
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.stdout.write(
      [
        `Steward relay ready at ${server.url}`,
        `Team: ${workspaceName} (${args.databaseUrl ? 'PostgreSQL' : `SQLite in ${join(args.dataDir, 'relay.db')}`})`,
        ownerInvitation ? `Owner invitation (single use, 30 days): ${join(args.dataDir, 'owner-invite')}` : 'Owner invitation: already created (use --new-owner-invite for a fresh one)',
        '',
      ].join('\n'),
    );
  } catch (error) {
    await server.dispose().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Steward relay failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
