// The input checked against the method's inputSchema in the renderer, with the same CSP-safe validator
// the forms use, as `path — message` issues. Advisory only: Run still sends (the core validates with
// ajv and refuses invalid input before any network), so people can see exactly what the core says.
import type { RJSFSchema } from '@rjsf/utils'
import type { ValidationIssue } from '../../../src-main/contract/errors.ts'
import { validator } from '../../forms/csp-safe-validator.ts'

/** ".items.0.id" → "items[0].id"; the root is "input". */
export function issuePath(property: string | undefined): string {
  const segments = (property ?? '').split('.').filter(Boolean)
  if (!segments.length) return 'input'
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')
}

export function inputIssues(schema: RJSFSchema, input: unknown): ValidationIssue[] {
  const { errors } = validator.validateFormData(input, schema)
  return errors.map((error) => ({
    path: issuePath(error.property),
    message: error.message ?? error.stack,
  }))
}
