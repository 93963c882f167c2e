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

/**
 * The most a stored or imported file may ask scrypt for. The parameters come from the file itself (an
 * export, a key slot), so without bounds a crafted file with N = 2^26 makes us allocate gigabytes.
 */
export const scryptLimits = { N: 2 ** 20, r: 16, p: 4 } as const

/** Refuses scrypt parameters outside scryptLimits (or not a power of two N), naming the field. */
export function checkScryptParams(params: Pick<ScryptParams, 'N' | 'r' | 'p'>, path = 'kdf'): void {
  const { N, r, p } = params
  const bad = (field: 'N' | 'r' | 'p', rule: string) =>
    AppError.invalid(
      `The key derivation settings are refused: scrypt ${field} = ${String(params[field])} ${rule}. ` +
        'The file was not made by Switchboard, or was changed.',
      [{ path: `${path}.${field}`, message: rule }],
    )
  if (!Number.isSafeInteger(N) || N < 2 || (N & (N - 1)) !== 0 || N > scryptLimits.N)
    throw bad('N', `must be a power of two no larger than 2^${Math.log2(scryptLimits.N)}`)
  if (!Number.isSafeInteger(r) || r < 1 || r > scryptLimits.r)
    throw bad('r', `must be between 1 and ${scryptLimits.r}`)
  if (!Number.isSafeInteger(p) || p < 1 || p > scryptLimits.p)
    throw bad('p', `must be between 1 and ${scryptLimits.p}`)
}

export function deriveKey(passphrase: string, params: ScryptParams): Promise<Buffer> {
  checkScryptParams(params)
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
