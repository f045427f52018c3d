// Draws Steward's icons (a check mark on a blue tile) and writes them as PNGs: the app icon for
// electron-builder (build/icon.png) and the tray icons (resources/tray/). Run after changing the
// drawing: `npm run build:node && node dist/scripts/generate-icons.js`. The PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
/** Signed distance from (x, y) in unit square coordinates to a shape; negative inside. */
type Sdf = (x: number, y: number) => number;

const BLUE: Rgba = [21, 101, 192, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const BLACK: Rgba = [0, 0, 0, 255];

const roundedSquare = (inset: number, radius: number): Sdf => (x, y) => {
  const half = 0.5 - inset - radius;
  const dx = Math.max(Math.abs(x - 0.5) - half, 0);
  const dy = Math.max(Math.abs(y - 0.5) - half, 0);
  return Math.hypot(dx, dy) - radius;
};
const circle = (r: number): Sdf => (x, y) => Math.hypot(x - 0.5, y - 0.5) - r;
const ring = (r: number, width: number): Sdf => (x, y) => Math.abs(Math.hypot(x - 0.5, y - 0.5) - r) - width / 2;
const segment = (ax: number, ay: number, bx: number, by: number, width: number): Sdf => (x, y) => {
  const [px, py, vx, vy] = [x - ax, y - ay, bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - vx * t, py - vy * t) - width / 2;
};
const union = (...shapes: Sdf[]): Sdf => (x, y) => Math.min(...shapes.map((s) => s(x, y)));
const check = (width: number): Sdf => union(segment(0.29, 0.52, 0.44, 0.67, width), segment(0.44, 0.67, 0.72, 0.36, width));

/** Layers painted bottom to top, each a shape and a colour; 4×4 supersampling for smooth edges. */
function draw(size: number, layers: [Sdf, Rgba][]): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let colour: Rgba = [0, 0, 0, 0];
          for (const [shape, fill] of layers) if (shape(x, y) <= 0) colour = fill;
          const alpha = colour[3] / 255;
          r += colour[0] * alpha;
          g += colour[1] * alpha;
          b += colour[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      pixels[i] = a ? Math.round(r / a) : 0;
      pixels[i + 1] = a ? Math.round(g / a) : 0;
      pixels[i + 2] = a ? Math.round(b / a) : 0;
      pixels[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return encodePng(size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const write = (file: string, png: Buffer) => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), png);
  process.stdout.write(`${file} (${png.length} bytes)\n`);
};

const appIcon = (size: number) => draw(size, [[roundedSquare(0.06, 0.18), BLUE], [check(0.1), WHITE]]);
// Tray: a blue disc reads on light and dark panels alike (Windows, Linux).
const trayIcon = (size: number) => draw(size, [[circle(0.47), BLUE], [check(0.13), WHITE]]);
// macOS template images: black and alpha only; the menu bar tints them.
const trayTemplate = (size: number) => draw(size, [[ring(0.4, 0.1), BLACK], [check(0.12), BLACK]]);

write('build/icon.png', appIcon(512));
write('resources/tray/tray.png', trayIcon(16));
write('resources/tray/tray@2x.png', trayIcon(32));
write('resources/tray/trayTemplate.png', trayTemplate(16));
write('resources/tray/trayTemplate@2x.png', trayTemplate(32));
write('resources/tray/window.png', appIcon(256));
