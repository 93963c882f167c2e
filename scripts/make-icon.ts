// Draws resources/icon.png (1024×1024): an indigo-to-cyan rounded square with a switchboard motif —
// a hub joined to six sockets. Run once when the design changes: node scripts/make-icon.ts
// Written by hand because it is a few lines of arithmetic and a PNG needs only zlib and a CRC.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'

const size = 1024
const pixels = Buffer.alloc(size * size * 4)

function crc32(bytes: Buffer): number {
  let crc = ~0
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const out = Buffer.alloc(8 + data.length + 4)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), 8 + data.length)
  return out
}

const hub = { x: 512, y: 512 }
const sockets = Array.from({ length: 6 }, (_, i) => {
  const angle = (Math.PI / 3) * i - Math.PI / 2
  return { x: 512 + Math.cos(angle) * 280, y: 512 + Math.sin(angle) * 280 }
})

function distanceToSegment(px: number, py: number, a: { x: number; y: number }, b: { x: number; y: number }) {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const t = Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy))
}

for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4
    // Rounded square mask (radius 200, 40px margin).
    const m = 40
    const r = 200
    const cx = Math.min(Math.max(x, m + r), size - m - r)
    const cy = Math.min(Math.max(y, m + r), size - m - r)
    const outside = Math.hypot(x - cx, y - cy) - r
    const alpha = Math.max(0, Math.min(1, 0.5 - outside))
    if (alpha === 0) continue
    const t = (x + y) / (2 * size)
    let [red, green, blue] = [76 + (34 - 76) * t, 110 + (184 - 110) * t, 245 + (207 - 245) * t]
    const line = Math.min(...sockets.map((s) => distanceToSegment(x, y, hub, s)))
    const nearSocket = Math.min(...sockets.map((s) => Math.hypot(x - s.x, y - s.y)))
    const white =
      Math.max(0, Math.min(1, 18 - line)) +
      Math.max(0, Math.min(1, 70 - nearSocket)) +
      Math.max(0, Math.min(1, 110 - Math.hypot(x - hub.x, y - hub.y)))
    const w = Math.min(1, white)
    red += (255 - red) * w
    green += (255 - green) * w
    blue += (255 - blue) * w
    pixels[i] = red
    pixels[i + 1] = green
    pixels[i + 2] = blue
    pixels[i + 3] = alpha * 255
  }
}

const raw = Buffer.alloc(size * (size * 4 + 1))
for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
const header = Buffer.alloc(13)
header.writeUInt32BE(size, 0)
header.writeUInt32BE(size, 4)
header.set([8, 6, 0, 0, 0], 8)
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
])
writeFileSync(join(import.meta.dirname, '..', 'resources', 'icon.png'), png)
console.log(`wrote resources/icon.png (${png.length} bytes)`)
