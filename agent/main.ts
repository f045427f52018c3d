// The Steward agent: `npm run agent -- --token <enrollment token> --data-dir <dir> [--name <name>]`.
import { resolve } from 'node:path';
import { AgentIdentity } from './identity.js';
import { Journal } from './journal.js';
import { ScriptRunner } from './script-runner.js';
import { CommandExecutor } from './command-executor.js';
import { AgentConnection } from './connection.js';
import { parseAgentArgs, agentUsage } from './agent-args.js';

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
  const executor = new CommandExecutor(new Journal(dataDir), scripts);
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
  const stop = () => {
    connection.stop();
    scripts.dispose();
    setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  log('info', `Steward agent starting (data in ${dataDir}), console ${connection.url}`);
  connection.start();
}

main();
