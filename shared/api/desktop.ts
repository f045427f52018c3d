// Console API: what only the desktop app can do. The contract is shared, so the web console
// answers these too: it reports them as not available rather than pretending.
import { z } from 'zod';
import { command, query } from './method.js';

export const LaunchAtLogin = z.object({
  /** False where this console cannot start itself at sign-in (the web console, some Linux desktops). */
  available: z.boolean(),
  enabled: z.boolean(),
  /** Why it is not available, in words a technician can act on; null when available. */
  reason: z.string().nullable(),
});
export type LaunchAtLogin = z.infer<typeof LaunchAtLogin>;

export const desktopApi = {
  'desktop.getLaunchAtLogin': query(z.strictObject({}), LaunchAtLogin),
  /** Answers `unavailable` (HTTP 503) where `available` is false. */
  'desktop.setLaunchAtLogin': command(z.strictObject({ enabled: z.boolean() }), LaunchAtLogin),
} as const;
