// The audit trail read straight from a data folder's database file, as another process sees it: for
// tests whose core ran in a child process (the CLI, a second process) or has been closed.
import Database from 'better-sqlite3'
import { join } from 'node:path'

export function recordedActions(dataDir: string, action: string): { host: string; details: unknown }[] {
  const file = new Database(join(dataDir, 'switchboard.db'), { readonly: true })
  try {
    const rows = file
      .prepare('SELECT host, details FROM audit_events WHERE action = ? ORDER BY seq')
      .all(action) as { host: string; details: string }[]
    return rows.map((row) => ({ host: row.host, details: JSON.parse(row.details) as unknown }))
  } finally {
    file.close()
  }
}
