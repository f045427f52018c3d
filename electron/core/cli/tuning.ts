// Optional timing overrides from the STEWARD_TUNING environment variable (JSON), for tests and
// unusual sites: e.g. {"agentWaitMs": 5000}. Unknown keys or bad values stop the start with a message.
import { z } from 'zod';
import type { CoreTuning } from '../core.js';

const Tuning = z.strictObject({
  heartbeatSeconds: z.number().int().min(5).max(600),
  agentWaitMs: z.number().int().min(100),
  startWaitMs: z.number().int().min(100),
  scriptTimeoutSeconds: z.number().int().min(1),
  detectTimeoutSeconds: z.number().int().min(1),
  updateScanTimeoutSeconds: z.number().int().min(1),
  updateInstallTimeoutSeconds: z.number().int().min(1),
  rebootWaitMs: z.number().int().min(100),
  maxConcurrentSessions: z.number().int().min(1).max(10_000),
  firstRetryMs: z.number().int().min(10),
  maxRetryMs: z.number().int().min(10),
  giveUpAfterMs: z.number().int().min(100),
  digestQuietMs: z.number().int().min(10),
}).partial();

export function tuningFromEnv(value: string | undefined): Partial<CoreTuning> {
  if (value === undefined || value.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new Error('STEWARD_TUNING is not valid JSON');
  }
  const parsed = Tuning.safeParse(json);
  if (!parsed.success) throw new Error(`STEWARD_TUNING: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const tuning: Partial<CoreTuning> = {};
  for (const [key, value] of Object.entries(parsed.data)) if (value !== undefined) tuning[key as keyof CoreTuning] = value;
  return tuning;
}
