// One configured ajv for the whole core: strict, all errors, formats. Validators are compiled once
// and cached by their caller; this module only builds the instance and turns errors into issues.
import { Ajv, type ErrorObject, type Options } from 'ajv'
import addFormatsCjs, { type FormatsPlugin } from 'ajv-formats'
import type { ValidationIssue } from '../../contract/errors.ts'

// ajv-formats is CommonJS; its module.exports is the plugin (with a `default` pointing at itself),
// which TypeScript's nodenext view of the default import does not know.
const addFormats = ((addFormatsCjs as { default?: unknown }).default ?? addFormatsCjs) as FormatsPlugin

export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, useDefaults: true, ...options })
  addFormats(ajv)
  return ajv
}

/** "/config/region" → "config.region"; array indexes stay as [0]. Empty means the value itself. */
export function pointerToPath(pointer: string): string {
  if (!pointer) return ''
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '')
}

function join(base: string, child: string): string {
  return base ? `${base}.${child}` : child
}

/** One issue per ajv error, naming the offending field rather than its parent where ajv knows it. */
export function toIssues(errors: ErrorObject[] | null | undefined, root = ''): ValidationIssue[] {
  return (errors ?? []).map((error) => {
    let path = pointerToPath(error.instancePath)
    let message = error.message ?? 'is invalid'
    if (error.keyword === 'required') {
      path = join(path, String(error.params.missingProperty))
      message = 'is required'
    } else if (error.keyword === 'additionalProperties') {
      path = join(path, String(error.params.additionalProperty))
      message = 'is not allowed here'
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    }
    const full = root ? (path ? `${root}.${path}` : root) : path
    return { path: full || '(root)', message }
  })
}

export function describeIssues(issues: ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
}
