// The PostgreSQL reference table for integration definitions, described once: the column list below.
// The DDL, the upsert statement (used with literals by the SQL text and with $n parameters by the
// push), the values of one row and the way back from a table row to a definition all derive from it.
import type { IntegrationDefinition } from '../../../contract/definition-format.ts'
import type { ExportRow } from './rows.ts'

export const TABLE = 'integration_definitions'
export const INTEGRATION_ID_INDEX = 'integration_definitions_integration_id_idx'

export type SqlType = 'UUID' | 'TEXT' | 'JSONB' | 'TIMESTAMP'

/** Every field of a definition has a column; `$schema` names the file's format and is not stored. */
type DefinitionField = Exclude<keyof IntegrationDefinition, '$schema'>

interface Spec {
  name: string
  type: 'TEXT' | 'JSONB'
  notNull?: true
}

/** String fields are TEXT, everything else JSONB: a mismatch is a type error. */
type ColumnSpec<Value> = Spec & { type: [Value] extends [string | undefined] ? 'TEXT' : 'JSONB' }

// Columns beyond the reference table's (category, docs_url, …) are nullable, so they can be added to
// an existing reference table by ALTER TABLE … ADD COLUMN IF NOT EXISTS.
const definitionColumns = {
  integrationId: { name: 'integration_id', type: 'TEXT', notNull: true },
  name: { name: 'name', type: 'TEXT', notNull: true },
  description: { name: 'description', type: 'TEXT' },
  version: { name: 'version', type: 'TEXT', notNull: true },
  methods: { name: 'methods', type: 'JSONB', notNull: true },
  configSchema: { name: 'config_schema', type: 'JSONB' },
  authType: { name: 'auth_type', type: 'TEXT', notNull: true },
  oauth2Config: { name: 'oauth2_config', type: 'JSONB' },
  category: { name: 'category', type: 'TEXT' },
  docsUrl: { name: 'docs_url', type: 'TEXT' },
  setupGuideUrl: { name: 'setup_guide_url', type: 'TEXT' },
  icon: { name: 'icon', type: 'TEXT' },
  secretSchema: { name: 'secret_schema', type: 'JSONB' },
  apiKeyConfig: { name: 'api_key_config', type: 'JSONB' },
  customAuth: { name: 'custom_auth', type: 'JSONB' },
  api: { name: 'api', type: 'JSONB' },
  healthCheck: { name: 'health_check', type: 'JSONB' },
  providesCapabilities: { name: 'provides_capabilities', type: 'JSONB' },
  requirements: { name: 'requirements', type: 'JSONB' },
  webhooks: { name: 'webhooks', type: 'JSONB' },
  connector: { name: 'connector', type: 'TEXT' },
  transports: { name: 'transports', type: 'JSONB' },
  configChoices: { name: 'config_choices', type: 'JSONB' },
  secretPrefixes: { name: 'secret_prefixes', type: 'JSONB' },
  mcpUrl: { name: 'mcp_url', type: 'TEXT' },
} as const satisfies { [Field in DefinitionField]: ColumnSpec<IntegrationDefinition[Field]> }

export interface Column {
  readonly name: string
  readonly type: SqlType
  readonly notNull: boolean
  /** Where the value comes from: a field of the row, or of its definition. */
  readonly source:
    { readonly row: 'id' | 'createdAt' | 'updatedAt' } | { readonly definition: DefinitionField }
  /** An upsert of a stored integration keeps its id, integration_id and created_at, and updates the rest. */
  readonly onConflict: 'keep' | 'update'
}

export const columns: readonly Column[] = [
  { name: 'id', type: 'UUID', notNull: true, source: { row: 'id' }, onConflict: 'keep' },
  ...(Object.entries(definitionColumns) as [DefinitionField, Spec][]).map(([field, spec]): Column => ({
    name: spec.name,
    type: spec.type,
    notNull: spec.notNull === true,
    source: { definition: field },
    onConflict: field === 'integrationId' ? 'keep' : 'update',
  })),
  { name: 'created_at', type: 'TIMESTAMP', notNull: true, source: { row: 'createdAt' }, onConflict: 'keep' },
  {
    name: 'updated_at',
    type: 'TIMESTAMP',
    notNull: true,
    source: { row: 'updatedAt' },
    onConflict: 'update',
  },
]

const conflictColumn = 'integration_id'

/** The cast that turns a text value (literal or parameter) into the column's type. */
export function castOf(column: Column): string {
  return column.type === 'TEXT' ? '' : `::${column.type.toLowerCase()}`
}

/** Creates the table, adds columns an older reference table lacks, and the unique index. Idempotent. */
export function createTableStatements(): string[] {
  const definitions = columns.map(
    (column) =>
      `  ${column.name} ${column.type}${column.name === 'id' ? ' PRIMARY KEY' : column.notNull ? ' NOT NULL' : ''}`,
  )
  return [
    `CREATE TABLE IF NOT EXISTS ${TABLE} (\n${definitions.join(',\n')}\n)`,
    ...columns
      .filter((column) => !column.notNull)
      .map((column) => `ALTER TABLE ${TABLE} ADD COLUMN IF NOT EXISTS ${column.name} ${column.type}`),
    `CREATE UNIQUE INDEX IF NOT EXISTS ${INTEGRATION_ID_INDEX} ON ${TABLE} (${conflictColumn})`,
  ]
}

/**
 * Inserts one row, or updates the stored row of the same integration_id — only when something differs,
 * so a repeated run rewrites nothing. `values` are SQL expressions in column order.
 */
export function upsertStatement(values: readonly string[]): string {
  if (values.length !== columns.length)
    throw new Error(`${columns.length} values expected, got ${values.length}`)
  const updated = columns.filter((column) => column.onConflict === 'update').map((column) => column.name)
  return [
    `INSERT INTO ${TABLE} (${columns.map((column) => column.name).join(', ')})`,
    `VALUES (${values.join(', ')})`,
    `ON CONFLICT (${conflictColumn}) DO UPDATE SET ${updated.map((name) => `${name} = EXCLUDED.${name}`).join(', ')}`,
    `WHERE (${updated.map((name) => `${TABLE}.${name}`).join(', ')}) IS DISTINCT FROM (${updated
      .map((name) => `EXCLUDED.${name}`)
      .join(', ')})`,
  ].join('\n')
}

/** An ISO 8601 instant as a TIMESTAMP (without time zone) value, in UTC: "2026-11-21 09:30:00.000". */
export function utcTimestamp(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '')
}

/** The row's values in column order, as text (JSON for JSONB) or null; cast by castOf(column). */
export function columnValues(row: ExportRow): (string | null)[] {
  return columns.map((column) => {
    if ('row' in column.source) {
      const value = row[column.source.row]
      return column.type === 'TIMESTAMP' ? utcTimestamp(value) : value
    }
    const value: unknown = row.definition[column.source.definition]
    if (value === undefined) return null
    return column.type === 'JSONB' ? JSON.stringify(value) : String(value)
  })
}

/** The definition stored in a table row (keyed by column name, JSONB already parsed); null columns are absent. */
export function definitionFromRecord(record: Readonly<Record<string, unknown>>): IntegrationDefinition {
  const definition: Record<string, unknown> = {}
  for (const column of columns) {
    const value = record[column.name]
    if ('definition' in column.source && value !== null && value !== undefined) {
      definition[column.source.definition] = value
    }
  }
  return definition as IntegrationDefinition
}
