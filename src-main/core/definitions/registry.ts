// The definition registry: what is installed, loading the bundled catalog at start-up, importing,
// upgrading and rolling back versions, and the in-memory cache every method call looks up.
//
// Memory: summaries of every definition (for the catalog and search) are read at start-up from a
// small column; the full document of a definition and its compiled validators are loaded on first
// use and kept, so a lookup by integrationId and methodId is two Map reads.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { ValidateFunction } from 'ajv'
import semver from 'semver'
import { eq } from 'drizzle-orm'
import type { IntegrationDefinition, MethodDefinition } from '../../contract/definition-format.ts'
import type { ValidationIssue } from '../../contract/errors.ts'
import type {
  DefinitionCatalog,
  DefinitionSearchHit,
  DefinitionSource,
  DefinitionVersionInfo,
  ImportFileResult,
  ImportReport,
  RejectedFile,
} from '../../contract/types.ts'
import type { Writer } from '../db/write.ts'
import type { Db } from '../db/open.ts'
import { bundledFiles } from '../db/schema.ts'
import { AppError } from '../errors.ts'
import type { Clock, Logger } from '../host.ts'
import { locateIssues, parseDefinitionFile } from './parse.ts'
import { createSchemaAjv, tryCompile } from './schema-compiler.ts'
import {
  currentRows,
  listVersions,
  readVersion,
  serialize,
  summaries,
  writeCurrent,
  writeVersion,
  type CurrentRow,
  type Serialized,
} from './store.ts'
import { search, searchEntry, type SearchEntry } from './summary.ts'
import { validateDefinition } from './validate.ts'

export interface SourceFile {
  /** A file path or URL, used in messages and recorded as where the definition came from. */
  name: string
  content: string | Buffer
  /** The size on disk when the content was not read because it is over the limit. */
  size?: number
}

export type OpenApiConverter = (
  document: Record<string, unknown>,
  sourceName: string,
) => Promise<IntegrationDefinition>

export interface ImportOptions {
  /** Accept a version that is not newer than the installed one. */
  force?: boolean
  /** Treat every file as OpenAPI/Swagger even if detection would not. */
  openapi?: boolean
  /** Check everything, store nothing (`definitions validate`). */
  dryRun?: boolean
}

interface Candidate {
  definition: IntegrationDefinition
  serialized: Serialized
  source: DefinitionSource
}

interface Loaded {
  definition: IntegrationDefinition
  methods: Map<string, MethodDefinition>
  validators: Map<string, ValidateFunction>
}

export interface RegistryDeps {
  db: Db
  clock: Clock
  writer: Writer
  logger: Logger
  convertOpenApi: OpenApiConverter
}

export const bundledDefinitionsDir = join(import.meta.dirname, '../../../definitions')

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex')

export function createDefinitionRegistry({ db, clock, writer, logger, convertOpenApi }: RegistryDeps) {
  const entries = new Map<string, SearchEntry>()
  const loaded = new Map<string, Loaded>()
  let rejectedBundled: RejectedFile[] = []
  let schemaAjv: ReturnType<typeof createSchemaAjv> | undefined

  const refreshEntries = () => {
    entries.clear()
    for (const summary of summaries(db)) entries.set(summary.integrationId, searchEntry(summary))
    loaded.clear()
  }

  const capabilityProviders = (extra: IntegrationDefinition[]): Set<string> => {
    const provided = new Set<string>()
    for (const entry of entries.values()) entry.summary.capabilities.forEach((c) => provided.add(c))
    for (const definition of extra) {
      definition.providesCapabilities?.forEach((c) => provided.add(c.capabilityId))
      definition.methods.forEach((m) => m.capability && provided.add(m.capability))
    }
    return provided
  }

  const unmetRequirements = (definition: IntegrationDefinition, provided: Set<string>): ValidationIssue[] =>
    (definition.requirements?.capabilities ?? []).flatMap((capability, index) =>
      provided.has(capability)
        ? []
        : [
            {
              path: `requirements.capabilities[${index}]`,
              message: `needs "${capability}", which no definition in the catalog provides`,
            },
          ],
    )

  // ---- start-up -----------------------------------------------------------------------------

  /**
   * Loads the bundled catalog in one transaction. Files whose size and mtime match the last start
   * are not even read; a changed file whose content hash matches is not parsed. A bad file is
   * reported and never stops the others.
   */
  const loadBundled = (dir: string): { stored: number; unchanged: number; rejected: RejectedFile[] } => {
    let names: string[]
    try {
      names = readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .sort()
    } catch {
      logger.warn('no bundled definitions folder', { dir })
      refreshEntries()
      return { stored: 0, unchanged: 0, rejected: [] }
    }
    const known = new Map(
      db
        .select()
        .from(bundledFiles)
        .all()
        .map((row) => [row.file, row]),
    )
    const current = currentRows(db)
    const changed: { file: string; size: number; mtimeMs: number; content: Buffer; hash: string }[] = []
    let unchanged = 0
    for (const file of names) {
      const stat = statSync(join(dir, file))
      const mtimeMs = Math.trunc(stat.mtimeMs)
      const seen = known.get(file)
      if (seen && seen.size === stat.size && seen.mtimeMs === mtimeMs) {
        unchanged++
        continue
      }
      const content = readFileSync(join(dir, file))
      const hash = sha256(content)
      if (seen && seen.contentHash === hash) {
        writer.writeUnrecorded('a cache of what the bundled files looked like', (tx) =>
          tx.update(bundledFiles).set({ size: stat.size, mtimeMs }).where(eq(bundledFiles.file, file)).run(),
        )
        unchanged++
        continue
      }
      changed.push({ file, size: stat.size, mtimeMs, content, hash })
    }

    const valid: { file: string; definition: IntegrationDefinition }[] = []
    const rejectedNow = new Map<string, ValidationIssue[]>()
    const ids = new Map<string, string>()
    for (const row of known.values()) if (row.integrationId) ids.set(row.integrationId, row.file)
    for (const { file, content } of changed) {
      const parsed = parseDefinitionFile(content)
      if (parsed.kind !== 'definitions' || parsed.documents.length !== 1) {
        rejectedNow.set(
          file,
          parsed.kind === 'invalid'
            ? parsed.issues
            : [{ path: '(root)', message: 'a bundled file must hold exactly one definition' }],
        )
        continue
      }
      const check = validateDefinition(parsed.documents[0], { schemas: 'meta' })
      if (!check.ok) {
        rejectedNow.set(file, check.issues)
        continue
      }
      const owner = ids.get(check.definition.integrationId)
      if (owner && owner !== file) {
        rejectedNow.set(file, [
          {
            path: 'integrationId',
            message: `"${check.definition.integrationId}" is already defined by ${owner}`,
          },
        ])
        continue
      }
      ids.set(check.definition.integrationId, file)
      valid.push({ file, definition: check.definition })
    }
    const provided = capabilityProviders(valid.map((v) => v.definition))
    const at = clock.now().toISOString()
    let stored = 0
    // The bundled catalog ships with the app: loading it is nobody's change, so it has no audit event.
    writer.writeUnrecorded('the bundled catalog is part of the app', (tx) => {
      for (const { file, size, mtimeMs, hash } of changed) {
        const item = valid.find((v) => v.file === file)
        const issues = rejectedNow.get(file) ?? (item ? unmetRequirements(item.definition, provided) : [])
        if (item && issues.length === 0) {
          const existing = current.get(item.definition.integrationId)
          // An imported newer version wins over the bundled one; the bundled one is still kept.
          const keepImported =
            existing && existing.source !== 'bundled' && semver.gt(existing.version, item.definition.version)
          const meta = { source: 'bundled' as const, sourceName: file, at }
          const serialized = serialize(item.definition)
          // The current row first: versions reference it.
          if (!keepImported) writeCurrent(tx, item.definition, serialized, meta)
          writeVersion(tx, item.definition, serialized, meta)
          stored++
        }
        const record = {
          size,
          mtimeMs,
          contentHash: hash,
          integrationId: item && issues.length === 0 ? item.definition.integrationId : null,
          issues: issues.length ? issues : null,
        }
        tx.insert(bundledFiles)
          .values({ file, ...record })
          .onConflictDoUpdate({ target: bundledFiles.file, set: record })
          .run()
      }
      for (const file of known.keys())
        if (!names.includes(file)) tx.delete(bundledFiles).where(eq(bundledFiles.file, file)).run()
    })
    rejectedBundled = db
      .select({ file: bundledFiles.file, issues: bundledFiles.issues })
      .from(bundledFiles)
      .all()
      .filter((row) => row.issues)
      .map((row) => ({ file: join(dir, row.file), issues: row.issues ?? [] }))
    for (const rejected of rejectedBundled) logger.warn('bundled definition rejected', { ...rejected })
    refreshEntries()
    return { stored, unchanged, rejected: rejectedBundled }
  }

  // ---- import -------------------------------------------------------------------------------

  const candidatesOf = async (
    file: SourceFile,
    options: ImportOptions,
  ): Promise<Candidate[] | ValidationIssue[]> => {
    const parsed = parseDefinitionFile(file.content, file.size)
    if (parsed.kind === 'invalid') return parsed.issues
    if (parsed.kind === 'openapi' || options.openapi) {
      if (parsed.kind !== 'openapi')
        return [{ path: '(root)', message: 'is not an OpenAPI 3.x or Swagger 2.0 document' }]
      let definition: IntegrationDefinition
      try {
        definition = await convertOpenApi(parsed.document, file.name)
      } catch (error) {
        if (error instanceof AppError)
          return error.details?.issues ?? [{ path: '(root)', message: error.message }]
        throw error
      }
      // The converter writes only keywords from a draft-07 allow-list (its test compiles every schema
      // of GitHub's description), so compiling 2,000+ schemas here would prove nothing new and cost
      // seconds; they are compiled on first use, like the bundled ones.
      const check = validateDefinition(definition, { schemas: 'meta' })
      return check.ok ? [{ definition, serialized: serialize(definition), source: 'openapi' }] : check.issues
    }
    if (parsed.documents.length === 0) return [{ path: '(root)', message: 'holds no definitions' }]
    const candidates: Candidate[] = []
    const issues: ValidationIssue[] = []
    parsed.documents.forEach((document, index) => {
      const check = validateDefinition(document)
      if (check.ok)
        candidates.push({
          definition: check.definition,
          serialized: serialize(check.definition),
          source: 'imported',
        })
      else issues.push(...locateIssues(check.issues, parsed.paths[index] ?? ''))
    })
    return issues.length ? issues : candidates
  }

  /**
   * Imports files, each all-or-nothing: a file with any problem stores nothing, and never stops the
   * other files. Newer versions upgrade (the older stays in the history); older or equal versions
   * are refused unless forced.
   */
  const importFiles = async (files: SourceFile[], options: ImportOptions = {}): Promise<ImportReport> => {
    const perFile = new Map<string, Candidate[] | ValidationIssue[]>()
    for (const file of files) perFile.set(file.name, await candidatesOf(file, options))
    const isIssues = (value: Candidate[] | ValidationIssue[]): value is ValidationIssue[] =>
      value.length > 0 && 'message' in (value[0] as object)

    // The same integrationId twice in one import is ambiguous: every file involved is refused.
    const owners = new Map<string, string[]>()
    for (const [name, value] of perFile) {
      if (isIssues(value)) continue
      for (const { definition } of value)
        owners.set(definition.integrationId, [...(owners.get(definition.integrationId) ?? []), name])
    }
    for (const [integrationId, names] of owners) {
      if (names.length < 2) continue
      for (const name of new Set(names)) {
        perFile.set(name, [
          {
            path: 'integrationId',
            message: `"${integrationId}" appears more than once in this import (${names.join(', ')})`,
          },
        ])
      }
    }

    const accepted = [...perFile.values()].filter((v): v is Candidate[] => !isIssues(v)).flat()
    const provided = capabilityProviders(accepted.map((c) => c.definition))
    const current = currentRows(db)
    const at = clock.now().toISOString()
    const results: ImportFileResult[] = []
    for (const file of files) {
      const value = perFile.get(file.name) ?? []
      if (isIssues(value)) {
        results.push({ file: file.name, status: 'rejected', definitions: [], issues: value })
        continue
      }
      const issues: ValidationIssue[] = []
      for (const { definition, serialized } of value) {
        issues.push(...unmetRequirements(definition, provided))
        const existing = current.get(definition.integrationId)
        if (
          existing &&
          !options.force &&
          !semver.gt(definition.version, existing.version) &&
          existing.contentHash !== serialized.hash
        ) {
          issues.push({
            path: 'version',
            message: `${definition.integrationId} ${definition.version} is not newer than the installed ${existing.version}; import with force to replace it`,
          })
        }
      }
      if (issues.length) {
        results.push({ file: file.name, status: 'rejected', definitions: [], issues })
        continue
      }
      const changedOnes = value.filter(
        ({ definition, serialized }) =>
          current.get(definition.integrationId)?.contentHash !== serialized.hash,
      )
      const described = value.map(({ definition }) => ({
        integrationId: definition.integrationId,
        version: definition.version,
        previousVersion: current.get(definition.integrationId)?.version ?? null,
      }))
      const upgraded = changedOnes.some(({ definition }) => current.has(definition.integrationId))
      const status = changedOnes.length === 0 ? 'unchanged' : upgraded ? 'upgraded' : 'imported'
      if (changedOnes.length && !options.dryRun)
        writer.write((tx, audit) => {
          for (const { definition, serialized, source } of changedOnes) {
            const meta = { source, sourceName: file.name, at }
            writeCurrent(tx, definition, serialized, meta)
            writeVersion(tx, definition, serialized, meta)
          }
          return audit.record({
            action: upgraded ? 'definitions.upgraded' : 'definitions.imported',
            target: file.name,
            details: { definitions: described, force: Boolean(options.force) },
          })
        })
      results.push({ file: file.name, status, definitions: described, issues: [] })
    }
    if (!options.dryRun) refreshEntries()
    const stored = results.filter((r) => r.status === 'imported' || r.status === 'upgraded').length
    return { files: results, stored, rejected: results.filter((r) => r.status === 'rejected').length }
  }

  // ---- lookups ------------------------------------------------------------------------------

  const currentOf = (integrationId: string): CurrentRow => {
    const row = currentRows(db).get(integrationId)
    if (!row) throw new AppError('NOT_FOUND', `No integration definition "${integrationId}".`)
    return row
  }

  const get = (integrationId: string): IntegrationDefinition => {
    const hit = loaded.get(integrationId)
    if (hit) return hit.definition
    const entry = entries.get(integrationId)
    if (!entry) throw new AppError('NOT_FOUND', `No integration definition "${integrationId}".`)
    const definition = readVersion(db, integrationId, entry.summary.version)
    if (!definition)
      throw new AppError(
        'INTERNAL',
        `The stored document of ${integrationId} ${entry.summary.version} is missing.`,
      )
    loaded.set(integrationId, {
      definition,
      methods: new Map(definition.methods.map((m) => [m.id, m])),
      validators: new Map(),
    })
    return definition
  }

  const getMethod = (integrationId: string, methodId: string): MethodDefinition => {
    if (!loaded.has(integrationId)) get(integrationId)
    const method = loaded.get(integrationId)?.methods.get(methodId)
    if (!method) throw new AppError('NOT_FOUND', `${integrationId} has no method "${methodId}".`)
    return method
  }

  /** The compiled validator of a method's input or output, compiled on first use and kept. */
  const validatorFor = (
    integrationId: string,
    methodId: string,
    which: 'input' | 'output',
  ): ValidateFunction => {
    const method = getMethod(integrationId, methodId)
    const cache = loaded.get(integrationId)?.validators ?? new Map<string, ValidateFunction>()
    const key = `${methodId}\u0000${which}`
    let validate = cache.get(key)
    if (!validate) {
      const result = tryCompile(
        (schemaAjv ??= createSchemaAjv()),
        which === 'input' ? method.inputSchema : method.outputSchema,
      )
      if ('error' in result)
        throw new AppError(
          'INTERNAL',
          `The ${which} schema of ${integrationId}.${methodId} does not compile.`,
        )
      validate = result.validate
      cache.set(key, validate)
    }
    return validate
  }

  const pinned = new Map<string, IntegrationDefinition>()
  /** A kept version of a definition (connections stay pinned to the version they were made with). */
  const getVersion = (integrationId: string, version: string): IntegrationDefinition => {
    const current = get(integrationId)
    if (current.version === version) return current
    const key = `${integrationId}@${version}`
    let definition = pinned.get(key)
    if (!definition) {
      const stored = readVersion(db, integrationId, version)
      if (!stored) throw new AppError('NOT_FOUND', `${integrationId} has no kept version ${version}.`)
      definition = stored
      pinned.set(key, definition)
    }
    return definition
  }

  const schemaValidators = new Map<string, ValidateFunction>()
  /** The compiled config or secret schema of a definition version (defaults applied when validating). */
  const schemaValidator = (
    integrationId: string,
    version: string,
    which: 'config' | 'secret',
  ): ValidateFunction => {
    const key = `${integrationId}@${version}:${which}`
    let validate = schemaValidators.get(key)
    if (!validate) {
      const definition = getVersion(integrationId, version)
      const result = tryCompile(
        (schemaAjv ??= createSchemaAjv()),
        which === 'config' ? definition.configSchema : definition.secretSchema,
      )
      if ('error' in result)
        throw new AppError('INTERNAL', `The ${which} schema of ${integrationId} ${version} does not compile.`)
      validate = result.validate
      schemaValidators.set(key, validate)
    }
    return validate
  }

  const catalog = (query = '', category?: string): DefinitionCatalog => {
    const categories = [...new Set([...entries.values()].map((e) => e.summary.category))].sort()
    return {
      definitions: search(entries.values(), query, category),
      categories,
      total: entries.size,
      rejected: rejectedBundled,
    }
  }

  const versions = (integrationId: string): DefinitionVersionInfo[] =>
    listVersions(db, integrationId, currentOf(integrationId).version)

  const rollback = (integrationId: string, version: string): void => {
    const row = currentOf(integrationId)
    if (row.version === version)
      throw new AppError('CONFLICT', `${integrationId} is already at version ${version}.`)
    const definition = readVersion(db, integrationId, version)
    if (!definition) {
      throw new AppError('NOT_FOUND', `${integrationId} has no kept version ${version}.`, {
        issues: [{ path: 'version', message: `is not one of the kept versions` }],
      })
    }
    const kept = versions(integrationId).find((v) => v.version === version)
    writer.write((tx, audit) => {
      writeCurrent(tx, definition, serialize(definition), {
        source: kept?.source ?? 'imported',
        sourceName: kept?.sourceName ?? 'rollback',
        at: clock.now().toISOString(),
      })
      return audit.record({
        action: 'definitions.rolled-back',
        target: integrationId,
        details: { from: row.version, to: version },
      })
    })
    refreshEntries()
  }

  /** Rows for export: the current version of each (or the named) definition with its stored ids. */
  const exportRows = (integrationIds?: string[]) => {
    const rows = currentRows(db)
    const ids = integrationIds?.length ? integrationIds : [...rows.keys()].sort()
    return ids.map((integrationId) => {
      const row = rows.get(integrationId)
      if (!row) throw new AppError('NOT_FOUND', `No integration definition "${integrationId}".`)
      return {
        id: row.id,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        definition: get(integrationId),
      }
    })
  }

  return {
    loadBundled,
    importFiles,
    refresh: refreshEntries,
    catalog,
    search: (query: string, category?: string): DefinitionSearchHit[] =>
      search(entries.values(), query, category),
    has: (integrationId: string) => entries.has(integrationId),
    summaryOf: (integrationId: string) => {
      const entry = entries.get(integrationId)
      if (!entry) throw new AppError('NOT_FOUND', `No integration definition "${integrationId}".`)
      return entry.summary
    },
    get,
    getVersion,
    schemaValidator,
    getMethod,
    validatorFor,
    versions,
    rollback,
    exportRows,
    rejected: () => rejectedBundled,
  }
}

export type DefinitionRegistry = ReturnType<typeof createDefinitionRegistry>
