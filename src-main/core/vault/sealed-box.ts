// AES-256-GCM sealing with node:crypto, in one self-describing blob format:
//
//   "SB" | format (1 byte) | key version (1 byte) | nonce (12 bytes) | tag (16 bytes) | ciphertext
//
// A fresh random 96-bit nonce per seal; the full 16-byte tag is checked; the caller's associated data
// binds the blob to where it belongs (client, connection, field, version), so a blob copied to another
// place does not open. Format and key version let a later release migrate keys and formats.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { AppError } from '../errors.ts'

const magic = Buffer.from('SB', 'ascii')
export const sealedFormat = 1
const headerLength = magic.length + 2
const nonceLength = 12
const tagLength = 16

export function seal(key: Buffer, plaintext: Buffer, associatedData: string, keyVersion = 1): Buffer {
  if (key.length !== 32) throw new Error('seal needs a 256-bit key')
  const nonce = randomBytes(nonceLength)
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: tagLength })
  cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([
    magic,
    Buffer.from([sealedFormat, keyVersion]),
    nonce,
    cipher.getAuthTag(),
    ciphertext,
  ])
}

/** The key version a blob was sealed under (for migrations), without opening it. */
export function keyVersionOf(blob: Buffer): number {
  return blob[magic.length + 1] ?? 0
}

/**
 * Opens a blob, or throws LOCKED: a wrong key, a changed byte, another place's associated data and a
 * truncated blob all look the same from here, and none of them may yield data.
 */
export function open(key: Buffer, blob: Buffer, associatedData: string, what = 'secret'): Buffer {
  const locked = () =>
    new AppError(
      'LOCKED',
      `The ${what} cannot be decrypted: it was changed, or the key is not the one it was sealed with.`,
    )
  if (
    blob.length < headerLength + nonceLength + tagLength ||
    !blob.subarray(0, 2).equals(magic) ||
    blob[2] !== sealedFormat
  ) {
    throw locked()
  }
  const nonce = blob.subarray(headerLength, headerLength + nonceLength)
  const tag = blob.subarray(headerLength + nonceLength, headerLength + nonceLength + tagLength)
  const ciphertext = blob.subarray(headerLength + nonceLength + tagLength)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: tagLength })
    decipher.setAAD(Buffer.from(associatedData, 'utf8'))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(ciphertext), decipher.final()])
  } catch {
    throw locked()
  }
}
