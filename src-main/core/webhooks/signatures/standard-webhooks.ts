// Standard Webhooks (standardwebhooks.com, also Svix): `webhook-id`, `webhook-timestamp` (Unix
// seconds) and `webhook-signature`, a space-separated list of "<version>,<base64>" entries. A v1
// entry is an HMAC-SHA256 of "<id>.<timestamp>.<raw body>" keyed with the secret's bytes: the
// secret is "whsec_" + base64 of the key. Other versions (v1a, asymmetric) are skipped; one
// matching v1 is enough; timestamps more than five minutes away either way are refused.
import {
  checkTimestamp,
  decodeDigest,
  digestBytes,
  hmacSha256,
  integerSeconds,
  sameDigest,
} from './crypto.ts'
import { header, invalid, type SignatureScheme } from './types.ts'

const name = 'standard-webhooks'
export const standardWebhooksDefaults = {
  signatureHeader: 'webhook-signature',
  idHeader: 'webhook-id',
  timestampHeader: 'webhook-timestamp',
  toleranceSeconds: 300,
}

/** The key bytes of a whsec_ secret (a secret without the prefix is base64 as well, as the spec's libraries read it). */
export function standardWebhooksKey(secret: string): Buffer | null {
  const text = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret
  const key = decodeDigest(text, 'base64')
  return key && key.length > 0 ? key : null
}

export const verifyStandardWebhooks: SignatureScheme = (input, options = {}) => {
  const signatureHeader = options.signatureHeader ?? standardWebhooksDefaults.signatureHeader
  const { idHeader, timestampHeader } = standardWebhooksDefaults
  if (!input.secret) return invalid(name, 'no-secret', 'No signing secret is stored for this connection.')
  const key = standardWebhooksKey(input.secret)
  if (!key) return invalid(name, 'no-secret', 'The signing secret is not "whsec_" followed by base64.')
  const id = header(input.headers, idHeader)
  const timestamp = header(input.headers, timestampHeader)?.trim()
  const signatures = header(input.headers, signatureHeader)
  for (const [headerName, value] of [
    [idHeader, id],
    [timestampHeader, timestamp],
    [signatureHeader, signatures],
  ] as const) {
    if (!value) return invalid(name, 'missing-header', `The ${headerName} header is missing.`)
  }
  if (!integerSeconds.test(timestamp!))
    return invalid(name, 'malformed', `${timestampHeader} is not a Unix time in seconds.`)
  const v1 = signatures!
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => decodeDigest(entry.slice(3), 'base64'))
  if (v1.length === 0) return invalid(name, 'malformed', `${signatureHeader} has no v1 signature.`)
  const expected = hmacSha256(key, `${id}.${timestamp}.`, input.body)
  if (!v1.some((digest) => digest !== null && sameDigest(expected, digest))) {
    if (v1.every((digest) => digest === null || digest.length !== digestBytes))
      return invalid(name, 'malformed', `${signatureHeader}'s v1 is not a ${digestBytes}-byte base64 digest.`)
    return invalid(name, 'mismatch', 'No v1 signature matches the body and the signing secret.')
  }
  const window = input.toleranceSeconds ?? standardWebhooksDefaults.toleranceSeconds
  const when = checkTimestamp(Number(timestamp), input.now, window)
  if (when === 'stale') return invalid(name, 'stale', `The message is older than ${window} seconds.`)
  if (when === 'future') return invalid(name, 'future', `The timestamp is more than ${window} seconds ahead.`)
  return { valid: true, scheme: name, signedAt: Number(timestamp) * 1000 }
}
