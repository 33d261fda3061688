#!/usr/bin/env node
/**
 * Draws media/icon.png, the extension's 128×128 icon (the Marketplace needs a PNG): three plan rows,
 * each a status shape (red triangle, amber diamond, green circle, as the elements draw them) and a
 * line of text, on a dark blue tile. Run by hand when the design changes; the PNG is committed.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const scale = 4; // supersampling for smooth edges
const big = size * scale;
const rgba = new Float64Array(size * size * 4);

const BACKGROUND = [0x1d, 0x3a, 0x5f];
const TEXT = [0xf3, 0xf2, 0xf1];
const RED = [0xe0, 0x4b, 0x3a];
const AMBER = [0xf5, 0xa6, 0x23];
const GREEN = [0x3f, 0xb4, 0x6e];

/** Which colour covers a point of the supersampled square, or undefined for transparent. */
function colourAt(x, y) {
  const u = x / big;
  const v = y / big;
  // A rounded tile.
  const r = 0.16;
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return undefined;
  const rows = [0.27, 0.5, 0.73];
  for (const [index, row] of rows.entries()) {
    const dy = v - row;
    const dx = u - 0.25;
    if (index === 0 && dy <= 0.075 && dy >= -0.085 && Math.abs(dx) <= (dy + 0.085) * 0.62) return RED;
    if (index === 1 && Math.abs(dx) + Math.abs(dy) <= 0.09) return AMBER;
    if (index === 2 && dx * dx + dy * dy <= 0.075 ** 2) return GREEN;
    const lineEnd = index === 1 ? 0.7 : 0.82;
    if (u >= 0.41 && u <= lineEnd && Math.abs(dy) <= 0.03) return TEXT;
  }
  return BACKGROUND;
}

for (let y = 0; y < big; y++) {
  for (let x = 0; x < big; x++) {
    const colour = colourAt(x + 0.5, y + 0.5);
    if (!colour) continue;
    const i = (Math.floor(y / scale) * size + Math.floor(x / scale)) * 4;
    rgba[i] += colour[0];
    rgba[i + 1] += colour[1];
    rgba[i + 2] += colour[2];
    rgba[i + 3] += 255;
  }
}

const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4;
    const alpha = rgba[i + 3];
    const o = y * (size * 4 + 1) + 1 + x * 4;
    const covered = alpha / 255; // samples covered
    raw[o] = covered ? Math.round(rgba[i] / covered) : 0;
    raw[o + 1] = covered ? Math.round(rgba[i + 1] / covered) : 0;
    raw[o + 2] = covered ? Math.round(rgba[i + 2] / covered) : 0;
    raw[o + 3] = Math.round(alpha / (scale * scale));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
