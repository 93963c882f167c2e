// OpenAPI 3.0/3.1 and Swagger 2.0 → an integration definition: every operation a method, its
// parameters and body the method's input, its 2xx JSON response the output, the security scheme the
// sign-in, the server the base URL. The pieces live in ./openapi/: references.ts (the $ref checks made
// before anything follows one), schema.ts (OpenAPI schemas → strict draft-07), methods.ts (operations →
// methods and http bindings), auth.ts (security schemes) and servers.ts.
//
// The document is validated and dereferenced by @apidevtools/swagger-parser, on a copy (the caller's
// object is never changed, unless it hands it over with `consume`) and without following references
// outside the document (no file or network reads). A document with a $ref cycle (a recursive schema) is
// refused with one issue per cycle, naming where its $ref is, and nothing is changed: the definition
// format embeds schemas without references, so a recursive one cannot be written down, and cutting the
// cycle (replacing the inner $ref by {}) would silently make a method accept or return what the API
// does not. GitHub's description has no cycles (checked by the tests), so no real document here needs
// the cut.
//
// Converted schemas are shared, as the dereferenced document shares them: a component used by 500
// operations is converted once and the same object appears in each method (see schema.ts). The result
// must be treated as read-only; serializing it writes each use out in full.
import { createRequire } from 'node:module'
import SwaggerParser from '@apidevtools/swagger-parser'
import type { ErrorObject } from 'ajv'
import { IntegrationDefinition } from '../../../contract/definition-format.ts'
import type { MethodDefinition } from '../../../contract/definition-format.ts'
import type { ValidationIssue } from '../../../contract/errors.ts'
import { AppError } from '../../errors.ts'
import { pointerToPath, toIssues } from '../../validation/ajv.ts'
import { authOf } from './auth.ts'
import { methodsOf, operationsOf } from './methods.ts'
import { SchemaConverter } from './schema.ts'
import { inspectReferences } from './references.ts'
import { serversOf } from './servers.ts'
import { invalid, isHttpUrl, isObj, obj, str, text, type Dialect, type Obj } from './util.ts'

export interface OpenApiImportOptions {
  /**
   * Defaults to the service's name from its API host ("https://api.github.com" → "github-rest"), else
   * the document's title, slugified ("Pet Store" → "pet-store").
   */
  integrationId?: string
  /** Defaults to info.version when it is a semantic version, else 1.0.0. */
  version?: string
  /** Defaults to "other". */
  category?: string
  /**
   * The file name or URL the document came from. A URL is the base of a relative server URL and the
   * docs URL of last resort.
   */
  sourceName?: string
  /**
   * The caller hands the document over (it parsed it for this import and drops it after): it is
   * dereferenced in place rather than on a copy, which for GitHub's 13 MB description saves two deep
   * clones (about 0.6 s).
   */
  consume?: boolean
}

export interface OpenApiImport {
  definition: IntegrationDefinition
  /** What was left out or guessed (HEAD operations, cookie parameters, an unsupported sign-in). */
  warnings: ValidationIssue[]
}

// swagger-parser's two checks, used on their own (see dereference). Each throws a SyntaxError, the
// schema check with ajv's errors as `details`.
const require = createRequire(import.meta.url)
const validateOpenApiSchema = require('@apidevtools/swagger-parser/lib/validators/schema.js') as (
  api: Obj,
) => void
const validateOpenApiSpec = require('@apidevtools/swagger-parser/lib/validators/spec.js') as (
  api: Obj,
) => void

/** The versions @apidevtools/swagger-parser reads. */
const openApiVersions = ['3.0.0', '3.0.1', '3.0.2', '3.0.3', '3.0.4', '3.1.0', '3.1.1', '3.1.2']

// The format's own patterns, so the checks here cannot drift from it.
const patternOf = (schema: unknown) => (schema as { pattern: string }).pattern
const identifierPattern = new RegExp(patternOf(IntegrationDefinition.properties.integrationId))
const semverPattern = new RegExp(patternOf(IntegrationDefinition.properties.version))

/** Beyond this many JSON values once its $refs are followed, a document is refused as too large. */
export const maxExpandedNodes = 10_000_000
/** Beyond this depth once its $refs are followed, a document is refused as nested too deeply. */
export const maxDepth = 256

/** The definition for an OpenAPI document; `importOpenApi` also returns the warnings. */
export async function definitionFromOpenApi(
  document: unknown,
  options: OpenApiImportOptions = {},
): Promise<IntegrationDefinition> {
  return (await importOpenApi(document, options)).definition
}

export async function importOpenApi(
  document: unknown,
  options: OpenApiImportOptions = {},
): Promise<OpenApiImport> {
  const dialect = checkDocument(document)
  checkOptions(options)
  const doc = await dereference(document as Obj, options.consume === true)
  const warnings: ValidationIssue[] = []
  const info = obj(doc.info) ?? {}
  const operations = operationsOf(doc)
  const servers = serversOf(doc, dialect, options.sourceName, warnings)
  const auth = authOf(doc, dialect, operations, servers.concrete, warnings)
  const converter = new SchemaConverter(dialect)
  const methods = methodsOf(operations, { doc, dialect, converter, oauthScheme: auth.oauthScheme, warnings })
  if (!methods.length) {
    throw invalid(
      'The OpenAPI document has no operations to import',
      'paths',
      'has no GET, PUT, POST, DELETE or PATCH operation',
    )
  }

  const title = text(info.title)?.replace(/\s+/g, ' ')
  const integrationId =
    options.integrationId ?? idFromHost(servers.concrete) ?? slug(title ?? '') ?? 'imported-api'
  const infoVersion = str(info.version)?.trim()
  const configSchema: Obj = { type: 'object', properties: Object.fromEntries(servers.config) }
  if (servers.required.length) configSchema.required = servers.required
  configSchema.additionalProperties = false
  const docsUrl = [
    str(obj(doc.externalDocs)?.url),
    str(obj(info.contact)?.url),
    options.sourceName,
    servers.concrete,
  ]
    .map((url) => url?.trim())
    .find(isHttpUrl)

  const definition: IntegrationDefinition = {
    integrationId,
    name: (title ?? integrationId).slice(0, 120),
    description: text(info.description) ?? '',
    version: options.version ?? (infoVersion && semverPattern.test(infoVersion) ? infoVersion : '1.0.0'),
    category: options.category ?? 'other',
    // new URL().href: a URL as ajv's "uri" format wants it (spaces and the like escaped).
    docsUrl: docsUrl ? new URL(docsUrl).href : 'https://spec.openapis.org/oas/latest.html',
    // The format's Static type of authType is `never` today (a Type.Union over a mapped array); the
    // assertion keeps this compiling once that is fixed.
    authType: auth.authType as IntegrationDefinition['authType'],
    ...(auth.oauth2Config ? { oauth2Config: auth.oauth2Config } : {}),
    ...(auth.apiKeyConfig ? { apiKeyConfig: auth.apiKeyConfig } : {}),
    ...(auth.customAuth ? { customAuth: auth.customAuth } : {}),
    api: { baseUrl: servers.baseUrl },
    configSchema,
    secretSchema: auth.secretSchema,
    methods,
  }
  const health = healthCheckOf(methods)
  if (health) definition.healthCheck = { method: health }
  return { definition, warnings }
}

/** The document's dialect, after the checks that give clearer messages than the parser's. */
function checkDocument(document: unknown): Dialect {
  const supported = 'Switchboard imports OpenAPI 3.0 and 3.1 and Swagger 2.0'
  if (!isObj(document)) {
    throw invalid(
      'Not an OpenAPI document',
      '(root)',
      `must be a JSON object: an OpenAPI document (${supported})`,
    )
  }
  let dialect: Dialect
  if (document.swagger !== undefined) {
    if (document.swagger !== '2.0') {
      throw invalid(
        'Unsupported Swagger version',
        'swagger',
        `is ${JSON.stringify(document.swagger)}; ${supported}`,
      )
    }
    dialect = 'swagger2'
  } else if (document.openapi !== undefined) {
    const version = document.openapi
    if (typeof version !== 'string' || !openApiVersions.includes(version)) {
      throw invalid(
        'Unsupported OpenAPI version',
        'openapi',
        `is ${JSON.stringify(version)}; ${supported} (versions ${openApiVersions.join(', ')})`,
      )
    }
    dialect = version.startsWith('3.1') ? 'oas31' : 'oas30'
  } else {
    throw invalid(
      'Not an OpenAPI document',
      'openapi',
      `is required: the document names neither "openapi" nor "swagger"; ${supported}`,
    )
  }
  if (!isObj(document.paths)) {
    throw invalid('The OpenAPI document has no paths', 'paths', "is required: an object of the API's paths")
  }
  return dialect
}

function checkOptions(options: OpenApiImportOptions): void {
  const issues: ValidationIssue[] = []
  if (options.integrationId !== undefined && !identifierPattern.test(options.integrationId)) {
    issues.push({
      path: 'integrationId',
      message: 'must be lower-case letters, digits, dot, dash or underscore (64 at most)',
    })
  }
  if (options.version !== undefined && !semverPattern.test(options.version)) {
    issues.push({ path: 'version', message: 'must be a semantic version, e.g. 1.4.0' })
  }
  if (options.category !== undefined && (!options.category.length || options.category.length > 60)) {
    issues.push({ path: 'category', message: 'must be 1 to 60 characters' })
  }
  if (issues.length) throw AppError.invalid('The import options are not valid', issues)
}

/**
 * Validates the document and dereferences a copy of it, refusing what cannot be imported: a $ref
 * outside the document, a $ref cycle, a document too large or too deep once its $refs are followed
 * (see references.ts; all checked before anything follows a $ref), and an invalid document. The checks
 * are swagger-parser's validate() taken apart: the OpenAPI schema check runs on the document as
 * written, as swagger-parser itself does for documents with cycles, then the dereference, then the
 * Swagger 2.0 spec checks on the result.
 */
async function dereference(document: Obj, inPlace: boolean): Promise<Obj> {
  const report = inspectReferences(document)
  if (report.external.length) {
    throw AppError.invalid(
      'The OpenAPI document refers to other files, which are not imported',
      report.external.map(({ path, ref }) => ({
        path,
        message: `refers to "${ref}"; only references within the document (#/…) are followed`,
      })),
    )
  }
  if (report.missing.length) {
    throw AppError.invalid(
      'The OpenAPI document has a $ref to something it does not contain',
      report.missing.map(({ path, ref }) => ({ path, message: `refers to "${ref}", which does not exist` })),
    )
  }
  if (report.cycles.length) throw cycleError(report.cycles)
  if (report.size > maxExpandedNodes) {
    throw invalid(
      'The OpenAPI document is too large to import',
      '(root)',
      `expands to ${report.size.toLocaleString('en')} JSON values once its $refs are followed (at most ${maxExpandedNodes.toLocaleString('en')})`,
    )
  }
  if (report.depth > maxDepth) {
    throw invalid(
      'The OpenAPI document is nested too deeply to import',
      '(root)',
      `nests ${report.depth} levels deep once its $refs are followed (at most ${maxDepth})`,
    )
  }
  try {
    validateOpenApiSchema(document)
  } catch (error) {
    throw parserError(error)
  }
  const cycles: string[] = []
  const parser = new SwaggerParser()
  let api: unknown
  try {
    api = await parser.dereference(document as unknown as Parameters<typeof SwaggerParser.dereference>[0], {
      mutateInputSchema: inPlace,
      resolve: { external: false },
      // Cycles were refused above; should one slip through, 'ignore' leaves its $ref in place (and
      // reports it) rather than building a cyclic object.
      dereference: { circular: 'ignore', onCircular: (path: string) => cycles.push(documentPath(path)) },
    })
  } catch (error) {
    throw parserError(error)
  }
  if (parser.$refs.circular || cycles.length) throw cycleError(cycles)
  if (!isObj(api)) throw invalid('The OpenAPI document could not be read', '(root)', 'is not an object')
  try {
    validateOpenApiSpec(api)
  } catch (error) {
    throw parserError(error)
  }
  return api
}

function cycleError(where: string[]): AppError {
  const paths = [...new Set(where)]
  if (!paths.length) paths.push('(root)')
  return AppError.invalid(
    `The OpenAPI document has ${paths.length === 1 ? 'a $ref cycle' : `${paths.length} $ref cycles`} (a recursive schema), which cannot be imported`,
    paths.map((path) => ({
      path,
      message:
        'is a $ref that leads back to a schema containing it (a $ref cycle); make the schema non-recursive',
    })),
  )
}

/** ".../#/components/schemas/Node/properties/next" → "components.schemas.Node.properties.next" */
function documentPath(reference: string): string {
  const hash = reference.indexOf('#')
  let fragment = hash === -1 ? '' : reference.slice(hash + 1)
  try {
    fragment = decodeURIComponent(fragment)
  } catch {
    // Keep it as it is.
  }
  return pointerToPath(fragment) || '(root)'
}

/** Errors swagger-parser and json-schema-ref-parser throw for a bad document (not for a bug of theirs). */
const documentErrors = new Set([
  'SyntaxError',
  'JSONParserError',
  'JSONParserErrorGroup',
  'ParserError',
  'UnmatchedParserError',
  'ResolverError',
  'UnmatchedResolverError',
  'MissingPointerError',
  'InvalidPointerError',
])

/**
 * The parser's complaints about the document as INVALID_ARGUMENT, schema errors one issue each. Any
 * other error is unexpected and stays as it is (it reaches the caller as INTERNAL, its text logged).
 */
function parserError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Error) || !documentErrors.has(error.name)) return error
  const details = (error as { details?: unknown }).details
  if (Array.isArray(details) && details.length) {
    const all = toIssues(details as ErrorObject[])
    // oneOf branches that did not match explain little ("must have required property '$ref'").
    const telling = all.filter(
      (issue) =>
        !/(^|\.)\$ref$/.test(issue.path) &&
        !/\$ref|match exactly one schema|match a schema in anyOf/.test(issue.message),
    )
    const issues = (telling.length ? telling : all).filter(
      (issue, index, list) =>
        list.findIndex((other) => other.path === issue.path && other.message === issue.message) === index,
    )
    return AppError.invalid('The OpenAPI document is not valid', issues.slice(0, 20))
  }
  const message = error.message
  // The parser names the document by a path under the working directory; that says nothing here.
  const clean = message.replace(/(?:file:\/\/)?(?:[A-Za-z]:)?[^\s"'#]*#/g, '#').trim()
  return AppError.invalid('The OpenAPI document is not valid', [{ path: '(root)', message: clean }])
}

/**
 * "https://api.github.com" → "github-rest": the name people know a service by is its domain, which
 * titles often bury ("GitHub's official OpenAPI spec + Octokit extension"). The "-rest" keeps it apart
 * from a hand-written definition of the same service (the bundled "github"). None for an IP address,
 * a single-label host (localhost) or a reserved example/test domain (RFC 2606), which name no service.
 */
function idFromHost(url: string | undefined): string | undefined {
  let host: string
  try {
    host = new URL(url ?? '').hostname
  } catch {
    return undefined
  }
  if (!/^[a-z0-9.-]+$/i.test(host) || /^[\d.]+$/.test(host)) return undefined
  const labels = host.toLowerCase().split('.').filter(Boolean)
  const tld = labels.pop()
  if (!tld || !labels.length || ['test', 'example', 'invalid', 'localhost', 'local'].includes(tld))
    return undefined
  // A second-level public suffix (example.co.uk, example.com.au) is not the service's name either.
  if (labels.length > 1 && /^(co|com|net|org|gov|ac|edu)$/.test(labels.at(-1) ?? '')) labels.pop()
  const name = labels.at(-1)
  if (!name || name === 'example') return undefined
  return slug(`${name}-rest`)
}

/** "GitHub's REST API" → "githubs-rest-api" */
function slug(title: string): string | undefined {
  const id = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f'’]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64)
    .replace(/-+$/, '')
  return id || undefined
}

/** A read that needs no input, on the shortest path: its success shows the connection works. */
function healthCheckOf(methods: MethodDefinition[]): string | undefined {
  const depth = (method: MethodDefinition) => method.http?.path.split('/').filter(Boolean).length ?? 0
  const free = methods.filter(
    (method) => method.kind === 'read' && !(method.inputSchema as { required?: unknown[] }).required?.length,
  )
  return free.sort((a, b) => depth(a) - depth(b))[0]?.id
}
