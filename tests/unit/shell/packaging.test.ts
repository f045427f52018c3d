// electron-builder.yml as electron-builder itself reads and validates it (packaging needs Electron's
// binaries and stays out of CI; this catches a wrong key or a fuse left to its default).
import { FuseV1Options } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME } from '../../../electron/shell/app-identity.js';

const load = () => getConfig(process.cwd(), 'electron-builder.yml', null);
const camel = (name: string) => name[0]!.toLowerCase() + name.slice(1);

describe('electron-builder.yml', () => {
  // Compiling the schema takes seconds on a busy machine.
  it('passes electron-builder\'s own schema', { timeout: 30_000 }, async () => {
    await expect(validateConfiguration(await load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app as the main process does', async () => {
    const config = await load();
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
  });

  it('sets every fuse Electron has explicitly, closing the Node and debugging back doors', async () => {
    const fuses = (await load()).electronFuses as Record<string, boolean>;
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k))).map(camel);
    for (const fuse of known) expect(typeof fuses[fuse], `fuse ${fuse}`).toBe('boolean');
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage and deb, NSIS and DMG, packing the built app and the tray icons', async () => {
    const config = await load();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    const files = [config.files].flat().flatMap((f) => (typeof f === 'string' ? [f] : [f?.filter ?? []].flat()));
    expect(files).toEqual(expect.arrayContaining(['dist/**', 'package.json', 'resources/tray/**']));
    expect(config.npmRebuild).toBe(false);
  });
});
