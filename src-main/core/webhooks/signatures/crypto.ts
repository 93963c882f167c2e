// The cryptographic steps the schemes share: HMAC-SHA256 over byte strings, digest decoding with
// its length checked, and constant-time comparison that refuses different lengths before comparing.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const digestBytes = 32

export function hmacSha256(key: string | Uint8Array, ...parts: (string | Uint8Array)[]): Buffer {
  const mac = createHmac('sha256', key)
  for (const part of parts) mac.update(part)
  return mac.digest()
}

// Lower case only: every provider and its own verifier writes and compares lower-case hex.
const hexPattern = /^[0-9a-f]*$/
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/

/** Decodes a hex or base64 digest; null when it is not valid text of that encoding. */
export function decodeDigest(text: string, encoding: 'hex' | 'base64'): Buffer | null {
  const trimmed = text.trim()
  if (encoding === 'hex') {
    if (!hexPattern.test(trimmed) || trimmed.length % 2 !== 0) return null
    return Buffer.from(trimmed, 'hex')
  }
  if (!base64Pattern.test(trimmed) || trimmed.length % 4 !== 0) return null
  return Buffer.from(trimmed, 'base64')
}

/** Lengths first (timingSafeEqual throws on a mismatch, and length is not secret), then constant time. */
export function sameDigest(expected: Uint8Array, given: Uint8Array): boolean {
  if (expected.length !== given.length) return false
  return timingSafeEqual(expected, given)
}

/** The replay window check shared by the timestamped schemes. */
export function checkTimestamp(
  signedAtSeconds: number,
  now: number,
  toleranceSeconds: number,
): 'stale' | 'future' | null {
  const age = Math.floor(now / 1000) - signedAtSeconds
  if (age > toleranceSeconds) return 'stale'
  if (age < -toleranceSeconds) return 'future'
  return null
}

export const integerSeconds = /^\d{1,12}$/
