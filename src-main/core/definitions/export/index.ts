// Exporting integration definitions to servers, from the registry's rows: a JSON bundle, a PostgreSQL
// script, or a direct push into a PostgreSQL database. The parts live in ./export/.
import { buildDefinitionBundle, definitionBundleToJson } from './json.ts'
import type { ExportRow } from './rows.ts'
import { definitionsToSql } from './sql.ts'

export type { DefinitionBundle } from './json.ts'
export { buildDefinitionBundle, definitionBundleIssues, definitionBundleJsonSchema } from './json.ts'
export { pushToPostgres, type PushOptions, type PushResult } from './postgres.ts'
export { exportRowIssues, type ExportRow } from './rows.ts'
export { columns, definitionFromRecord, INTEGRATION_ID_INDEX, TABLE } from './table.ts'

/** The JSON bundle file's text of these rows' definitions; INVALID_ARGUMENT if any is invalid. */
export function exportBundle(rows: readonly ExportRow[], options: { now?: Date } = {}): string {
  return definitionBundleToJson(
    buildDefinitionBundle(
      rows.map((row) => row.definition),
      options,
    ),
  )
}

/** The PostgreSQL script (DDL and idempotent upserts in one transaction); INVALID_ARGUMENT if a row is invalid. */
export function exportSql(rows: readonly ExportRow[]): string {
  return definitionsToSql(rows)
}
