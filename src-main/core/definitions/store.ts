// Reads and writes of definitions in SQLite. The current version lives in integration_definitions
// (the reference table's columns); every version's full document lives in definition_versions.
import { createHash, randomUUID } from 'node:crypto'
import { and, eq, getTableColumns, isNotNull, sql, type SQL, type Table } from 'drizzle-orm'
import { categoryOf, secretSchemaOf } from '../../contract/definition-defaults.ts'
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { DefinitionSource, DefinitionSummary, DefinitionVersionInfo } from '../../contract/types.ts'
import type { Db } from '../db/open.ts'
import { placeholdersFor } from '../db/placeholders.ts'
import type { Tx } from '../db/tx.ts'
import { bundledFiles, definitionVersions, integrationDefinitions } from '../db/schema.ts'
import { summarize } from './summary.ts'

export interface StoredMeta {
  source: DefinitionSource
  sourceName: string
  at: string
}

export interface CurrentRow {
  id: string
  integrationId: string
  version: string
  contentHash: string
  source: DefinitionSource
  createdAt: string
  updatedAt: string
}

/**
 * A definition serialized once: its stored document, the hash that identifies its content, and the
 * methods' JSON, which is most of the document (an imported OpenAPI description's methods run to
 * tens of megabytes) and is written to the methods column as it is, not serialized again.
 */
export interface Serialized {
  json: string
  hash: string
  methodsJson: string
}

const methodsMarker = '\u0000switchboard-methods\u0000'

export function serialize(definition: IntegrationDefinition): Serialized {
  const methodsJson = JSON.stringify(definition.methods)
  // The document is JSON.stringify(definition) exactly, with the methods written once: the replacer
  // stands a marker in for them at the top level only, and `"methods":<marker>` (unescaped quotes:
  // no string value can contain it) is swapped for theirs.
  const json = JSON.stringify(definition, function (this: unknown, key, value: unknown) {
    return key === 'methods' && this === definition ? methodsMarker : value
  }).replace(`"methods":${JSON.stringify(methodsMarker)}`, () => `"methods":${methodsJson}`)
  return { json, hash: createHash('sha256').update(json).digest('hex'), methodsJson }
}

export function currentRows(db: Db | Tx): Map<string, CurrentRow> {
  const rows = db
    .select({
      id: integrationDefinitions.id,
      integrationId: integrationDefinitions.integrationId,
      version: integrationDefinitions.version,
      contentHash: integrationDefinitions.contentHash,
      source: integrationDefinitions.source,
      createdAt: integrationDefinitions.createdAt,
      updatedAt: integrationDefinitions.updatedAt,
    })
    .from(integrationDefinitions)
    .all()
  return new Map(rows.map((row) => [row.integrationId, row]))
}

/** The integration ids the app ships (bundled files that loaded). */
export function bundledIntegrationIds(db: Db | Tx): Set<string> {
  const rows = db
    .select({ integrationId: bundledFiles.integrationId })
    .from(bundledFiles)
    .where(isNotNull(bundledFiles.integrationId))
    .all()
  return new Set(rows.flatMap((row) => (row.integrationId ? [row.integrationId] : [])))
}

export function summaries(db: Db): DefinitionSummary[] {
  return db
    .select({ summary: integrationDefinitions.summary })
    .from(integrationDefinitions)
    .all()
    .map((row) => JSON.parse(row.summary) as DefinitionSummary)
}

/** The columns of integration_definitions that a new current version sets. */
function currentColumns(definition: IntegrationDefinition, hash: string, meta: StoredMeta) {
  return {
    name: definition.name,
    description: definition.description,
    version: definition.version,
    configSchema: definition.configSchema,
    authType: definition.authType,
    oauth2Config: definition.oauth2Config ?? null,
    updatedAt: meta.at,
    // The local table mirrors a few fields as columns; where the document leaves one out, the column
    // holds the derived default (the document itself is stored as it came, in definition_versions).
    category: categoryOf(definition),
    docsUrl: definition.docsUrl ?? '',
    setupGuideUrl: definition.setupGuideUrl ?? null,
    icon: definition.icon ?? null,
    secretSchema: secretSchemaOf(definition),
    apiKeyConfig: definition.apiKeyConfig ?? null,
    customAuth: definition.customAuth ?? null,
    api: definition.api ?? {},
    healthCheck: definition.healthCheck ?? null,
    providesCapabilities: definition.providesCapabilities ?? null,
    requirements: definition.requirements ?? null,
    webhooks: definition.webhooks ?? null,
    summary: JSON.stringify(summarize(definition, meta.source, meta.at)),
    contentHash: hash,
    source: meta.source,
    sourceName: meta.sourceName,
  }
}

const versionColumnNames = ['document', 'contentHash', 'source', 'sourceName', 'storedAt'] as const

/**
 * The writes of definitions within one transaction, prepared once for all of them: the bundled
 * catalog stores a thousand in one go, and building and parsing each insert again cost more than
 * the rows themselves.
 */
export function definitionWrites(tx: Tx) {
  // Prepared at the first write, from the columns it sets (the same for every definition).
  const prepareCurrent = (columns: (keyof ReturnType<typeof currentColumns>)[]) =>
    tx
      .insert(integrationDefinitions)
      .values({
        ...placeholdersFor(['id', 'integrationId', 'createdAt', ...columns]),
        // Already JSON (Serialized.methodsJson): bound as text, as drizzle's json mode would store it.
        methods: sql`${sql.placeholder('methods')}`,
      })
      // The update takes the row just offered (excluded.*), so no value is bound, or serialized, twice.
      .onConflictDoUpdate({
        target: integrationDefinitions.integrationId,
        set: excludedOf(integrationDefinitions, [...columns, 'methods']),
      })
      .prepare()
  let insertCurrent: ReturnType<typeof prepareCurrent> | undefined
  const insertVersion = tx
    .insert(definitionVersions)
    .values(placeholdersFor(['integrationId', 'version', ...versionColumnNames]))
    .onConflictDoUpdate({
      target: [definitionVersions.integrationId, definitionVersions.version],
      set: excludedOf(definitionVersions, versionColumnNames),
    })
    .prepare()
  return {
    /** Makes `definition` the current version, keeping the row's id and created_at across versions. */
    current(definition: IntegrationDefinition, { hash, methodsJson }: Serialized, meta: StoredMeta): void {
      const columns = currentColumns(definition, hash, meta)
      insertCurrent ??= prepareCurrent(Object.keys(columns) as (keyof typeof columns)[])
      insertCurrent.run({
        id: randomUUID(),
        integrationId: definition.integrationId,
        createdAt: meta.at,
        methods: methodsJson,
        ...columns,
      })
    },
    /**
     * Records a version's full document, replacing it when the same version is re-imported by force
     * (connections pinned to it move with it: the importer asks for confirmation when that moves
     * their endpoints to another origin).
     */
    version(definition: IntegrationDefinition, { json, hash }: Serialized, meta: StoredMeta): void {
      insertVersion.run({
        integrationId: definition.integrationId,
        version: definition.version,
        document: json,
        contentHash: hash,
        source: meta.source,
        sourceName: meta.sourceName,
        storedAt: meta.at,
      })
    },
  }
}

/** `col = excluded.col` for each of these columns of `table`. */
function excludedOf(table: Table, keys: readonly string[]): Record<string, SQL> {
  const columns = getTableColumns(table) as Record<string, { name: string }>
  return Object.fromEntries(keys.map((key) => [key, sql.raw(`excluded."${columns[key]?.name ?? key}"`)]))
}

/** A kept version's document and the hash of its content, or null when that version is not kept. */
export function readVersion(
  db: Db | Tx,
  integrationId: string,
  version: string,
): { definition: IntegrationDefinition; contentHash: string } | null {
  const row = db
    .select({ document: definitionVersions.document, contentHash: definitionVersions.contentHash })
    .from(definitionVersions)
    .where(and(eq(definitionVersions.integrationId, integrationId), eq(definitionVersions.version, version)))
    .get()
  return row
    ? { definition: JSON.parse(row.document) as IntegrationDefinition, contentHash: row.contentHash }
    : null
}

/** integrationId → version → content hash, for every kept version (small columns only). */
export function versionHashes(db: Db): Map<string, Map<string, string>> {
  const index = new Map<string, Map<string, string>>()
  const rows = db
    .select({
      integrationId: definitionVersions.integrationId,
      version: definitionVersions.version,
      contentHash: definitionVersions.contentHash,
    })
    .from(definitionVersions)
    .all()
  for (const { integrationId, version, contentHash } of rows) {
    let versions = index.get(integrationId)
    if (!versions) index.set(integrationId, (versions = new Map()))
    versions.set(version, contentHash)
  }
  return index
}

export function listVersions(
  db: Db,
  integrationId: string,
  currentVersion: string | null,
): DefinitionVersionInfo[] {
  return db
    .select({
      version: definitionVersions.version,
      storedAt: definitionVersions.storedAt,
      source: definitionVersions.source,
      sourceName: definitionVersions.sourceName,
    })
    .from(definitionVersions)
    .where(eq(definitionVersions.integrationId, integrationId))
    .orderBy(definitionVersions.seq)
    .all()
    .map((row) => ({ ...row, current: row.version === currentVersion }))
}
