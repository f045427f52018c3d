// A small, strict command-line parser: known flags only, values required, clear errors.

export type FlagSpec = Record<string, { value: boolean; description: string }>;

export type ParsedFlags = { flags: Map<string, string | true> } | { error: string } | { help: true };

export function parseFlags(argv: string[], spec: FlagSpec): ParsedFlags {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (!arg.startsWith('--')) return { error: `unexpected argument: ${arg}` };
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const known = spec[name];
    if (!known) return { error: `unknown option --${name}` };
    if (!known.value) {
      flags.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) return { error: `--${name} needs a value` };
    flags.set(name, value);
  }
  return { flags };
}

export function parsePort(value: string | true | undefined, fallback: number, name: string): number | string {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return `--${name} must be a port number (0-65535), not ${String(value)}`;
  return port;
}

export function usageOf(command: string, spec: FlagSpec): string {
  const lines = Object.entries(spec).map(([name, s]) => `  --${name}${s.value ? ' <value>' : ''}`.padEnd(34) + s.description);
  return `Usage: ${command} [options]\n\n${lines.join('\n')}\n`;
}
