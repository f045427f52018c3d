// Where the electron package put its binary (path.txt + dist/), or why there is none.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Found } from './launch-plan.js';

/** `resolvePackage` finds node_modules/electron/package.json (require.resolve in production). */
export function findElectronBinary(resolvePackage: () => string): Found {
  let pkgDir: string;
  try {
    pkgDir = dirname(resolvePackage());
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: "Electron's binary is not installed (its download was skipped or failed)" };
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { reason: `Electron's binary is missing at ${binary}` };
}
