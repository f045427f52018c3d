// Hosts many real agents in one process for benchmarks (the file-descriptor limit is per process).
// Usage: node dist/benchmarks/agent-host.js <token> <base-dir> <count> <name-prefix>
import { join } from 'node:path';
import { AgentConnection } from '../agent/connection.js';
import { CommandExecutor } from '../agent/command-executor.js';
import { AgentIdentity } from '../agent/identity.js';
import { Journal } from '../agent/journal.js';
import { ScriptRunner } from '../agent/script-runner.js';

const [token, baseDir, countText, prefix] = process.argv.slice(2);
if (!token || !baseDir || !countText || !prefix) {
  process.stderr.write('usage: agent-host <token> <base-dir> <count> <name-prefix>\n');
  process.exit(2);
}

const connections: AgentConnection[] = [];
for (let i = 0; i < Number(countText); i++) {
  const dataDir = join(baseDir, `${prefix}-${i}`);
  const identity = AgentIdentity.load(dataDir, token);
  const connection = new AgentConnection({
    identity,
    executor: new CommandExecutor(new Journal(dataDir), new ScriptRunner(join(dataDir, 'work'))),
    name: `${prefix}-${i}`,
    consoleUrl: null,
    log: (level, message) => {
      if (level === 'error') process.stderr.write(`${prefix}-${i}: ${message}\n`);
    },
    onFatal: (reason) => process.stderr.write(`${prefix}-${i} refused: ${reason}\n`),
  });
  connections.push(connection);
  connection.start();
}
process.stdout.write(`started ${connections.length}\n`);
process.on('SIGTERM', () => {
  for (const c of connections) c.stop();
  setTimeout(() => process.exit(0), 200).unref();
});
