// Console API: the software library.
import { z } from 'zod';
import { Id, Name, Script } from '../model/common.js';
import { Platform } from '../model/computer.js';
import { OptionName, Software, UpgradeStrategy, VersionString } from '../model/software.js';
import { RESERVED_ENV_NAME } from '../model/task.js';
import { command, query } from './method.js';

/** Options reach scripts as environment variables: names that would change how a script runs are refused. */
const Options = z.record(OptionName.refine((n) => !RESERVED_ENV_NAME.test(n), 'is reserved (it would change how scripts run)'), z.string().max(4096));

export const SoftwareVersionInput = z.strictObject({
  version: VersionString,
  releaseDate: z.iso.date().nullable().optional(),
  installScript: Script,
  uninstallScript: Script.nullable().optional(),
  upgradeScript: Script.nullable().optional(),
  upgradeStrategy: UpgradeStrategy.optional(),
  options: Options.optional(),
});
export type SoftwareVersionInput = z.infer<typeof SoftwareVersionInput>;

const SoftwareFields = {
  name: Name,
  vendor: z.string().max(200).optional(),
  platforms: z.array(Platform).optional(),
  detectScript: Script,
};

export const softwareApi = {
  'software.create': command(
    z.strictObject({ ...SoftwareFields, versions: z.array(SoftwareVersionInput).default([]) }),
    Software,
  ),
  'software.update': command(
    z.strictObject({
      id: Id,
      name: Name.optional(),
      vendor: z.string().max(200).optional(),
      platforms: z.array(Platform).optional(),
      detectScript: Script.optional(),
      versions: z.array(SoftwareVersionInput).optional(),
    }),
    Software,
  ),
  'software.addVersion': command(SoftwareVersionInput.extend({ softwareId: Id }), Software),
  'software.updateVersion': command(
    z.strictObject({
      softwareId: Id,
      version: VersionString,
      releaseDate: z.iso.date().nullable().optional(),
      installScript: Script.optional(),
      uninstallScript: Script.nullable().optional(),
      upgradeScript: Script.nullable().optional(),
      upgradeStrategy: UpgradeStrategy.optional(),
      options: Options.optional(),
    }),
    Software,
  ),
  'software.removeVersion': command(z.strictObject({ softwareId: Id, version: VersionString }), Software),
  'software.delete': command(z.strictObject({ id: Id }), z.object({ id: Id, deleted: z.literal(true) })),
  'software.list': query(z.strictObject({}), z.object({ items: z.array(Software) })),
  'software.get': query(z.strictObject({ id: Id }), Software),
} as const;
