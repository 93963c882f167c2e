// The data folder holds sealed secrets and the audit trail: only its owner may read it. The folder is
// created 0700, every file in it 0600, and files are replaced atomically (write, fsync, rename) so a
// crash leaves either the old or the new content, never half of it. Windows has no POSIX modes; there
// the folder inherits the user profile's ACL, which is already private.
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export const privateDirMode = 0o700
export const privateFileMode = 0o600

const posix = process.platform !== 'win32'

/** Creates the folder (and its parents) if needed and makes it 0700, also when it already existed. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: privateDirMode })
  if (posix) chmodSync(dir, privateDirMode)
}

/** Makes an existing file 0600 (a no-op for a file that does not exist). */
export function makePrivate(file: string): void {
  if (!posix) return
  try {
    chmodSync(file, privateFileMode)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

/**
 * Replaces `file` with `data`, 0600, atomically. `durable` also fsyncs it before the rename (costly:
 * about as much as a SQLite commit); without it a power cut may leave the previous content.
 */
export function writePrivateFile(file: string, data: string | Buffer, { durable = true } = {}): void {
  ensurePrivateDir(dirname(file))
  const temp = `${file}.${process.pid}.tmp`
  const fd = openSync(temp, 'w', privateFileMode)
  try {
    writeFileSync(fd, data)
    if (durable) fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, file)
}
