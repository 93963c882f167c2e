// GitHub: `X-Hub-Signature-256: sha256=<hex>`, an HMAC-SHA256 of the raw body keyed with the
// webhook's secret. GitHub sends no timestamp, so there is no replay window (deduplication by
// X-GitHub-Delivery is the ingest's job).
import { decodeDigest, digestBytes, hmacSha256, sameDigest } from './crypto.ts'
import { header, invalid, type SignatureScheme } from './types.ts'

const name = 'github'
export const githubDefaults = { signatureHeader: 'X-Hub-Signature-256' }

export const verifyGithub: SignatureScheme = (input, options = {}) => {
  const headerName = options.signatureHeader ?? githubDefaults.signatureHeader
  if (!input.secret) return invalid(name, 'no-secret', 'No webhook secret is stored for this connection.')
  const value = header(input.headers, headerName)
  if (!value) return invalid(name, 'missing-header', `The ${headerName} header is missing.`)
  if (!value.startsWith('sha256='))
    return invalid(name, 'malformed', `${headerName} does not start with "sha256=".`)
  const given = decodeDigest(value.slice('sha256='.length), 'hex')
  if (!given || given.length !== digestBytes)
    return invalid(name, 'malformed', `${headerName} is not a ${digestBytes}-byte hex digest.`)
  if (!sameDigest(hmacSha256(input.secret, input.body), given))
    return invalid(name, 'mismatch', 'The signature does not match the body and the webhook secret.')
  return { valid: true, scheme: name, signedAt: null }
}
