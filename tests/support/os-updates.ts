// OS-update scenarios: a stand-in apt-get (first on PATH) with two pending packages, and an agent
// run under a service wrapper that starts it again, with a new boot id, whenever it exits cleanly.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAgent, tempDir, type TestAgent } from './processes.js';

export interface FakeApt {
  dir: string;
  /** PATH with the stand-in first. */
  path: string;
  calls(): string[];
}

/** openssl (from -security) and tzdata (from stable) are pending until `apt-get install` names them. */
export function fakeApt(): FakeApt {
  const dir = tempDir('fake-apt');
  const script = `#!/bin/sh
# Stand-in apt-get for tests: records every call; simulates two pending upgrades until installed.
echo "$*" >> "${dir}/calls"
pending() { grep -qx "$1" "${dir}/installed" 2>/dev/null && return 1; return 0; }
case " $* " in
  *" -s "*)
    echo "Reading package lists..."
    pending openssl && echo "Inst openssl [3.0.11-1~deb12u1] (3.0.11-1~deb12u2 Debian-Security:12/stable-security [amd64])"
    pending tzdata && echo "Inst tzdata [2024a-0+deb12u1] (2025b-0+deb12u1 Debian:12.9/stable [all])"
    exit 0 ;;
  *" update "*)
    echo "Hit:1 http://deb.example stable InRelease"; echo "Reading package lists..."; exit 0 ;;
  *" install "*)
    [ "$DEBIAN_FRONTEND" = noninteractive ] || { echo "not noninteractive" >&2; exit 1; }
    for arg in "$@"; do case "$arg" in -*|install|Dpkg::*) ;; *) echo "Setting up $arg ..."; echo "$arg" >> "${dir}/installed" ;; esac; done
    exit 0 ;;
esac
echo "E: stand-in does not know: $*" >&2
exit 100
`;
  const file = join(dir, 'apt-get');
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  return {
    dir,
    path: `${dir}:${process.env.PATH ?? ''}`,
    calls: () => (existsSync(join(dir, 'calls')) ? readFileSync(join(dir, 'calls'), 'utf8').split('\n').filter(Boolean) : []),
  };
}

export interface SupervisedAgent {
  dataDir: string;
  current(): TestAgent;
  bootIds: string[];
  stop(): void;
}

/**
 * Runs an agent the way a service manager does (systemd Restart=always): when it exits cleanly it is
 * started again, here with a new STEWARD_BOOT_ID, standing in for the computer coming back from a restart.
 * STEWARD_REBOOT_MODE=exit makes the agent exit instead of restarting the machine running the tests.
 */
export function superviseAgent(options: { token: string; name: string; env?: Record<string, string> }): SupervisedAgent {
  const dataDir = tempDir('supervised-agent');
  const bootIds: string[] = [];
  let stopped = false;
  let agent: TestAgent;
  const launch = () => {
    const bootId = `boot-${bootIds.length + 1}`;
    bootIds.push(bootId);
    agent = startAgent({ dataDir, token: options.token, name: options.name, env: { ...options.env, STEWARD_BOOT_ID: bootId, STEWARD_REBOOT_MODE: 'exit' } });
    agent.process.once('exit', (code) => {
      if (!stopped && code === 0) launch();
    });
  };
  launch();
  return {
    dataDir,
    current: () => agent,
    bootIds,
    stop: () => {
      stopped = true;
    },
  };
}
