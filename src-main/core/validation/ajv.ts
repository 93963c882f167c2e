// One configured ajv for the whole core: strict, all errors, formats. Validators are compiled once
// and cached by their caller; this module only builds the instance and turns errors into issues.
import { Ajv, type ErrorObject, type Options } from 'ajv'
import addFormatsCjs, { type FormatsPlugin } from 'ajv-formats'
import type { ValidationIssue } from '../../contract/errors.ts'
import { pointerToPath, schemaIssues, type SchemaError } from '../../contract/schema-messages.ts'

// ajv-formats is CommonJS; its module.exports is the plugin (with a `default` pointing at itself),
// which TypeScript's nodenext view of the default import does not know.
const addFormats = ((addFormatsCjs as { default?: unknown }).default ?? addFormatsCjs) as FormatsPlugin

export function createAjv(options: Options = {}): Ajv {
  // verbose: each error carries the schema it failed (titles and descriptions for the messages).
  const ajv = new Ajv({ strict: true, allErrors: true, useDefaults: true, verbose: true, ...options })
  addFormats(ajv)
  return ajv
}

export { pointerToPath }

/**
 * ajv's errors as issues: sentences from the one message builder (contract/schema-messages.ts), anyOf
 * noise collapsed, each issue once. `schema` is needed only where errors lack parentSchema (ajv
 * instances made without `verbose`).
 */
export function toIssues(
  errors: ErrorObject[] | null | undefined,
  root = '',
  schema?: unknown,
): ValidationIssue[] {
  return schemaIssues(errors as SchemaError[] | null | undefined, {
    ...(root ? { root } : {}),
    ...(schema !== undefined ? { rootSchema: schema } : {}),
  })
}

/**
 * How many problems, for an error message whose issues travel beside it (details.issues): the CLI
 * prints them and the renderer lists them, so the message must not repeat them.
 */
export const problemCount = (issues: readonly ValidationIssue[]) =>
  issues.length === 1 ? '1 problem' : `${issues.length} problems`

export function describeIssues(issues: ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
}
