// The connector registry: the built-ins, plus whatever a connectors manifest names
// (definitions/connectors.manifest.json: connector name → module path and export). Every manifest entry
// loads or fails on its own, with its reason — manifest missing or not JSON, module not found, export
// missing, export not implementing the contract — and a failure never stops the others.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { moduleToImport } from './built-modules.ts'
import { pathToFileURL } from 'node:url'
import type { ConnectorFailure, ConnectorInfo, ConnectorsReport } from '../../contract/types.ts'
import { AppError } from '../errors.ts'
import { connectorOperations, contractProblems, type Connector } from './contract.ts'

export const manifestFileName = 'connectors.manifest.json'

interface Entry {
  connector: Connector
  source: 'builtin' | 'manifest'
  module: string | null
}

interface ManifestEntry {
  module: string
  export?: string
}

function parseManifest(path: string): { entries: [string, ManifestEntry | unknown][] } | { error: string } {
  if (!existsSync(path)) return { error: `the manifest ${path} does not exist` }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    return {
      error: `the manifest ${path} is not JSON (${error instanceof Error ? error.message : String(error)})`,
    }
  }
  const connectors = (parsed as { connectors?: unknown } | null)?.connectors
  if (typeof connectors !== 'object' || connectors === null || Array.isArray(connectors)) {
    return { error: `the manifest ${path} has no "connectors" object (name → { module, export })` }
  }
  return { entries: Object.entries(connectors) }
}

/** `root`: the project root, where a built Switchboard keeps its compiled connector modules. */
export function createConnectorRegistry(root?: string) {
  const entries = new Map<string, Entry>()
  const failures: ConnectorFailure[] = []
  const manifests: string[] = []

  const register = (
    name: string,
    connector: Connector,
    source: Entry['source'] = 'builtin',
    module: string | null = null,
  ) => {
    const problems = contractProblems(connector)
    if (problems.length) {
      throw AppError.invalid(
        `${name} is not a connector: it ${problems.join('; it ')}.`,
        problems.map((message) => ({ path: name, message })),
      )
    }
    if (entries.has(name))
      throw new AppError('CONFLICT', `A connector named "${name}" is already registered.`)
    entries.set(name, { connector, source, module })
  }

  const get = (name: string): Connector => {
    const entry = entries.get(name)
    if (entry) return entry.connector
    const failure = failures.find((f) => f.name === name)
    throw new AppError(
      'NOT_FOUND',
      failure
        ? `The connector "${name}" failed to load: ${failure.reason}.`
        : `There is no connector named "${name}".`,
    )
  }

  const loadEntry = async (name: string, raw: unknown, base: string): Promise<void> => {
    const fail = (reason: string, module: string | null = null) => failures.push({ name, module, reason })
    const entry = raw as Partial<ManifestEntry> | null
    if (
      typeof entry !== 'object' ||
      entry === null ||
      typeof entry.module !== 'string' ||
      entry.module === ''
    ) {
      return void fail('the entry has no "module" path')
    }
    const exportName = typeof entry.export === 'string' && entry.export ? entry.export : 'default'
    // A built Switchboard imports the compiled module instead of the source the manifest names.
    const source = resolve(base, entry.module)
    const file = root ? moduleToImport(source, root) : source
    if (!existsSync(file)) return void fail(`module not found: ${file}`, entry.module)
    let module: Record<string, unknown>
    try {
      module = (await import(pathToFileURL(file).href)) as Record<string, unknown>
    } catch (error) {
      return void fail(
        `the module could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        entry.module,
      )
    }
    if (!(exportName in module)) return void fail(`the module has no export "${exportName}"`, entry.module)
    const problems = contractProblems(module[exportName])
    if (problems.length)
      return void fail(
        `the export "${exportName}" does not implement the connector contract: it ${problems.join('; it ')}`,
        entry.module,
      )
    if (entries.has(name)) return void fail(`a connector named "${name}" is already registered`, entry.module)
    entries.set(name, {
      connector: module[exportName] as Connector,
      source: 'manifest',
      module: entry.module,
    })
  }

  /** Loads every entry of a manifest; returns the names loaded. Failures are kept for report(). */
  const loadManifest = async (path: string): Promise<string[]> => {
    const before = new Set(entries.keys())
    manifests.push(path)
    const parsed = parseManifest(path)
    if ('error' in parsed) {
      failures.push({ name: '(manifest)', module: path, reason: parsed.error })
      return []
    }
    for (const [name, raw] of parsed.entries) await loadEntry(name, raw, dirname(path))
    return [...entries.keys()].filter((name) => !before.has(name))
  }

  /** Loads the manifest in a folder and in each of its immediate subfolders. */
  const discover = async (dir: string): Promise<string[]> => {
    const found: string[] = []
    const candidates = [join(dir, manifestFileName)]
    try {
      for (const name of readdirSync(dir)) {
        const sub = join(dir, name)
        if (statSync(sub).isDirectory()) candidates.push(join(sub, manifestFileName))
      }
    } catch {
      // A missing folder has nothing to discover.
    }
    for (const path of candidates) if (existsSync(path)) found.push(...(await loadManifest(path)))
    return found
  }

  const info = (name: string, entry: Entry): ConnectorInfo => ({
    name,
    source: entry.source,
    module: entry.module,
    operations: connectorOperations.map((op) => ({
      name: op,
      supported: typeof (entry.connector as unknown as Record<string, unknown>)[op] === 'function',
    })),
  })

  const report = (): ConnectorsReport => ({
    manifest: manifests[0] ?? null,
    connectors: [...entries].map(([name, entry]) => info(name, entry)),
    failures: [...failures],
  })

  return {
    register,
    get,
    has: (name: string) => entries.has(name),
    loadManifest,
    discover,
    report,
    names: () => [...entries.keys()],
  }
}

export type ConnectorRegistry = ReturnType<typeof createConnectorRegistry>
