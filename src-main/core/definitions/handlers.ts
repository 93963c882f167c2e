// The contract's definitions.* calls, implemented over the registry.
import type { Handlers } from '../../contract/api.ts'
import type { Writer } from '../db/write.ts'
import { fetchDefinitionText } from './fetch-url.ts'
import type { DefinitionRegistry } from './registry.ts'

type DefinitionHandlers = Pick<Handlers, Extract<keyof Handlers, `definitions.${string}`>>

export function definitionHandlers(registry: DefinitionRegistry, writer: Writer): DefinitionHandlers {
  return {
    'definitions.catalog': ({ query, category }) => registry.catalog(query, category),
    'definitions.get': ({ integrationId, version }) => ({
      summary: registry.summaryOf(integrationId),
      definition: version ? registry.getVersion(integrationId, version) : registry.get(integrationId),
      versions: registry.versions(integrationId),
    }),
    'definitions.import': ({ files, force, openapi }) => registry.importFiles(files, { force, openapi }),
    'definitions.importUrl': async ({ url, force, openapi }) =>
      registry.importFiles([{ name: url, content: await fetchDefinitionText(url) }], { force, openapi }),
    'definitions.rollback': ({ integrationId, version }) => {
      registry.rollback(integrationId, version)
      return registry.versions(integrationId)
    },
    'definitions.export': async ({ format, integrationIds }) => {
      const rows = registry.exportRows(integrationIds)
      const { exportBundle, exportSql } = await import('./export.ts')
      writer.record({
        action: 'definitions.exported',
        details: { format, definitions: rows.map((row) => row.definition.integrationId) },
      })
      return format === 'json'
        ? {
            fileName: 'switchboard-definitions.json',
            mediaType: 'application/json',
            content: exportBundle(rows),
          }
        : { fileName: 'switchboard-definitions.sql', mediaType: 'application/sql', content: exportSql(rows) }
    },
  }
}
