// Loading the bundled catalog (the definitions/ folder shipped with the app) at start-up, in one
// transaction. Files whose size and mtime match the last start are not even read; a changed file
// whose content hash matches is not parsed. A bad file is reported and never stops the others.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import semver from 'semver'
import { eq } from 'drizzle-orm'
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { ValidationIssue } from '../../contract/errors.ts'
import type { RejectedFile } from '../../contract/types.ts'
import type { Db } from '../db/open.ts'
import type { Writer } from '../db/write.ts'
import { bundledFiles } from '../db/schema.ts'
import type { Clock, Logger } from '../host.ts'
import type { DefinitionLookups } from './lookups.ts'
import { parseDefinitionFile } from './parse.ts'
import { capabilityProviders, unmetRequirements } from './requirements.ts'
import { currentRows, definitionWrites, serialize } from './store.ts'
import { validateDefinition } from './validate.ts'

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex')

export interface CatalogLoadDeps {
  db: Db
  clock: Clock
  writer: Writer
  logger: Logger
  lookups: DefinitionLookups
}

export function createCatalogLoader({ db, clock, writer, logger, lookups }: CatalogLoadDeps) {
  const loadBundled = (dir: string): { stored: number; unchanged: number; rejected: RejectedFile[] } => {
    let names: string[]
    try {
      names = readdirSync(dir)
        .filter((name) => name.endsWith('.json') && name !== 'connectors.manifest.json')
        .sort()
    } catch {
      logger.warn('no bundled definitions folder', { dir })
      lookups.refresh()
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
    // Requirements may be met by what is already stored (an imported definition, say).
    if (valid.length) lookups.refresh()
    const provided = capabilityProviders(
      lookups.summaries(),
      valid.map((v) => v.definition),
    )
    const at = clock.now().toISOString()
    let stored = 0
    // The bundled catalog ships with the app: loading it is nobody's change, so it has no audit event.
    writer.writeUnrecorded('the bundled catalog is part of the app', (tx) => {
      const writes = definitionWrites(tx)
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
          if (!keepImported) writes.current(item.definition, serialized, meta)
          writes.version(item.definition, serialized, meta)
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
    const rejectedBundled: RejectedFile[] = db
      .select({ file: bundledFiles.file, issues: bundledFiles.issues })
      .from(bundledFiles)
      .all()
      .filter((row) => row.issues)
      .map((row) => ({ file: join(dir, row.file), issues: row.issues ?? [] }))
    for (const rejected of rejectedBundled) logger.warn('bundled definition rejected', { ...rejected })
    lookups.setRejected(rejectedBundled)
    lookups.refresh()
    return { stored, unchanged, rejected: rejectedBundled }
  }

  return { loadBundled }
}
