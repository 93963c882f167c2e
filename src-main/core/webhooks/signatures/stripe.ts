// Stripe: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]`, each v1 an HMAC-SHA256 of
// "<t>.<raw body>" keyed with the endpoint's signing secret (whsec_…, used as it is). Several v1
// values appear while a secret is being rolled; one match is enough. Stripe's own tolerance is
// 300 s; unlike stripe-node we also refuse timestamps that far in the future.
import {
  checkTimestamp,
  decodeDigest,
  digestBytes,
  hmacSha256,
  integerSeconds,
  sameDigest,
} from './crypto.ts'
import { header, invalid, type SignatureScheme } from './types.ts'

const name = 'stripe'
export const stripeDefaults = { signatureHeader: 'Stripe-Signature', toleranceSeconds: 300 }

export const verifyStripe: SignatureScheme = (input, options = {}) => {
  const headerName = options.signatureHeader ?? stripeDefaults.signatureHeader
  if (!input.secret) return invalid(name, 'no-secret', 'No signing secret is stored for this connection.')
  const value = header(input.headers, headerName)
  if (!value) return invalid(name, 'missing-header', `The ${headerName} header is missing.`)
  let timestamp: string | undefined
  const signatures: string[] = []
  for (const item of value.split(',')) {
    const eq = item.indexOf('=')
    if (eq < 0) continue
    const key = item.slice(0, eq).trim()
    const text = item.slice(eq + 1).trim()
    if (key === 't') timestamp = text
    else if (key === 'v1') signatures.push(text)
  }
  if (timestamp === undefined || !integerSeconds.test(timestamp))
    return invalid(name, 'malformed', `${headerName} has no t=<unix seconds> timestamp.`)
  if (signatures.length === 0) return invalid(name, 'malformed', `${headerName} has no v1 signature.`)
  const signedAt = Number(timestamp)
  const expected = hmacSha256(input.secret, `${timestamp}.`, input.body)
  const decoded = signatures.map((text) => decodeDigest(text, 'hex'))
  const matches = decoded.some((digest) => digest !== null && sameDigest(expected, digest))
  if (!matches) {
    if (decoded.every((digest) => digest === null || digest.length !== digestBytes))
      return invalid(name, 'malformed', `${headerName}'s v1 is not a ${digestBytes}-byte hex digest.`)
    return invalid(name, 'mismatch', 'No v1 signature matches the body and the signing secret.')
  }
  // Checked after the signature, so a stale verdict is never given for a forged request.
  const window = input.toleranceSeconds ?? stripeDefaults.toleranceSeconds
  const when = checkTimestamp(signedAt, input.now, window)
  if (when === 'stale') return invalid(name, 'stale', `The signature is older than ${window} seconds.`)
  if (when === 'future') return invalid(name, 'future', `The timestamp is more than ${window} seconds ahead.`)
  return { valid: true, scheme: name, signedAt: signedAt * 1000 }
}
