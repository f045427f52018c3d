// Bundles the web console's compiled Node code (dist/electron/web-console.js and everything it
// imports) into dist/console: Node then loads one file instead of ~300 modules, which takes the
// console from process start to ready in ~340 ms instead of ~540 ms. Native and optional modules
// stay outside; what loads on first use (axios, nodemailer, the certificate maker) stays in its
// own chunk, loaded when needed.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'dist', 'console');

rmSync(outDir, { recursive: true, force: true });
await build({
  input: { 'web-console': join(root, 'dist', 'electron', 'web-console.js') },
  platform: 'node',
  // libsql is a native addon; ws looks for optional native helpers at run time; electron and pg are
  // never reached from the web console, and stay out so a mistake fails loudly instead of bundling them.
  external: [/^node:/, 'libsql', 'ws', 'bufferutil', 'utf-8-validate', 'electron', 'pg'],
  logLevel: 'warn',
  output: { dir: outDir, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
});
