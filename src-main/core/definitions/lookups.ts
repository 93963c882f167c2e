// Lookups over the stored definitions: the catalog and its search, a definition version's document,
// its methods, their compiled validators and JSONata expressions.
//
// Every lookup names the version: a connection stays pinned to the version it was made with, so a
// method, a validator or an expression of one version is never used with another's connection.
//
// Caches never go stale because they are keyed by content, not by name: an index maps
// integrationId → version → content hash (every kept version, read from small columns), and what is
// parsed or compiled lives under the hash. A forced re-import of the same version changes its hash,
// so the next lookup parses and compiles the new document; the old hash's entries are dropped (and
// their schemas removed from ajv) by the same refresh. A lookup of a cached method is two Map reads
// in the index and two in the cache.
//
// Memory: only the summaries (catalog, search) and the hash index are read up front; a version's
// document is parsed on first use, its validators and expressions compiled on first use.
import type { ValidateFunction } from 'ajv'
import jsonata from 'jsonata'
import { secretSchemaOf } from '../../contract/definition-defaults.ts'
import type { IntegrationDefinition, MethodDefinition } from '../../contract/definition-format.ts'
import type {
  DefinitionCatalog,
  DefinitionSearchHit,
  DefinitionSummary,
  DefinitionVersionInfo,
  RejectedFile,
} from '../../contract/types.ts'
import type { Db } from '../db/open.ts'
import { AppError } from '../errors.ts'
import { createSchemaAjv, tryCompile } from './schema-compiler.ts'
import { currentRows, listVersions, readVersion, summaries, versionHashes, type CurrentRow } from './store.ts'
import { search, searchEntry, type SearchEntry } from './summary.ts'

/** The JSONata expressions a method's binding may carry. */
export type ExpressionSlot = 'response' | 'pagination.items' | 'pagination.nextCursor'

type Expression = ReturnType<typeof jsonata>

/** What is kept for one definition version's content (keyed by its hash). */
interface Loaded {
  definition: IntegrationDefinition
  methods: Map<string, MethodDefinition>
  /** `${methodId}\0input|output` and `\0config|secret` → compiled validator. */
  validators: Map<string, ValidateFunction>
  /** `${methodId}\0${slot}` → compiled expression, or null when the method has none there. */
  expressions: Map<string, Expression | null>
  /** The schema objects compiled into the shared ajv, removed from it when this content is dropped. */
  compiled: object[]
}

const notFound = (integrationId: string) =>
  new AppError('NOT_FOUND', `No integration definition "${integrationId}".`)

export function createLookups(db: Db) {
  const entries = new Map<string, SearchEntry>()
  let hashes = new Map<string, Map<string, string>>()
  const byHash = new Map<string, Loaded>()
  let rejectedBundled: RejectedFile[] = []
  let schemaAjv: ReturnType<typeof createSchemaAjv> | undefined

  /** Re-reads the summaries and the hash index; drops cached content no kept version has any more. */
  const refresh = (): void => {
    entries.clear()
    for (const summary of summaries(db)) entries.set(summary.integrationId, searchEntry(summary))
    hashes = versionHashes(db)
    const live = new Set<string>()
    for (const versions of hashes.values()) for (const hash of versions.values()) live.add(hash)
    for (const [hash, loaded] of byHash) {
      if (live.has(hash)) continue
      for (const schema of loaded.compiled) schemaAjv?.removeSchema(schema)
      byHash.delete(hash)
    }
  }

  const hashOf = (integrationId: string, version: string): string => {
    const hash = hashes.get(integrationId)?.get(version)
    if (hash) return hash
    if (!entries.has(integrationId)) throw notFound(integrationId)
    throw new AppError('NOT_FOUND', `${integrationId} has no kept version ${version}.`, {
      issues: [{ path: 'version', message: 'is not one of the kept versions' }],
    })
  }

  const load = (integrationId: string, version: string): Loaded => {
    const hash = hashOf(integrationId, version)
    const hit = byHash.get(hash)
    if (hit) return hit
    const stored = readVersion(db, integrationId, version)
    if (!stored)
      throw new AppError('INTERNAL', `The stored document of ${integrationId} ${version} is missing.`)
    const loaded: Loaded = {
      definition: stored.definition,
      methods: new Map(stored.definition.methods.map((m) => [m.id, m])),
      validators: new Map(),
      expressions: new Map(),
      compiled: [],
    }
    // Another process may have replaced the version since the index was read: file the document
    // under the hash it really has, and point the index at it.
    byHash.set(stored.contentHash, loaded)
    hashes.get(integrationId)?.set(version, stored.contentHash)
    return loaded
  }

  const summaryOf = (integrationId: string): DefinitionSummary => {
    const entry = entries.get(integrationId)
    if (!entry) throw notFound(integrationId)
    return entry.summary
  }

  /** A kept version of a definition (a connection's pinned one, or the current one). */
  const get = (integrationId: string, version: string): IntegrationDefinition =>
    load(integrationId, version).definition

  /** The current version of a definition (what new connections are made with). */
  const current = (integrationId: string): IntegrationDefinition =>
    get(integrationId, summaryOf(integrationId).version)

  const methodOf = (loaded: Loaded, integrationId: string, version: string, methodId: string) => {
    const method = loaded.methods.get(methodId)
    if (!method) throw new AppError('NOT_FOUND', `${integrationId} ${version} has no method "${methodId}".`)
    return method
  }

  const getMethod = (integrationId: string, version: string, methodId: string): MethodDefinition =>
    methodOf(load(integrationId, version), integrationId, version, methodId)

  const compile = (loaded: Loaded, key: string, schema: object, what: string): ValidateFunction => {
    let validate = loaded.validators.get(key)
    if (validate) return validate
    const result = tryCompile((schemaAjv ??= createSchemaAjv()), schema)
    if ('error' in result) throw new AppError('INTERNAL', `${what} does not compile: ${result.error}`)
    validate = result.validate
    loaded.validators.set(key, validate)
    loaded.compiled.push(schema)
    return validate
  }

  /** The compiled validator of a method's input or output in one version, compiled on first use. */
  const validatorFor = (
    integrationId: string,
    version: string,
    methodId: string,
    which: 'input' | 'output',
  ): ValidateFunction => {
    const loaded = load(integrationId, version)
    const method = methodOf(loaded, integrationId, version, methodId)
    return compile(
      loaded,
      `${methodId}\u0000${which}`,
      which === 'input' ? method.inputSchema : method.outputSchema,
      `The ${which} schema of ${integrationId} ${version} ${methodId}`,
    )
  }

  /** The compiled config or secret schema of a definition version (defaults applied when validating). */
  const schemaValidator = (
    integrationId: string,
    version: string,
    which: 'config' | 'secret',
  ): ValidateFunction => {
    const loaded = load(integrationId, version)
    const { configSchema } = loaded.definition
    const secretSchema = secretSchemaOf(loaded.definition)
    return compile(
      loaded,
      `\u0000${which}`,
      which === 'config' ? configSchema : secretSchema,
      `The ${which} schema of ${integrationId} ${version}`,
    )
  }

  /** A method's compiled JSONata expression in one version, or null when its binding has none there. */
  const expressionFor = (
    integrationId: string,
    version: string,
    methodId: string,
    slot: ExpressionSlot,
  ): Expression | null => {
    const loaded = load(integrationId, version)
    const key = `${methodId}\u0000${slot}`
    if (loaded.expressions.has(key)) return loaded.expressions.get(key) ?? null
    const http = methodOf(loaded, integrationId, version, methodId).http
    const text =
      slot === 'response'
        ? http?.response
        : slot === 'pagination.items'
          ? http?.pagination?.items
          : http?.pagination?.nextCursor
    let expression: Expression | null = null
    if (text) {
      try {
        expression = jsonata(text)
      } catch (error) {
        throw new AppError(
          'INTERNAL',
          `The ${slot} expression of ${integrationId} ${version} ${methodId} does not compile: ${(error as { message?: string }).message ?? String(error)}`,
        )
      }
    }
    loaded.expressions.set(key, expression)
    return expression
  }

  const currentRow = (integrationId: string): CurrentRow => {
    const row = currentRows(db).get(integrationId)
    if (!row) throw notFound(integrationId)
    return row
  }

  const versions = (integrationId: string): DefinitionVersionInfo[] =>
    listVersions(db, integrationId, currentRow(integrationId).version)

  const catalog = (query = '', category?: string): DefinitionCatalog => {
    const categories = [...new Set([...entries.values()].map((e) => e.summary.category))].sort()
    return {
      definitions: search(entries.values(), query, category),
      categories,
      total: entries.size,
      rejected: rejectedBundled,
    }
  }

  /** Rows for export: the current version of each (or the named) definition with its stored ids. */
  const exportRows = (integrationIds?: string[]) => {
    const rows = currentRows(db)
    const ids = integrationIds?.length ? integrationIds : [...rows.keys()].sort()
    return ids.map((integrationId) => {
      const row = rows.get(integrationId)
      if (!row) throw notFound(integrationId)
      return {
        id: row.id,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        definition: get(integrationId, row.version),
      }
    })
  }

  return {
    refresh,
    catalog,
    search: (query: string, category?: string): DefinitionSearchHit[] =>
      search(entries.values(), query, category),
    has: (integrationId: string) => entries.has(integrationId),
    summaryOf,
    /** Every current definition's summary (for capability checks). */
    summaries: (): Iterable<DefinitionSummary> => [...entries.values()].map((e) => e.summary),
    current,
    get,
    getMethod,
    validatorFor,
    schemaValidator,
    expressionFor,
    /** The content hash of a kept version: what every cache of it is keyed by. */
    contentHashOf: hashOf,
    currentRow,
    versions,
    exportRows,
    rejected: (): RejectedFile[] => rejectedBundled,
    setRejected: (files: RejectedFile[]) => {
      rejectedBundled = files
    },
  }
}

export type DefinitionLookups = ReturnType<typeof createLookups>
