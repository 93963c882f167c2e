// The rows the registry hands to the SQL and PostgreSQL exports: one stored definition with its
// identity and timestamps. They are checked before anything is written, so a row PostgreSQL would
// refuse for a reason we can see in advance never starts a transaction.
import { Type, type Static } from 'typebox'
import type { ValidateFunction } from 'ajv'
import { IntegrationDefinition } from '../../../contract/definition-format.ts'
import type { ValidationIssue } from '../../../contract/errors.ts'
import { AppError } from '../../errors.ts'
import { createAjv, problemCount, toIssues } from '../../validation/ajv.ts'

export const ExportRow = Type.Object({
  id: Type.String({
    // PostgreSQL's uuid syntax (ajv's "uuid" format also admits a urn:uuid: prefix, which it refuses).
    pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    description: 'The stored definition’s id; a server keeps the first id it was given for an integration.',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  definition: IntegrationDefinition,
})

/** One stored definition: its uuid, ISO 8601 timestamps and the definition itself. */
export type ExportRow = Static<typeof ExportRow>

let rowValidator: ValidateFunction | undefined
// No defaults: checking must not write them into the caller's definitions.
const rowCheck = () => (rowValidator ??= createAjv({ useDefaults: false }).compile(ExportRow))

const earliest = Date.parse('0001-01-01T00:00:00Z')
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** PostgreSQL stores neither NUL characters nor unpaired UTF-16 surrogates, in text or in jsonb. */
function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character, which PostgreSQL cannot store'
  if (loneSurrogate.test(text)) return 'an unpaired UTF-16 surrogate, which PostgreSQL cannot store'
  return undefined
}

function checkText(value: unknown, path: string, issues: ValidationIssue[]): void {
  if (typeof value === 'string') {
    const problem = textProblem(value)
    if (problem) issues.push({ path, message: `contains ${problem}` })
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkText(item, `${path}[${index}]`, issues))
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key)
      if (problem) issues.push({ path: `${path}.${key}`, message: `has a name that contains ${problem}` })
      checkText(item, `${path}.${key}`, issues)
    }
  }
}

function checkTimestamp(value: string, path: string, issues: ValidationIssue[]): void {
  const time = Date.parse(value)
  if (Number.isNaN(time) || time < earliest)
    issues.push({ path, message: 'is not a timestamp PostgreSQL can store' })
}

/** Every problem with the rows, each named by its path ("[2].definition.methods"); empty when they are fine. */
export function exportRowIssues(rows: readonly ExportRow[]): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const ids = new Map<string, number>()
  const integrationIds = new Map<string, number>()
  rows.forEach((row, index) => {
    const root = `[${index}]`
    if (!rowCheck()(row)) {
      issues.push(...toIssues(rowCheck().errors, root))
      return
    }
    checkTimestamp(row.createdAt, `${root}.createdAt`, issues)
    checkTimestamp(row.updatedAt, `${root}.updatedAt`, issues)
    checkText(row.definition, `${root}.definition`, issues)
    const id = row.id.toLowerCase()
    if (ids.has(id)) issues.push({ path: `${root}.id`, message: `repeats the id of [${ids.get(id)}]` })
    else ids.set(id, index)
    const integrationId = row.definition.integrationId
    if (integrationIds.has(integrationId)) {
      issues.push({
        path: `${root}.definition.integrationId`,
        message: `repeats "${integrationId}" of [${integrationIds.get(integrationId)}]`,
      })
    } else integrationIds.set(integrationId, index)
  })
  return issues
}

/** Throws INVALID_ARGUMENT naming every problem when any row cannot be exported. */
export function assertExportRows(rows: readonly ExportRow[]): void {
  const issues = exportRowIssues(rows)
  if (issues.length > 0)
    throw AppError.invalid(`The definitions cannot be exported (${problemCount(issues)}).`, issues)
}
