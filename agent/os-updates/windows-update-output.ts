// Reads what the Windows Update PowerShell printed. Windows PowerShell 5.1's ConvertTo-Json has
// quirks the parser accepts: a one-element collection may come as the bare value, an array may
// come wrapped as {"value": [...], "Count": n}, an empty one as null, and a DateTime as
// "\/Date(ms)\/". Classifications are matched by their well-known ids (names are localized).
import { z } from 'zod';
import type { OsUpdate } from '../../shared/model/os-updates.js';
import type { UpdateCategory } from '../../shared/model/settings.js';
import { ProviderError } from './provider.js';

const RESULT_MARKER = 'STEWARD-RESULT:';

/** A collection in any of the shapes ConvertTo-Json gives it. */
function collection<T extends z.ZodType>(item: T) {
  return z.preprocess((value: unknown): unknown[] => {
    if (value === null || value === undefined || value === '') return [];
    if (Array.isArray(value)) return value as unknown[];
    if (typeof value === 'object' && 'value' in value && Array.isArray(value.value)) return value.value as unknown[];
    return [value];
  }, z.array(item));
}

const DateValue = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  return ms ? new Date(Number(ms[1])).toISOString() : value;
}, z.string().nullable());

const WuaCategory = z.object({ CategoryID: z.string(), Name: z.string().nullable().optional(), Type: z.string().nullable().optional() });

const WuaUpdate = z.object({
  UpdateID: z.string(),
  RevisionNumber: z.number().optional(),
  Title: z.string(),
  KBArticleIDs: collection(z.union([z.string(), z.number()]).transform(String)),
  Categories: collection(WuaCategory),
  Type: z.number().optional(),
  MsrcSeverity: z.string().nullable().optional(),
  LastDeploymentChangeTime: DateValue.optional(),
  RebootBehavior: z.number().optional(),
});

const WuaFailure = z.object({ Error: z.string(), HResult: z.union([z.string(), z.number()]).optional() });

const WuaScan = z.object({ ResultCode: z.number(), RebootRequired: z.boolean(), Updates: collection(WuaUpdate) });

const WuaInstall = z.object({
  ResultCode: z.number(),
  RebootRequired: z.boolean(),
  Results: collection(z.object({ UpdateID: z.string(), Title: z.string(), ResultCode: z.number(), HResult: z.union([z.string(), z.number()]).optional(), RebootRequired: z.boolean().optional() })),
});

const WuaRebootPending = z.object({ RebootRequired: z.boolean() });

/** Update classifications of the Windows Update catalogue, by category id. */
const CLASSIFICATIONS: Record<string, UpdateCategory> = {
  '0fa1201d-4330-4fa8-8ae9-b877473b6441': 'security', // Security Updates
  'e6cf1350-c01b-414d-a61f-263d14d133b4': 'critical', // Critical Updates
  'e0789628-ce08-4437-be74-2495b842f43b': 'definition', // Definition Updates
  'b54e7d24-7add-428f-8b75-90a396fa584f': 'feature', // Feature Packs
  '3689bdc8-b205-4af4-8d4a-a63924c5e9d5': 'feature', // Upgrades (feature updates)
  'ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0': 'driver', // Drivers
};

/** OperationResultCode of the Windows Update Agent. */
const RESULT_CODES: Record<number, string> = { 0: 'not started', 1: 'in progress', 2: 'succeeded', 3: 'succeeded with errors', 4: 'failed', 5: 'aborted' };

export function resultCodeText(code: number): string {
  return RESULT_CODES[code] ?? `result code ${code}`;
}

function categoryOf(u: z.infer<typeof WuaUpdate>): UpdateCategory {
  for (const c of u.Categories) {
    const known = CLASSIFICATIONS[c.CategoryID.toLowerCase()];
    if (known) return known;
  }
  return u.Type === 2 ? 'driver' : 'other';
}

/** The JSON of the last result line, or a ProviderError when the script printed none or failed. */
function resultJson(stdout: string, stderr: string, exitCode: number | null): unknown {
  const line = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .reverse()
    .find((l) => l.startsWith(RESULT_MARKER));
  if (!line) {
    const why = stderr.trim().split(/\r?\n/).pop() ?? '';
    throw new ProviderError(`the Windows Update script printed no result (exit code ${exitCode ?? 'none'})${why ? `: ${why}` : ''}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(line.slice(RESULT_MARKER.length));
  } catch {
    throw new ProviderError('the Windows Update script printed a result that is not JSON');
  }
  const failure = WuaFailure.safeParse(json);
  if (failure.success) throw new ProviderError(`Windows Update Agent: ${failure.data.Error}${failure.data.HResult !== undefined ? ` (${failure.data.HResult})` : ''}`);
  return json;
}

function parse<T extends z.ZodType>(schema: T, json: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ProviderError(`unexpected ${what} output: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function parseWuaScan(stdout: string, stderr = '', exitCode: number | null = 0): { updates: OsUpdate[]; rebootRequired: boolean } {
  const scan = parse(WuaScan, resultJson(stdout, stderr, exitCode), 'Windows Update scan');
  if (scan.ResultCode !== 2 && scan.ResultCode !== 3) throw new ProviderError(`Windows Update search ${resultCodeText(scan.ResultCode)}`);
  const updates = scan.Updates.map((u): OsUpdate => {
    const kb = u.KBArticleIDs[0] ?? null;
    const released = u.LastDeploymentChangeTime ? Date.parse(u.LastDeploymentChangeTime) : NaN;
    return {
      id: u.UpdateID,
      title: u.Title,
      category: categoryOf(u),
      kb: kb === null ? null : `KB${kb.replace(/^KB/i, '')}`,
      releaseDate: Number.isFinite(released) ? new Date(released).toISOString() : null,
      severity: u.MsrcSeverity ? u.MsrcSeverity : null,
      fromVersion: null,
      toVersion: null,
    };
  });
  return { updates, rebootRequired: scan.RebootRequired };
}

export function parseWuaInstall(stdout: string, stderr = '', exitCode: number | null = 0): { installed: string[]; failed: { id: string; reason: string }[]; rebootRequired: boolean } {
  const result = parse(WuaInstall, resultJson(stdout, stderr, exitCode), 'Windows Update install');
  const installed: string[] = [];
  const failed: { id: string; reason: string }[] = [];
  for (const r of result.Results) {
    if (r.ResultCode === 2 || r.ResultCode === 3) installed.push(r.UpdateID);
    else failed.push({ id: r.UpdateID, reason: `${resultCodeText(r.ResultCode)}${r.HResult !== undefined && r.HResult !== '0x00000000' && r.HResult !== 0 ? ` (${r.HResult})` : ''}` });
  }
  return { installed, failed, rebootRequired: result.RebootRequired || result.Results.some((r) => r.RebootRequired === true) };
}

export function parseWuaRebootPending(stdout: string, stderr = '', exitCode: number | null = 0): boolean {
  return parse(WuaRebootPending, resultJson(stdout, stderr, exitCode), 'restart check').RebootRequired;
}
