// Statements on the hot path (every call through the runtime records a row and two audit events) are
// prepared once: drizzle otherwise rebuilds the SQL and SQLite re-parses it on every execution, which
// costs more than the insert itself. Values passed at execution still go through each column's
// encoder (JSON and boolean columns included).
import { sql, type Placeholder } from 'drizzle-orm'

/** `{ key: sql.placeholder('key') }` for every key: the values of a prepared insert. */
export function placeholdersFor<const K extends string>(keys: readonly K[]): { [P in K]: Placeholder<P> } {
  return Object.fromEntries(keys.map((key) => [key, sql.placeholder(key)])) as { [P in K]: Placeholder<P> }
}
