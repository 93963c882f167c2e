// Checks a connection's config and secrets against its definition's configSchema and secretSchema.
// Config gets the schema's defaults applied (to a copy). Messages name the field and the rule, never
// the value: ajv's messages do not echo data, and nothing here adds it.
import type { ValidateFunction } from 'ajv'
import type { ValidationIssue } from '../../contract/errors.ts'
import { AppError } from '../errors.ts'
import { problemCount, toIssues } from '../validation/ajv.ts'

/**
 * `later` names config fields filled after sign-in (a definition's configChoices, e.g. Xero's tenant):
 * they may be missing until then — the connection "needs setup" — but a value given must still be valid.
 */
export function checkValues(
  validate: ValidateFunction,
  value: Record<string, unknown>,
  root: 'config' | 'secrets',
  later: readonly string[] = [],
): { value: Record<string, unknown>; issues: ValidationIssue[] } {
  const copy = structuredClone(value)
  if (validate(copy)) return { value: copy, issues: [] }
  // A field filled after sign-in may be missing: drop ajv's own "required" error for it (by keyword,
  // not by message text, which the message builder words for people).
  const pending = new Set(later.filter((field) => copy[field] === undefined))
  const errors = (validate.errors ?? []).filter(
    (error) =>
      !(
        error.keyword === 'required' &&
        error.instancePath === '' &&
        pending.has(String((error.params as { missingProperty?: unknown }).missingProperty))
      ),
  )
  return { value: copy, issues: errors.length ? toIssues(errors, root) : [] }
}

export function requireValid(
  validate: ValidateFunction,
  value: Record<string, unknown>,
  root: 'config' | 'secrets',
  later: readonly string[] = [],
): Record<string, unknown> {
  const result = checkValues(validate, value, root, later)
  if (result.issues.length) {
    const what = root === 'config' ? 'configuration' : 'credentials'
    throw AppError.invalid(`The ${what} is not valid (${problemCount(result.issues)}).`, result.issues)
  }
  return result.value
}
