// Draws the app icons (a white heptagon "wheel" on Kubernetes blue) as PNG files in public/.
// Run once with `npx tsx scripts/make-icons.ts`; the PNGs are committed.

import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf: Uint8Array): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), Buffer.from(data)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Signed distance-ish test: is (x, y) inside a regular heptagon of radius r (unit coords)? */
function inHeptagon(x: number, y: number, r: number): boolean {
  const apothem = r * Math.cos(Math.PI / 7);
  for (let i = 0; i < 7; i++) {
    const a = -Math.PI / 2 + (i + 0.5) * ((2 * Math.PI) / 7);
    if (x * Math.cos(a) + y * Math.sin(a) > apothem) return false;
  }
  return true;
}

function shade(u: number, v: number, scale: number, rounded: boolean): [number, number, number, number] {
  const blue: [number, number, number, number] = [50, 108, 229, 255];
  const white: [number, number, number, number] = [255, 255, 255, 255];
  if (rounded) {
    const k = 0.18;
    const dx = Math.max(Math.abs(u) - (1 - k), 0);
    const dy = Math.max(Math.abs(v) - (1 - k), 0);
    if (dx * dx + dy * dy > k * k) return [0, 0, 0, 0];
  }
  const x = u / scale;
  const y = v / scale;
  const ring = inHeptagon(x, y, 0.78) && !inHeptagon(x, y, 0.62);
  const spokeAngle = Math.atan2(y, x);
  const dist = Math.hypot(x, y);
  let spoke = false;
  for (let i = 0; i < 7; i++) {
    const a = -Math.PI / 2 + i * ((2 * Math.PI) / 7);
    const d = Math.abs(Math.sin(spokeAngle - a)) * dist;
    if (d < 0.055 && Math.cos(spokeAngle - a) > 0 && dist < 0.66) spoke = true;
  }
  const hub = dist < 0.17;
  return ring || spoke || hub ? white : blue;
}

function icon(size: number, scale: number, rounded: boolean): Buffer {
  const ss = 3;
  return png(size, (px, py) => {
    const acc = [0, 0, 0, 0];
    for (let i = 0; i < ss; i++) {
      for (let j = 0; j < ss; j++) {
        const u = ((px + (i + 0.5) / ss) / size) * 2 - 1;
        const v = ((py + (j + 0.5) / ss) / size) * 2 - 1;
        const c = shade(u, v, scale, rounded);
        for (let k = 0; k < 4; k++) acc[k]! += c[k]!;
      }
    }
    return acc.map((n) => Math.round(n / (ss * ss))) as [number, number, number, number];
  });
}

writeFileSync('public/icon-192.png', icon(192, 1, true));
writeFileSync('public/icon-512.png', icon(512, 1, true));
// Maskable: full-bleed background, artwork inside the 80% safe zone.
writeFileSync('public/icon-maskable-512.png', icon(512, 0.78, false));
writeFileSync('public/apple-touch-icon.png', icon(180, 0.85, false));
console.log('icons written');
