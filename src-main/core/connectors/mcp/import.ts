// definitions.importMcp: a remote MCP server's tools imported as a definition through the registry
// (validated, versioned, audited like any import). Importing again keeps the version when the tools
// are the same, and takes the next minor version when they changed.
import semver from 'semver'
import type { ImportReport } from '../../../contract/types.ts'
import type { DefinitionRegistry } from '../../definitions/index.ts'
import { discoverMcpServer, type McpServerSource } from './discover.ts'

export async function importMcpServer(
  definitions: DefinitionRegistry,
  source: McpServerSource,
): Promise<ImportReport & { skippedTools: string[] }> {
  const current = definitions.has(source.integrationId) ? definitions.current(source.integrationId) : null
  const discovered = await discoverMcpServer({
    ...source,
    ...(current ? { version: current.version } : {}),
  })
  const definition =
    current && JSON.stringify(current) !== JSON.stringify(discovered.definition)
      ? { ...discovered.definition, version: semver.inc(current.version, 'minor') ?? current.version }
      : discovered.definition
  const report = await definitions.importFiles([
    { name: `${source.integrationId}.mcp.json`, content: JSON.stringify(definition) },
  ])
  return { ...report, skippedTools: discovered.skipped }
}
