// Validation of one definition document, done once when it is loaded or imported: the published
// format (compiled once), then the rules a schema cannot express — unique method ids, auth settings
// that match authType, path parameters that exist in the input, schemas that compile, JSONata that
// parses. Each issue names the JSON path and the reason.
import jsonata from 'jsonata'
import semver from 'semver'
import type { ValidateFunction } from 'ajv'
import { apiKeyFieldOf, secretSchemaOf } from '../../contract/definition-defaults.ts'
import { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { ValidationIssue } from '../../contract/errors.ts'
import { createAjv, toIssues } from '../validation/ajv.ts'
import { patternIssues } from '../validation/linear-regexp.ts'
import { createSchemaAjv, tryCompile } from './schema-compiler.ts'

export type DefinitionCheck =
  { ok: true; definition: IntegrationDefinition; issues: [] } | { ok: false; issues: ValidationIssue[] }

export interface ValidateOptions {
  /**
   * 'compile' (imports, `definitions validate`, the catalog test in CI): every embedded schema and
   * JSONata expression is compiled, as it will be when used.
   * 'meta' (the bulk start-up load of the bundled files, which CI has compiled): schemas are checked
   * against the JSON Schema meta-schema and expressions are left to their first use (where they are
   * compiled once and cached) — compiling 100,000 schemas and 50,000 expressions at every start
   * would cost seconds for nothing.
   */
  schemas?: 'compile' | 'meta'
}

let formatValidator: ValidateFunction | undefined
const formatCheck = () =>
  (formatValidator ??= createAjv({ useDefaults: false }).compile(IntegrationDefinition))
let schemaAjv: ReturnType<typeof createSchemaAjv> | undefined
const embeddedAjv = () => (schemaAjv ??= createSchemaAjv())

const pathParams = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '')
const configRefs = (template: string) =>
  [...template.matchAll(/\{\{\s*config\.([\w-]+)\s*\}\}/g)].map((m) => m[1] ?? '')
const propertiesOf = (schema: object): Record<string, unknown> =>
  ((schema as { properties?: Record<string, unknown> }).properties ?? {}) as Record<string, unknown>

function checkJsonata(
  expression: string | undefined,
  path: string,
  mode: 'compile' | 'meta',
  issues: ValidationIssue[],
): void {
  if (expression === undefined || mode === 'meta') return
  try {
    jsonata(expression)
  } catch (error) {
    issues.push({
      path,
      message: `is not a valid JSONata expression: ${(error as { message?: string }).message ?? error}`,
    })
  }
}

function checkSchema(
  schema: object,
  path: string,
  mode: 'compile' | 'meta',
  issues: ValidationIssue[],
): void {
  const ajv = embeddedAjv()
  if (mode === 'meta') {
    if (!ajv.validateSchema(schema)) {
      issues.push({
        path,
        message: `is not a valid JSON Schema: ${ajv.errorsText(ajv.errors, { dataVar: 'schema' })}`,
      })
    }
    return
  }
  // Patterns compile with RE2; one it cannot compile is named where it is, not in ajv's words.
  const refused = patternIssues(schema, path)
  if (refused.length) {
    issues.push(...refused)
    return
  }
  const result = tryCompile(ajv, schema)
  if ('error' in result) issues.push({ path, message: `is not a valid JSON Schema: ${result.error}` })
  // Checking keeps nothing: the lookups compile (and cache by content) what is used. Left in ajv, every
  // checked schema would stay in memory, and a re-import of a schema with an $id would clash with it.
  else ajv.removeSchema(schema)
}

function checkAuth(definition: IntegrationDefinition, issues: ValidationIssue[]): void {
  const settings = { oauth2: 'oauth2Config', apikey: 'apiKeyConfig', custom: 'customAuth' } as const
  for (const [type, key] of Object.entries(settings)) {
    const present = definition[key] !== undefined
    if (definition.authType === type && !present)
      issues.push({ path: key, message: `is required when authType is "${type}"` })
    if (definition.authType !== type && present) {
      issues.push({
        path: key,
        message: `is only allowed when authType is "${type}" (it is "${definition.authType}")`,
      })
    }
  }
  const secrets = propertiesOf(secretSchemaOf(definition))
  if (definition.apiKeyConfig) {
    const field = apiKeyFieldOf(definition.apiKeyConfig)
    if (!(field in secrets))
      issues.push({
        path: 'apiKeyConfig.secretField',
        message: `names "${field}", which secretSchema does not define`,
      })
  }
  const custom = definition.customAuth
  if (custom?.scheme === 'basic' && !(custom.passwordField in secrets)) {
    issues.push({
      path: 'customAuth.passwordField',
      message: `names "${custom.passwordField}", which secretSchema does not define`,
    })
  }
  if (custom?.scheme === 'headers') {
    for (const [header, template] of Object.entries(custom.headers)) {
      for (const [, scope, field] of template.matchAll(/\{\{\s*(secret|config)\.([\w-]+)\s*\}\}/g)) {
        const known = scope === 'secret' ? secrets : propertiesOf(definition.configSchema)
        if (!(field && field in known)) {
          issues.push({
            path: `customAuth.headers.${header}`,
            message: `uses ${scope}.${field}, which ${scope}Schema does not define`,
          })
        }
      }
    }
  }
}

function checkMethods(
  definition: IntegrationDefinition,
  mode: 'compile' | 'meta',
  issues: ValidationIssue[],
): void {
  const seen = new Map<string, number>()
  definition.methods.forEach((method, index) => {
    const at = `methods[${index}]`
    const first = seen.get(method.id)
    if (first !== undefined)
      issues.push({ path: `${at}.id`, message: `"${method.id}" is already the id of methods[${first}]` })
    else seen.set(method.id, index)
    checkSchema(method.inputSchema, `${at}.inputSchema`, mode, issues)
    checkSchema(method.outputSchema, `${at}.outputSchema`, mode, issues)
    const http = method.http
    if (!http) return
    const inputs = propertiesOf(method.inputSchema)
    for (const param of pathParams(http.path)) {
      if (!(param in inputs))
        issues.push({
          path: `${at}.http.path`,
          message: `uses {${param}}, which inputSchema does not define`,
        })
    }
    const fields: [string, string[]][] = [
      ['query', http.query ?? []],
      ['body', http.body ?? []],
      ['headers', Object.values(http.headers ?? {})],
      ['bodyField', http.bodyField ? [http.bodyField] : []],
    ]
    for (const [key, names] of fields) {
      for (const name of names) {
        if (!(name in inputs))
          issues.push({
            path: `${at}.http.${key}`,
            message: `names "${name}", which inputSchema does not define`,
          })
      }
    }
    if (http.body && http.bodyField)
      issues.push({ path: `${at}.http`, message: 'may have body or bodyField, not both' })
    if ((http.body || http.bodyField) && http.method === 'GET') {
      issues.push({ path: `${at}.http`, message: 'a GET request cannot have a body' })
    }
    checkJsonata(http.response, `${at}.http.response`, mode, issues)
    checkJsonata(http.pagination?.items, `${at}.http.pagination.items`, mode, issues)
    checkJsonata(http.pagination?.nextCursor, `${at}.http.pagination.nextCursor`, mode, issues)
    const style = http.pagination?.style
    if (style === 'cursor' && !(http.pagination?.cursorParam && http.pagination.nextCursor)) {
      issues.push({
        path: `${at}.http.pagination`,
        message: 'cursor pagination needs cursorParam and nextCursor',
      })
    }
    if (style === 'offset' && !http.pagination?.offsetParam) {
      issues.push({ path: `${at}.http.pagination`, message: 'offset pagination needs offsetParam' })
    }
    if (style === 'page' && !http.pagination?.pageParam) {
      issues.push({ path: `${at}.http.pagination`, message: 'page pagination needs pageParam' })
    }
  })
  if (definition.healthCheck && !seen.has(definition.healthCheck.method)) {
    issues.push({
      path: 'healthCheck.method',
      message: `names "${definition.healthCheck.method}", which is not a method of this definition`,
    })
  }
}

export function validateDefinition(document: unknown, options: ValidateOptions = {}): DefinitionCheck {
  const check = formatCheck()
  if (!check(document)) return { ok: false, issues: toIssues(check.errors) }
  const definition = document as IntegrationDefinition
  const mode = options.schemas ?? 'compile'
  const issues: ValidationIssue[] = []
  if (!semver.valid(definition.version))
    issues.push({ path: 'version', message: 'is not a semantic version' })
  checkSchema(definition.configSchema, 'configSchema', mode, issues)
  if (definition.secretSchema) checkSchema(definition.secretSchema, 'secretSchema', mode, issues)
  const configFields = propertiesOf(definition.configSchema)
  for (const [env, url] of Object.entries(definition.api?.baseUrl ?? {})) {
    for (const field of configRefs(url ?? '')) {
      if (!(field in configFields))
        issues.push({
          path: `api.baseUrl.${env}`,
          message: `uses config.${field}, which configSchema does not define`,
        })
    }
  }
  checkAuth(definition, issues)
  checkMethods(definition, mode, issues)
  return issues.length ? { ok: false, issues: issues.map(asSentence) } : { ok: true, definition, issues: [] }
}

/** The rules above say what is wrong with a field ("is required when …"); the report says whose. */
function asSentence(issue: ValidationIssue): ValidationIssue {
  const name = /(?:^|\.)([^.]+)$/.exec(issue.path)?.[1] ?? issue.path
  return { ...issue, message: `${name} ${issue.message}${/[.!?…]$/.test(issue.message) ? '' : '.'}` }
}
