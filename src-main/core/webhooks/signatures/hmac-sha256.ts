// The plain scheme many providers use (Dropbox, Linear, Xero…): an HMAC-SHA256 of the raw body, hex
// or base64, in the header the definition names. Nothing else is signed.
import { decodeDigest, digestBytes, hmacSha256, sameDigest } from './crypto.ts'
import { header, invalid, type SignatureScheme } from './types.ts'

const name = 'hmac-sha256'

export const verifyHmacSha256: SignatureScheme = (input, options = {}) => {
  const headerName = options.signatureHeader
  const encoding = options.encoding ?? 'hex'
  if (!headerName) return invalid(name, 'malformed', 'The definition names no signature header.')
  if (!input.secret) return invalid(name, 'no-secret', 'No signing secret is stored for this connection.')
  const value = header(input.headers, headerName)
  if (!value) return invalid(name, 'missing-header', `The ${headerName} header is missing.`)
  const given = decodeDigest(value.replace(/^sha256=/, ''), encoding)
  if (!given || given.length !== digestBytes)
    return invalid(name, 'malformed', `${headerName} is not a ${digestBytes}-byte ${encoding} digest.`)
  if (!sameDigest(hmacSha256(input.secret, input.body), given))
    return invalid(name, 'mismatch', 'The signature does not match the body and the signing secret.')
  return { valid: true, scheme: name, signedAt: null }
}
