// Checks a connection's config and secrets against its definition's configSchema and secretSchema.
// Config gets the schema's defaults applied (to a copy). Messages name the field and the rule, never
// the value: ajv's messages do not echo data, and nothing here adds it.
import type { ValidateFunction } from 'ajv'
import type { ValidationIssue } from '../../contract/errors.ts'
import { AppError } from '../errors.ts'
import { problemCount, toIssues } from '../validation/ajv.ts'

export function checkValues(
  validate: ValidateFunction,
  value: Record<string, unknown>,
  root: 'config' | 'secrets',
): { value: Record<string, unknown>; issues: ValidationIssue[] } {
  const copy = structuredClone(value)
  if (validate(copy)) return { value: copy, issues: [] }
  return { value: copy, issues: toIssues(validate.errors, root) }
}

export function requireValid(
  validate: ValidateFunction,
  value: Record<string, unknown>,
  root: 'config' | 'secrets',
): Record<string, unknown> {
  const result = checkValues(validate, value, root)
  if (result.issues.length) {
    const what = root === 'config' ? 'configuration' : 'credentials'
    throw AppError.invalid(`The ${what} is not valid (${problemCount(result.issues)}).`, result.issues)
  }
  return result.value
}
