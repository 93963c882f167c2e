// Exporting integration definitions to servers, from the registry's rows: a JSON bundle, a PostgreSQL
// script, or a direct push into a PostgreSQL database. The parts live in ./export/.
import { buildDefinitionBundle, definitionBundleToJson } from './export/json.ts'
import type { ExportRow } from './export/rows.ts'
import { definitionsToSql } from './export/sql.ts'

export type { DefinitionBundle } from './export/json.ts'
export { buildDefinitionBundle, definitionBundleIssues, definitionBundleJsonSchema } from './export/json.ts'
export { pushToPostgres, type PushOptions, type PushResult } from './export/postgres.ts'
export { exportRowIssues, type ExportRow } from './export/rows.ts'
export { columns, definitionFromRecord, INTEGRATION_ID_INDEX, TABLE } from './export/table.ts'

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
