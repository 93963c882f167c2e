// The contract's definitions.* calls, implemented over the registry.
import type { Handlers } from '../../contract/api.ts'
import type { Writer } from '../db/write.ts'
import { importMcpServer } from '../connectors/mcp/import.ts'
import { fetchDefinitionText } from './fetch-url.ts'
import type { DefinitionRegistry } from './index.ts'

type DefinitionHandlers = Pick<Handlers, Extract<keyof Handlers, `definitions.${string}`>>

export function definitionHandlers(registry: DefinitionRegistry, writer: Writer): DefinitionHandlers {
  return {
    'definitions.importMcp': ({ url, integrationId, name, accessToken }) =>
      importMcpServer(registry, {
        url,
        integrationId,
        ...(name !== undefined ? { name } : {}),
        ...(accessToken !== undefined ? { accessToken } : {}),
      }),
    'definitions.catalog': ({ query, category }) => registry.catalog(query, category),
    'definitions.get': ({ integrationId, version }) => ({
      summary: registry.summaryOf(integrationId),
      definition: version ? registry.get(integrationId, version) : registry.current(integrationId),
      versions: registry.versions(integrationId),
    }),
    'definitions.import': ({ files, force, openapi, format, confirmEndpoints }) =>
      registry.importFiles(files, { force, openapi, confirmEndpoints, ...(format ? { format } : {}) }),
    'definitions.importUrl': async ({ url, force, openapi, format, confirmEndpoints }) =>
      registry.importFiles([{ name: url, content: await fetchDefinitionText(url) }], {
        force,
        openapi,
        confirmEndpoints,
        ...(format ? { format } : {}),
      }),
    'definitions.rollback': ({ integrationId, version }) => {
      registry.rollback(integrationId, version)
      return registry.versions(integrationId)
    },
    'definitions.export': async ({ format, integrationIds }) => {
      const rows = registry.exportRows(integrationIds)
      writer.record({
        action: 'definitions.exported',
        details: { format, definitions: rows.map((row) => row.definition.integrationId) },
      })
      if (format === 'contractspec') {
        const { specsToJson } = await import('./contractspec/index.ts')
        return {
          fileName: 'switchboard-integration-specs.json',
          mediaType: 'application/json',
          content: specsToJson(rows),
        }
      }
      const { exportBundle, exportSql } = await import('./export/index.ts')
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
