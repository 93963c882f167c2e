// What every signature scheme takes and returns. Schemes are pure functions: the raw body, the
// request's headers, the signing secret and the current time in, a verdict with a reason out.
// No I/O, no clock of their own, no exceptions for bad input (a bad header is a verdict).

export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>

export interface SignatureInput {
  /** The raw request body exactly as received (signatures cover bytes, not parsed JSON). */
  body: Uint8Array | string
  headers: HeaderBag
  /** The signing secret from the connection's vault. */
  secret: string
  /** Milliseconds since the epoch (the host's clock). */
  now: number
  /** Overrides the scheme's replay window, in seconds (both directions). */
  toleranceSeconds?: number
}

export type VerdictReason = 'missing-header' | 'malformed' | 'stale' | 'future' | 'mismatch' | 'no-secret'

export type Verdict =
  | { valid: true; scheme: string; signedAt: number | null }
  | { valid: false; scheme: string; reason: VerdictReason; message: string }

export interface SignatureOptions {
  /** The header carrying the signature, when the definition names another than the scheme's own. */
  signatureHeader?: string
  /** hmac-sha256 only: how the digest is written (hex by default). */
  encoding?: 'hex' | 'base64'
}

export type SignatureScheme = (input: SignatureInput, options?: SignatureOptions) => Verdict

/** A header's value by case-insensitive name; the first one when it was sent several times. */
export function header(headers: HeaderBag, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue
    return typeof value === 'string' ? value : value[0]
  }
  return undefined
}

export const invalid = (
  scheme: string,
  reason: VerdictReason,
  message: string,
): Extract<Verdict, { valid: false }> => ({ valid: false, scheme, reason, message })
