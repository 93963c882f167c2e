// Importing definitions (files, URLs' text, OpenAPI documents) and moving a definition between its
// kept versions (rollback). Each file is all-or-nothing; every change is audited; the lookups are
// refreshed after each write so the next lookup sees the new content. An import that replaces a kept
// version connections are pinned to (a forced re-import of the same version) moves those connections
// with it, so when its endpoints move to another origin it needs the same confirmation as an upgrade.
import { and, eq } from 'drizzle-orm'
import semver from 'semver'
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { ValidationIssue } from '../../contract/errors.ts'
import type {
  DefinitionSource,
  EndpointChange,
  ImportFileResult,
  ImportReport,
} from '../../contract/types.ts'
import type { Writer } from '../db/write.ts'
import type { Db } from '../db/open.ts'
import { connections } from '../db/schema.ts'
import { AppError } from '../errors.ts'
import type { Clock } from '../host.ts'
import type { DefinitionLookups } from './lookups.ts'
import { locateIssues, parseDefinitionFile } from './parse.ts'
import { capabilityProviders, unmetRequirements } from './requirements.ts'
import {
  bundledIntegrationIds,
  currentRows,
  readVersion,
  serialize,
  definitionWrites,
  type Serialized,
} from './store.ts'
import { describeEndpointChange, endpointChanges } from './endpoints.ts'
import { validateDefinition } from './validate.ts'
import { prepareDocument, warningsOf, type ImportFormat } from './formats.ts'

export interface SourceFile {
  /** A file path or URL, used in messages and recorded as where the definition came from. */
  name: string
  content: string | Buffer
  /** The size on disk when the content was not read because it is over the limit. */
  size?: number
}

/** Converts a document the importer parsed for it alone (the converter may change it). */
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
  /** Take every document as this format instead of detecting it. */
  format?: ImportFormat
  /**
   * Replace a kept version that connections are pinned to even though its endpoints move to another
   * origin (they would send their credentials there from the next call or refresh on).
   */
  confirmEndpoints?: boolean
}

/** A kept version this import replaces under connections pinned to it, moving its endpoints. */
interface PinnedReplacement {
  integrationId: string
  version: string
  connections: string[]
  endpointChanges: EndpointChange[]
}

interface Candidate {
  definition: IntegrationDefinition
  serialized: Serialized
  source: DefinitionSource
  notes: ValidationIssue[]
  warnings: ValidationIssue[]
}

const noNotes = { notes: [], warnings: [] }
const notesOf = (candidates: Candidate[]) => ({
  notes: candidates.flatMap((c) => c.notes),
  warnings: candidates.flatMap((c) => c.warnings),
})

/**
 * An import that takes a bundled integration's id replaces what the app ships under that name: the
 * report says so, with every endpoint that moves to another origin (connections that upgrade to it
 * would send their credentials there).
 */
function shadowWarning(
  definition: IntegrationDefinition,
  installed: boolean,
  lookups: DefinitionLookups,
): ValidationIssue {
  const id = definition.integrationId
  const moves = installed ? endpointChanges(lookups.current(id), definition).map(describeEndpointChange) : []
  return {
    path: 'integrationId',
    message: `"${id}" is the id of a bundled integration: this import takes its place${
      moves.length ? `, and its endpoints differ (${moves.join('; ')})` : ''
    }.`,
  }
}

export interface ImporterDeps {
  db: Db
  clock: Clock
  writer: Writer
  lookups: DefinitionLookups
  convertOpenApi: OpenApiConverter
}

export function createImporter({ db, clock, writer, lookups, convertOpenApi }: ImporterDeps) {
  /** The kept version `definition` would replace, when connections use it and its endpoints move. */
  const pinnedReplacement = (definition: IntegrationDefinition, hash: string): PinnedReplacement | null => {
    const { integrationId, version } = definition
    const kept = readVersion(db, integrationId, version)
    if (!kept || kept.contentHash === hash) return null
    const changes = endpointChanges(kept.definition, definition)
    if (!changes.length) return null
    const pinned = db
      .select({ id: connections.id })
      .from(connections)
      .where(and(eq(connections.integrationId, integrationId), eq(connections.definitionVersion, version)))
      .all()
      .map((row) => row.id)
    return pinned.length ? { integrationId, version, connections: pinned, endpointChanges: changes } : null
  }
  const describeReplacement = (r: PinnedReplacement) =>
    `${r.integrationId} ${r.version}, which ${r.connections.length === 1 ? 'connection' : 'connections'} ${r.connections.join(', ')} ${r.connections.length === 1 ? 'uses' : 'use'}, would send requests or credentials to other hosts (${r.endpointChanges.map(describeEndpointChange).join('; ')})`

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
      return check.ok
        ? [
            {
              definition,
              serialized: serialize(definition),
              source: 'openapi',
              notes: [],
              warnings: warningsOf({ warnings: [] }, definition),
            },
          ]
        : check.issues
    }
    if (parsed.documents.length === 0) return [{ path: '(root)', message: 'holds no definitions' }]
    const candidates: Candidate[] = []
    const issues: ValidationIssue[] = []
    parsed.documents.forEach((document, index) => {
      const at = parsed.paths[index] ?? ''
      // The one hook for document formats: a ContractSpec spec is converted first (formats.ts).
      const prepared = prepareDocument(document, options.format)
      if ('issues' in prepared) return issues.push(...locateIssues(prepared.issues, at))
      const check = validateDefinition(prepared.document)
      if (check.ok)
        candidates.push({
          definition: check.definition,
          serialized: serialize(check.definition),
          source: 'imported',
          notes: locateIssues(prepared.notes, at),
          warnings: locateIssues(warningsOf(prepared, check.definition), at),
        })
      else
        issues.push(
          ...locateIssues(
            check.issues.map((issue) => ({ ...issue, path: prepared.path(issue.path) })),
            at,
          ),
        )
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
    const provided = capabilityProviders(
      lookups.summaries(),
      accepted.map((c) => c.definition),
    )
    const current = currentRows(db)
    const bundled = bundledIntegrationIds(db)
    const at = clock.now().toISOString()
    const results: ImportFileResult[] = []
    // Nothing is written until every file is checked: a replacement that needs confirmation refuses
    // the whole import before any of it is stored.
    const writes: {
      file: SourceFile
      changedOnes: Candidate[]
      upgraded: boolean
      details: Record<string, unknown>
    }[] = []
    const replacements: PinnedReplacement[] = []
    for (const file of files) {
      const value = perFile.get(file.name) ?? []
      if (isIssues(value)) {
        results.push({ file: file.name, status: 'rejected', definitions: [], issues: value, ...noNotes })
        continue
      }
      const issues: ValidationIssue[] = []
      for (const candidate of value) {
        const { definition, serialized } = candidate
        if (bundled.has(definition.integrationId) && candidate.source !== 'bundled')
          candidate.warnings.push(shadowWarning(definition, current.has(definition.integrationId), lookups))
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
        results.push({ file: file.name, status: 'rejected', definitions: [], issues, ...notesOf(value) })
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
      const replaced: PinnedReplacement[] = []
      for (const candidate of changedOnes) {
        const replacement = pinnedReplacement(candidate.definition, candidate.serialized.hash)
        if (!replacement) continue
        replaced.push(replacement)
        if (!options.confirmEndpoints)
          candidate.warnings.push({
            path: 'version',
            message: `${describeReplacement(replacement)}: importing it needs the new endpoints confirmed.`,
          })
      }
      replacements.push(...replaced)
      if (changedOnes.length && !options.dryRun)
        writes.push({
          file,
          changedOnes,
          upgraded,
          details: {
            definitions: described,
            force: Boolean(options.force),
            ...(replaced.length
              ? {
                  endpointsConfirmed: replaced.map((r) => ({
                    integrationId: r.integrationId,
                    version: r.version,
                    connections: r.connections,
                    paths: r.endpointChanges.map((c) => c.path),
                  })),
                }
              : {}),
          },
        })
      results.push({ file: file.name, status, definitions: described, issues: [], ...notesOf(value) })
    }
    if (replacements.length && !options.confirmEndpoints && !options.dryRun) {
      throw new AppError(
        'CONFIRMATION_REQUIRED',
        `This import replaces a stored version that connections use: ${replacements.map(describeReplacement).join('; ')}. Confirm the new endpoints to import; nothing was stored.`,
        {
          issues: [
            {
              path: 'confirmEndpoints',
              message: 'must be true when a stored version that connections use moves its endpoints',
            },
          ],
          endpointChanges: replacements.flatMap((r) => r.endpointChanges),
          replacements,
        },
      )
    }
    for (const { file, changedOnes, upgraded, details } of writes)
      writer.write((tx, audit) => {
        const stores = definitionWrites(tx)
        for (const { definition, serialized, source } of changedOnes) {
          const meta = { source, sourceName: file.name, at }
          stores.current(definition, serialized, meta)
          stores.version(definition, serialized, meta)
        }
        return audit.record({
          action: upgraded ? 'definitions.upgraded' : 'definitions.imported',
          target: file.name,
          details,
        })
      })
    if (!options.dryRun) lookups.refresh()
    const stored = results.filter((r) => r.status === 'imported' || r.status === 'upgraded').length
    return { files: results, stored, rejected: results.filter((r) => r.status === 'rejected').length }
  }

  const rollback = (integrationId: string, version: string): void => {
    const row = lookups.currentRow(integrationId)
    if (row.version === version)
      throw new AppError('CONFLICT', `${integrationId} is already at version ${version}.`)
    const stored = readVersion(db, integrationId, version)
    if (!stored) {
      throw new AppError('NOT_FOUND', `${integrationId} has no kept version ${version}.`, {
        issues: [{ path: 'version', message: `is not one of the kept versions` }],
      })
    }
    const { definition } = stored
    const kept = lookups.versions(integrationId).find((v) => v.version === version)
    writer.write((tx, audit) => {
      definitionWrites(tx).current(definition, serialize(definition), {
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
    lookups.refresh()
  }

  return { importFiles, rollback }
}
