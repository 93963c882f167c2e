// Integration definitions as a PostgreSQL script: the reference table's DDL and one upsert per
// definition, in one transaction. Safe to run any number of times (psql -f, or any client).
import { assertExportRows, type ExportRow } from './rows.ts'
import { castOf, columnValues, columns, createTableStatements, upsertStatement } from './table.ts'

/**
 * A string literal under standard_conforming_strings (which the script turns on): quotes doubled,
 * backslashes and everything else literal. The rows were checked for NUL characters beforehand.
 */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

/** The SQL text that creates the table if missing and upserts every row by integration_id. */
export function definitionsToSql(rows: readonly ExportRow[]): string {
  assertExportRows(rows)
  const upserts = rows.map((row) =>
    upsertStatement(
      columnValues(row).map((value, index) => {
        const column = columns[index]
        return value === null || !column ? 'NULL' : `${quoteLiteral(value)}${castOf(column)}`
      }),
    ),
  )
  const statements = [
    'BEGIN',
    // Backslashes in the literals below are plain characters only with this on (the default since 9.1).
    'SET LOCAL standard_conforming_strings = on',
    // No "already exists, skipping" notices on a second run.
    'SET LOCAL client_min_messages = warning',
    ...createTableStatements(),
    ...upserts,
    'COMMIT',
  ]
  const header = [
    `-- Switchboard integration definitions for PostgreSQL: ${rows.length} definition(s).`,
    '-- Creates the table if missing and inserts or updates each definition by integration_id;',
    '-- safe to run again. Timestamps are UTC.',
  ]
  return `${header.join('\n')}\n\n${statements.map((statement) => `${statement};\n`).join('\n')}`
}
