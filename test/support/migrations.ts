// What the shipped migrations folder holds, read from drizzle-kit's journal, so tests that check the
// schema version follow new migrations instead of hard-coding a count.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const journal = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../resources/migrations/meta/_journal.json'), 'utf8'),
) as { entries: { tag: string }[] }

export const migrationCount = journal.entries.length
export const latestMigrationTag = journal.entries[journal.entries.length - 1]!.tag
