// Hosts many real agents in one process for benchmarks (the file-descriptor limit is per process).
// Usage: node dist/benchmarks/agent-host.js <token> <base-dir> <count> <name-prefix>
import { join } from 'node:path';
import { AgentConnection } from '../agent/connection.js';
import { CommandExecutor } from '../agent/command-executor.js';
import { AgentIdentity } from '../agent/identity.js';
import { Journal } from '../agent/journal.js';
import { ScriptRunner } from '../agent/script-runner.js';
import { UpdateService } from '../agent/os-updates/update-service.js';
import { Rebooter } from '../agent/reboot.js';

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
    // Benchmark agents run scripts only: no OS-update provider, and a restart would just stop this one.
    executor: new CommandExecutor({
      journal: new Journal(dataDir),
      scripts: new ScriptRunner(join(dataDir, 'work')),
      updates: new UpdateService(null, process.platform),
      rebooter: new Rebooter('exit', () => connection.stop(), () => {}),
      bootId: `bench-${prefix}-${i}`,
    }),
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
