// The Steward agent: `npm run agent -- --token <enrollment token> --data-dir <dir> [--name <name>]`.
import { resolve } from 'node:path';
import { AgentIdentity } from './identity.js';
import { Journal } from './journal.js';
import { ScriptRunner } from './script-runner.js';
import { CommandExecutor } from './command-executor.js';
import { AgentConnection } from './connection.js';
import { parseAgentArgs, agentUsage } from './agent-args.js';
import { bootId } from './inventory.js';
import { ProcessRunner } from './process-runner.js';
import { chooseProvider } from './os-updates/providers.js';
import { UpdateService } from './os-updates/update-service.js';
import { Rebooter, rebootModeFromEnv } from './reboot.js';

function log(level: 'info' | 'warn' | 'error', message: string): void {
  process.stderr.write(`${new Date().toISOString()} ${level.padEnd(5)} ${message}\n`);
}

function main(): void {
  const args = parseAgentArgs(process.argv.slice(2));
  if ('help' in args) {
    process.stdout.write(agentUsage);
    return;
  }
  if ('error' in args) {
    process.stderr.write(`${args.error}\n\n${agentUsage}`);
    process.exitCode = 2;
    return;
  }
  const dataDir = resolve(args.dataDir);
  let identity: AgentIdentity;
  try {
    identity = AgentIdentity.load(dataDir, args.token);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.token !== null && identity.agentId !== null) log('info', `already enrolled as ${identity.agentId}; --token is ignored (delete ${dataDir}/identity.json to enroll again)`);
  const scripts = new ScriptRunner(resolve(dataDir, 'work'));
  const processes = new ProcessRunner();
  const provider = chooseProvider(process.platform, processes, scripts);
  const updates = new UpdateService(provider, process.platform);
  // Assigned below: a restart in exit mode stops the connection like a service stop does.
  let stop = () => {};
  const rebooter = new Rebooter(rebootModeFromEnv(process.env.STEWARD_REBOOT_MODE), () => stop(), (m) => log('info', m));
  const executor = new CommandExecutor({ journal: new Journal(dataDir), scripts, updates, rebooter, bootId: bootId() });
  const connection = new AgentConnection({
    identity,
    executor,
    name: args.name,
    consoleUrl: args.consoleUrl,
    log,
    onFatal: () => {
      scripts.dispose();
      process.exitCode = 3;
    },
  });
  stop = () => {
    connection.stop();
    rebooter.dispose();
    scripts.dispose();
    processes.dispose();
    setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  log('info', `Steward agent starting (data in ${dataDir}), console ${connection.url}, OS updates through ${provider?.name ?? 'no provider'}`);
  connection.start();
}

main();
