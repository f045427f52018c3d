// The software library: detection and the scripts that install each version.
import { z } from 'zod';
import { Id, IsoTime, Name, Script } from './common.js';
import { Platform } from './computer.js';

export const VersionString = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'is too long')
  .regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/, 'must be a version such as 1.2.3');

export const UpgradeStrategy = z.enum(['install-over', 'uninstall-first', 'upgrade-script']);
export type UpgradeStrategy = z.infer<typeof UpgradeStrategy>;

export const OptionName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a name such as SILENT_ARGS');

export const SoftwareVersion = z.object({
  version: VersionString,
  releaseDate: z.iso.date().nullable().default(null),
  installScript: Script,
  uninstallScript: Script.nullable().default(null),
  upgradeScript: Script.nullable().default(null),
  upgradeStrategy: UpgradeStrategy.default('install-over'),
  options: z.record(OptionName, z.string().max(4096)).default({}),
});
export type SoftwareVersion = z.infer<typeof SoftwareVersion>;

export const Software = z.object({
  id: Id,
  name: Name,
  vendor: z.string().max(200).default(''),
  platforms: z.array(Platform).default([]),
  detectScript: Script,
  versions: z.array(SoftwareVersion),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Software = z.infer<typeof Software>;
