// Damage a database file the way a bad disk or a half-written copy would, for tests of the start-up
// check: byte 100 is the type of the schema table's first b-tree page, and garbage there makes
// PRAGMA quick_check (and every read) fail.
import { readFileSync, writeFileSync } from 'node:fs'

export function damageDatabase(file: string): void {
  const bytes = readFileSync(file)
  bytes[100] = bytes[100]! ^ 0xff
  writeFileSync(file, bytes)
}
