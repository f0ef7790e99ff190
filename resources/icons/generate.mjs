// Draws the application icon and writes every file the installers use, with nothing but Node:
//   resources/icons/<n>x<n>.png   Linux icon set (AppImage, deb: /usr/share/icons/hicolor/<n>x<n>/apps), macOS (1024)
//   resources/icon.ico            Windows executable and NSIS installer (16–48 px as bitmaps, 256 px as PNG)
// Run: node resources/icons/generate.mjs   (the output is committed; rerun only to change the drawing)
//
// The drawing is a teal rounded square (the app's primary colour, src-renderer/app/theme.ts) with a white cross.
// Each pixel is the mean of 8×8 samples, so the edges are smooth at every size without an image library.
import { Buffer } from 'node:buffer';
import console from 'node:console';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const PNG_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
const ICO_BITMAP_SIZES = [16, 24, 32, 48, 64, 128];
const ICO_PNG_SIZE = 256;

const TOP = [0x2b, 0xa1, 0x92]; // teal 6
const BOTTOM = [0x0b, 0x7d, 0x71]; // teal 8
const WHITE = [0xff, 0xff, 0xff];

/** Inside a rounded rectangle (coordinates 0..1). */
function inRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** The colour and opacity of one sample point, or null where the icon is transparent. */
function sample(x, y) {
  // A small margin keeps the square from touching the edge of the canvas, as desktop icon sets expect.
  if (!inRoundedRect(x, y, 0.06, 0.06, 0.94, 0.94, 0.2)) return null;
  const arm = 0.13;
  const cross = inRoundedRect(x, y, 0.5 - arm, 0.22, 0.5 + arm, 0.78, 0.04) || inRoundedRect(x, y, 0.22, 0.5 - arm, 0.78, 0.5 + arm, 0.04);
  if (cross) return WHITE;
  const t = (y - 0.06) / 0.88;
  return TOP.map((c, i) => Math.round(c + (BOTTOM[i] - c) * t));
}

/** Straight (not premultiplied) RGBA pixels, top row first. */
function render(size) {
  const grid = 8;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, hits = 0;
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const c = sample((px + (sx + 0.5) / grid) / size, (py + (sy + 0.5) / grid) / size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; hits++;
        }
      }
      const o = (py * size + px) * 4;
      if (hits === 0) continue;
      rgba[o] = Math.round(r / hits);
      rgba[o + 1] = Math.round(g / hits);
      rgba[o + 2] = Math.round(b / hits);
      rgba[o + 3] = Math.round((255 * hits) / (grid * grid));
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG (colour type 6), every row with filter 0. */
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO bitmap entry: BITMAPINFOHEADER, BGRA rows bottom-up, then the 1-bit AND mask (all zero: alpha decides). */
function icoBitmap(size, rgba) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows plus mask rows, as ICO requires
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]);
}

function ico(entries) {
  const dir = Buffer.alloc(6 + 16 * entries.length);
  dir.writeUInt16LE(1, 2); // type: icon
  dir.writeUInt16LE(entries.length, 4);
  let offset = dir.length;
  entries.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    dir[e] = size >= 256 ? 0 : size; // 0 means 256
    dir[e + 1] = size >= 256 ? 0 : size;
    dir.writeUInt16LE(1, e + 4); // planes
    dir.writeUInt16LE(32, e + 6); // bits per pixel
    dir.writeUInt32LE(data.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([dir, ...entries.map((e) => e.data)]);
}

const rendered = new Map();
const pixelsAt = (size) => {
  if (!rendered.has(size)) rendered.set(size, render(size));
  return rendered.get(size);
};

for (const size of PNG_SIZES) writeFileSync(join(here, `${size}x${size}.png`), png(size, pixelsAt(size)));
const icoEntries = [
  ...ICO_BITMAP_SIZES.map((size) => ({ size, data: icoBitmap(size, pixelsAt(size)) })),
  { size: ICO_PNG_SIZE, data: png(ICO_PNG_SIZE, pixelsAt(ICO_PNG_SIZE)) },
];
writeFileSync(join(here, '..', 'icon.ico'), ico(icoEntries));
console.log(`wrote ${PNG_SIZES.map((s) => `${s}x${s}.png`).join(', ')} and ../icon.ico`);
