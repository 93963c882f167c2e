// Slack: `X-Slack-Signature: v0=<hex>` is an HMAC-SHA256 of "v0:<X-Slack-Request-Timestamp>:<raw body>"
// keyed with the app's signing secret; requests more than five minutes from the local clock are
// refused (Slack's guidance, "could be a replay attack"), in either direction.
import {
  checkTimestamp,
  decodeDigest,
  digestBytes,
  hmacSha256,
  integerSeconds,
  sameDigest,
} from './crypto.ts'
import { header, invalid, type SignatureScheme } from './types.ts'

const name = 'slack'
export const slackDefaults = {
  signatureHeader: 'X-Slack-Signature',
  timestampHeader: 'X-Slack-Request-Timestamp',
  toleranceSeconds: 300,
}

export const verifySlack: SignatureScheme = (input, options = {}) => {
  const signatureHeader = options.signatureHeader ?? slackDefaults.signatureHeader
  const { timestampHeader } = slackDefaults
  if (!input.secret) return invalid(name, 'no-secret', 'No signing secret is stored for this connection.')
  const signature = header(input.headers, signatureHeader)
  if (!signature) return invalid(name, 'missing-header', `The ${signatureHeader} header is missing.`)
  const timestamp = header(input.headers, timestampHeader)?.trim()
  if (!timestamp) return invalid(name, 'missing-header', `The ${timestampHeader} header is missing.`)
  if (!integerSeconds.test(timestamp))
    return invalid(name, 'malformed', `${timestampHeader} is not a Unix time in seconds.`)
  if (!signature.startsWith('v0='))
    return invalid(name, 'malformed', `${signatureHeader} does not start with "v0=".`)
  const given = decodeDigest(signature.slice(3), 'hex')
  if (!given || given.length !== digestBytes)
    return invalid(name, 'malformed', `${signatureHeader} is not a ${digestBytes}-byte hex digest.`)
  const expected = hmacSha256(input.secret, `v0:${timestamp}:`, input.body)
  if (!sameDigest(expected, given))
    return invalid(name, 'mismatch', 'The signature does not match the body and the signing secret.')
  const window = input.toleranceSeconds ?? slackDefaults.toleranceSeconds
  const when = checkTimestamp(Number(timestamp), input.now, window)
  if (when === 'stale') return invalid(name, 'stale', `The request is older than ${window} seconds.`)
  if (when === 'future') return invalid(name, 'future', `The timestamp is more than ${window} seconds ahead.`)
  return { valid: true, scheme: name, signedAt: Number(timestamp) * 1000 }
}
