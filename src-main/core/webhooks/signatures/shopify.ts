// Shopify: `X-Shopify-Hmac-Sha256: <base64>`, an HMAC-SHA256 of the raw body keyed with the app's
// client secret (or the store's webhook signing key). No timestamp is signed.
import { decodeDigest, digestBytes, hmacSha256, sameDigest } from './crypto.ts'
import { header, invalid, type SignatureScheme } from './types.ts'

const name = 'shopify'
export const shopifyDefaults = { signatureHeader: 'X-Shopify-Hmac-Sha256' }

export const verifyShopify: SignatureScheme = (input, options = {}) => {
  const headerName = options.signatureHeader ?? shopifyDefaults.signatureHeader
  if (!input.secret) return invalid(name, 'no-secret', 'No webhook secret is stored for this connection.')
  const value = header(input.headers, headerName)
  if (!value) return invalid(name, 'missing-header', `The ${headerName} header is missing.`)
  const given = decodeDigest(value, 'base64')
  if (!given || given.length !== digestBytes)
    return invalid(name, 'malformed', `${headerName} is not a ${digestBytes}-byte base64 digest.`)
  if (!sameDigest(hmacSha256(input.secret, input.body), given))
    return invalid(name, 'mismatch', 'The signature does not match the body and the webhook secret.')
  return { valid: true, scheme: name, signedAt: null }
}
