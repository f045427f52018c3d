// Reads `apt-get -s dist-upgrade` output (LC_ALL=C): one `Inst` line per package that would be
// installed or upgraded. A package is a security update when one of its origins is a -security
// suite (Debian: "Debian-Security:12/stable-security", Ubuntu: "Ubuntu:22.04/jammy-security").
import type { OsUpdate } from '../../shared/model/os-updates.js';

// Inst <pkg> [<old>] (<new> <origin>[, <origin>…] [<arch>]) [<extra>]
const INST = /^Inst (\S+)(?: \[([^\]]*)\])? \((\S+) (.*?)(?: \[([^\]]+)\])?\)(?: \[.*\])?\s*$/;

export interface AptPackage {
  name: string;
  /** Null for a package the upgrade would newly install (a new dependency, a new kernel). */
  fromVersion: string | null;
  toVersion: string;
  origins: string[];
  arch: string | null;
}

export function parseAptSimulation(output: string): AptPackage[] {
  const packages: AptPackage[] = [];
  for (const raw of output.split(/\r?\n/)) {
    const m = INST.exec(raw.trim());
    if (!m) continue;
    packages.push({
      name: m[1]!,
      fromVersion: m[2] ?? null,
      toVersion: m[3]!,
      origins: m[4]!.split(',').map((o) => o.trim()).filter(Boolean),
      arch: m[5] ?? null,
    });
  }
  return packages;
}

export function isSecurityOrigin(origin: string): boolean {
  const [label = '', suite = ''] = origin.split('/');
  return /-security$/i.test(suite) || /(^|-)security(:|$)/i.test(label);
}

export function aptUpdates(packages: readonly AptPackage[]): OsUpdate[] {
  return packages.map((p) => ({
    id: p.name,
    title: p.fromVersion ? `${p.name} ${p.fromVersion} → ${p.toVersion}` : `${p.name} ${p.toVersion} (new)`,
    category: p.origins.some(isSecurityOrigin) ? 'security' : 'other',
    kb: null,
    releaseDate: null,
    severity: null,
    fromVersion: p.fromVersion,
    toVersion: p.toVersion,
  }));
}
