// Passphrase → key-encryption key, with scrypt (node:crypto). N = 2^17, r = 8 costs 128 MiB and a
// few hundred milliseconds per attempt: cheap once per unlock, expensive for a guesser. The
// parameters are stored with each sealed key so they can be raised later without losing old data.
import { randomBytes, scrypt } from 'node:crypto'
import { AppError } from '../errors.ts'

export interface ScryptParams {
  name: 'scrypt'
  salt: string
  N: number
  r: number
  p: number
}

export const defaultScrypt = { N: 2 ** 17, r: 8, p: 1 } as const
export const minPassphraseLength = 10

export function newScryptParams(): ScryptParams {
  return { name: 'scrypt', salt: randomBytes(16).toString('base64'), ...defaultScrypt }
}

export function deriveKey(passphrase: string, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { N, r, p } = params
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(params.salt, 'base64'),
      32,
      { N, r, p, maxmem: 256 * N * r },
      (error, key) => (error ? reject(error) : resolve(key)),
    )
  })
}

export function checkNewPassphrase(passphrase: string, path = 'passphrase'): void {
  if (passphrase.length < minPassphraseLength) {
    throw AppError.invalid(`The passphrase must be at least ${minPassphraseLength} characters long.`, [
      { path, message: `must be at least ${minPassphraseLength} characters` },
    ])
  }
}
