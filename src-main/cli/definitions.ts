// `switchboard definitions …`: list, show, validate, import, export and push integration definitions.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { categoryOf, endpointNeed } from '../contract/definition-defaults.ts'
import type { ImportReport } from '../contract/types.ts'
import { AppError } from '../core/errors.ts'
import { fetchDefinitionText } from '../core/definitions/fetch-url.ts'
import { maxDefinitionFileBytes } from '../core/definitions/parse.ts'
import type { SourceFile } from '../core/definitions/index.ts'
import type { CliContext } from './context.ts'
import { printJson, printTable, type CliIo } from './io.ts'
import { readStdin } from './stdin.ts'
import { unlockForChanges } from './vault-access.ts'

const isUrl = (value: string) => /^https?:\/\//i.test(value)

/** Files named on the command line: a folder stands for the .json files in it. */
function expandPaths(paths: string[]): string[] {
  return paths.flatMap((path) => {
    const full = resolve(path)
    let stat
    try {
      stat = statSync(full)
    } catch {
      throw AppError.invalid(`${path}: no such file or folder.`, [{ path, message: 'does not exist' }])
    }
    if (!stat.isDirectory()) return [full]
    return readdirSync(full)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(full, name))
  })
}

/** Reads sources; a file over the size limit is named with its size and not read at all. */
async function readSources(paths: string[]): Promise<SourceFile[]> {
  const sources: SourceFile[] = []
  for (const path of paths) {
    if (isUrl(path)) {
      sources.push({ name: path, content: await fetchDefinitionText(path) })
      continue
    }
    for (const file of expandPaths([path])) {
      const size = statSync(file).size
      sources.push(
        size > maxDefinitionFileBytes
          ? { name: file, content: '', size }
          : { name: file, content: readFileSync(file) },
      )
    }
  }
  return sources
}

/** One line per issue (file: JSON path: sentence) on stderr; warnings and notes after them, marked. */
function printIssuesPerFile(io: CliIo, report: ImportReport, verbose = false): void {
  for (const file of report.files) {
    for (const issue of file.issues) io.stderr(`${file.file}: ${issue.path}: ${issue.message}\n`)
    for (const issue of file.warnings) io.stderr(`${file.file}: warning: ${issue.path}: ${issue.message}\n`)
    if (verbose)
      for (const issue of file.notes) io.stderr(`${file.file}: note: ${issue.path}: ${issue.message}\n`)
  }
}

const importFormats = ['definition', 'contractspec'] as const
const exportFormats = ['json', 'sql', 'contractspec'] as const

function formatOption<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined
  const list = allowed.join(', ')
  throw AppError.invalid(`--format must be one of ${list} (got "${value}").`, [
    { path: '--format', message: `--format must be one of ${list}.` },
  ])
}

export function registerDefinitions(program: Command, context: () => CliContext): void {
  const definitions = program
    .command('definitions')
    .description('Browse, validate, import and export integration definitions')

  definitions
    .command('list')
    .description('List the installed definitions')
    .option('--search <text>', 'only those matching (name, category, capability, method)')
    .option('--category <name>', 'only this category')
    .option('--json', 'print as JSON')
    .action((options: { search?: string; category?: string; json?: boolean }) => {
      const { io, core } = context()
      const catalog = core().definitions.catalog(options.search, options.category)
      if (options.json) return printJson(io, catalog)
      printTable(
        io,
        ['ID', 'NAME', 'VERSION', 'CATEGORY', 'AUTH', 'METHODS'],
        catalog.definitions.map((d) => [
          d.integrationId,
          d.name,
          d.version,
          d.category,
          d.authType,
          String(d.methodCount),
        ]),
      )
      for (const rejected of catalog.rejected) {
        io.stderr(
          `rejected ${rejected.file}: ${rejected.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}\n`,
        )
      }
    })

  definitions
    .command('show <integrationId>')
    .description('Show one definition: auth, base URLs, methods and versions')
    .option('--json', 'print the full definition as JSON')
    .action((integrationId: string, options: { json?: boolean }) => {
      const { io, core } = context()
      const registry = core().definitions
      const definition = registry.current(integrationId)
      if (options.json) return printJson(io, { definition, versions: registry.versions(integrationId) })
      io.stdout(
        `${definition.name} (${definition.integrationId}) ${definition.version} — ${categoryOf(definition)}\n`,
      )
      io.stdout(`${definition.description}\n\nAuth: ${definition.authType}`)
      if (definition.oauth2Config)
        io.stdout(` · scopes: ${definition.oauth2Config.scopes.join(' ') || '(none)'}`)
      if (definition.apiKeyConfig)
        io.stdout(` · ${definition.apiKeyConfig.in} "${definition.apiKeyConfig.name}"`)
      const need = endpointNeed(definition)
      io.stdout(`\nBase URL: ${definition.api?.baseUrl.production ?? `none. ${need ?? ''}`}\n`)
      io.stdout(`Docs: ${definition.docsUrl ?? '(none)'}\n\n`)
      printTable(
        io,
        ['METHOD', 'NAME', 'HTTP'],
        definition.methods.map((m) => [
          m.id,
          m.name,
          (m.http ? `${m.http.method} ${m.http.path}` : '(code)') +
            (endpointNeed(definition, m) ? ' · needs an endpoint' : ''),
        ]),
      )
      io.stdout(
        `\nVersions: ${registry
          .versions(integrationId)
          .map((v) => (v.current ? `${v.version} (current)` : v.version))
          .join(', ')}\n`,
      )
    })

  definitions
    .command('validate <paths...>')
    .description('Check definition files (or folders of them) without importing; one line per error')
    .option('--openapi', 'treat the files as OpenAPI / Swagger documents')
    .option('--format <format>', 'definition or contractspec (default: detected per document)')
    .option('--json', 'print the report as JSON')
    .action(async (paths: string[], options: { openapi?: boolean; format?: string; json?: boolean }) => {
      const { io, core } = context()
      const format = formatOption(options.format, importFormats)
      const report = await core().definitions.importFiles(await readSources(paths), {
        dryRun: true,
        force: true,
        openapi: options.openapi,
        ...(format ? { format } : {}),
      })
      if (options.json) printJson(io, report)
      else {
        printIssuesPerFile(io, report)
        io.stdout(`${report.files.length - report.rejected} valid, ${report.rejected} invalid\n`)
      }
      if (report.rejected) process.exitCode = 1
    })

  definitions
    .command('import <sources...>')
    .description(
      'Import definition files, folders, https URLs or OpenAPI documents (each file all-or-nothing)',
    )
    .option('--openapi', 'treat the sources as OpenAPI / Swagger documents')
    .option('--format <format>', 'definition or contractspec (default: detected per document)')
    .option('--force', 'accept versions that are not newer than the installed ones')
    .option(
      '--confirm-endpoints',
      'replace a stored version that connections use even though its endpoints move to other hosts',
    )
    .option('--json', 'print the report as JSON')
    .action(
      async (
        sources: string[],
        options: {
          openapi?: boolean
          format?: string
          force?: boolean
          confirmEndpoints?: boolean
          json?: boolean
        },
      ) => {
        const { io, core } = context()
        const format = formatOption(options.format, importFormats)
        await unlockForChanges(core(), io)
        const report = await core().definitions.importFiles(await readSources(sources), {
          ...(options.openapi ? { openapi: true } : {}),
          ...(options.force ? { force: true } : {}),
          ...(options.confirmEndpoints ? { confirmEndpoints: true } : {}),
          ...(format ? { format } : {}),
        })
        if (options.json) printJson(io, report)
        else {
          for (const file of report.files) {
            const what = file.definitions.map(
              (d) => `${d.integrationId} ${d.previousVersion ? `${d.previousVersion} → ` : ''}${d.version}`,
            )
            io.stdout(`${file.status.padEnd(9)} ${file.file}${what.length ? `  (${what.join(', ')})` : ''}\n`)
          }
          printIssuesPerFile(io, report, true)
        }
        if (report.rejected) process.exitCode = 1
      },
    )

  definitions
    .command('import-mcp <url>')
    .description("Import a remote MCP server's tools as a definition (run by the mcp connector)")
    .requiredOption('--id <integrationId>', 'the definition id to store it under')
    .option('--name <name>', "its name (default: the server's)")
    .option('--token-stdin', 'read the access token (sent as a bearer token) from standard input')
    .option('--json', 'print the report as JSON')
    .action(
      async (url: string, options: { id: string; name?: string; tokenStdin?: boolean; json?: boolean }) => {
        const { io, core } = context()
        const accessToken = options.tokenStdin ? (await readStdin('access token')).trim() : undefined
        await unlockForChanges(core(), io)
        const report = await core().handlers['definitions.importMcp']({
          url,
          integrationId: options.id,
          ...(options.name ? { name: options.name } : {}),
          ...(accessToken ? { accessToken } : {}),
        })
        if (options.json) return printJson(io, report)
        for (const file of report.files) {
          const what = file.definitions.map((d) => `${d.integrationId} ${d.version}`)
          io.stdout(`${file.status.padEnd(9)} ${file.file}${what.length ? `  (${what.join(', ')})` : ''}\n`)
        }
        if (report.skippedTools.length)
          io.stderr(`Left out (names that are not method ids): ${report.skippedTools.join(', ')}\n`)
        printIssuesPerFile(io, report, true)
        if (report.rejected) process.exitCode = 1
      },
    )

  definitions
    .command('rollback <integrationId> <version>')
    .description('Make a kept earlier version current again')
    .action(async (integrationId: string, version: string) => {
      const { io, core } = context()
      await unlockForChanges(core(), io)
      core().definitions.rollback(integrationId, version)
      io.stdout(`${integrationId} is now at ${version}\n`)
    })

  definitions
    .command('export')
    .description(
      'Export definitions: a JSON bundle or PostgreSQL SQL for servers, or ContractSpec IntegrationSpecs (a JSON array)',
    )
    .requiredOption('--format <format>', 'json, sql or contractspec')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--id <integrationId...>', 'only these definitions')
    .action(async (options: { format: string; out?: string; id?: string[] }) => {
      const { io, core } = context()
      const format = formatOption(options.format, exportFormats)
      await unlockForChanges(core(), io)
      // The same service the app's Export button calls: it writes the content and records the export.
      const { content } = await core().handlers['definitions.export']({
        format: format ?? 'json',
        ...(options.id ? { integrationIds: options.id } : {}),
      })
      if (options.out) {
        writeFileSync(options.out, content)
        io.stderr(`wrote ${options.out}\n`)
      } else io.stdout(content)
    })

  definitions
    .command('push')
    .description('Upsert definitions into a PostgreSQL database, in one transaction')
    .requiredOption('--postgres <url>', 'postgres://user@host:port/database (no password: see PGPASSWORD)')
    .option('--password-stdin', 'read the PostgreSQL password from standard input (else PGPASSWORD)')
    .option('--id <integrationId...>', 'only these definitions')
    .option('--json', 'print the result as JSON')
    .action(async (options: { postgres: string; passwordStdin?: boolean; id?: string[]; json?: boolean }) => {
      const { io, core } = context()
      // A password in an argument lands in shell history and in every `ps` listing.
      if (urlHasPassword(options.postgres)) {
        throw AppError.invalid(
          'Leave the password out of --postgres (it would stay in your shell history): set PGPASSWORD, ' +
            'or pipe it in with --password-stdin.',
          [{ path: '--postgres', message: 'must not contain a password' }],
        )
      }
      const password = options.passwordStdin
        ? (await readStdin('PostgreSQL password')).replace(/\r?\n$/, '')
        : undefined
      await unlockForChanges(core(), io)
      const rows = core().definitions.exportRows(options.id)
      const { pushToPostgres } = await import('../core/definitions/export/index.ts')
      const result = await pushToPostgres(options.postgres, rows, password ? { password } : {})
      // Where it went, without the user name the URL may carry.
      const target = new URL(options.postgres)
      core().writer.record({
        action: 'definitions.pushed',
        target: `${target.host}${target.pathname}`,
        details: { definitions: rows.map((row) => row.definition.integrationId), ...result },
      })
      if (options.json) printJson(io, result)
      else
        io.stdout(
          `pushed ${rows.length} definitions: ${result.inserted} inserted, ${result.updated} updated\n`,
        )
    })
}

function urlHasPassword(url: string): boolean {
  try {
    return new URL(url).password !== ''
  } catch {
    return false
  }
}
