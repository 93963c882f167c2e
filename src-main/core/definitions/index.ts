// The definitions folder's public face. The registry is three rooms behind one facade:
//   catalog-load.ts  the bundled catalog, loaded at start-up
//   importer.ts      imports (files, URLs, OpenAPI) and rollbacks
//   lookups.ts       the catalog, search and every per-version lookup, cached by content hash
// store.ts holds the SQL; openapi/ converts OpenAPI documents; export/ writes bundles and SQL.
import type { Db } from '../db/open.ts'
import type { Writer } from '../db/write.ts'
import type { Clock, Logger } from '../host.ts'
import { createCatalogLoader } from './catalog-load.ts'
import { createImporter, type OpenApiConverter } from './importer.ts'
import { createLookups } from './lookups.ts'

export type { ImportOptions, OpenApiConverter, SourceFile } from './importer.ts'
export type { DefinitionLookups, ExpressionSlot } from './lookups.ts'

export interface RegistryDeps {
  db: Db
  clock: Clock
  writer: Writer
  logger: Logger
  convertOpenApi: OpenApiConverter
}

export function createDefinitionRegistry({ db, clock, writer, logger, convertOpenApi }: RegistryDeps) {
  const lookups = createLookups(db)
  const { loadBundled } = createCatalogLoader({ db, clock, writer, logger, lookups })
  const { importFiles, rollback } = createImporter({ db, clock, writer, lookups, convertOpenApi })
  return { ...lookups, loadBundled, importFiles, rollback }
}

export type DefinitionRegistry = ReturnType<typeof createDefinitionRegistry>
