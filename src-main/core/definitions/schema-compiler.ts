// The ajv used for the JSON Schemas embedded in definitions (method input/output, config, secrets).
// Strict about keywords — a misspelt "requird" is an error, not a silently ignored rule — but not
// about type combinations, which real-world (OpenAPI) schemas use freely. OpenAPI's numeric and
// binary formats are accepted as annotations. Patterns run on RE2 (linear time): these schemas come
// from imports, and a backtracking `^(a+)+$` would hang the main process on a typed value.
import type { Ajv, ValidateFunction } from 'ajv'
import { createAjv } from '../validation/ajv.ts'
import { linearRegExp } from '../validation/linear-regexp.ts'

const openApiFormats = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']

export function createSchemaAjv(): Ajv {
  const ajv = createAjv({
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    useDefaults: true,
    code: { regExp: linearRegExp },
  })
  for (const format of openApiFormats) ajv.addFormat(format, true)
  return ajv
}

/** Compiles a schema, or returns ajv's reason it cannot be compiled. Never caches: callers do. */
export function tryCompile(ajv: Ajv, schema: object): { validate: ValidateFunction } | { error: string } {
  try {
    return { validate: ajv.compile(schema) }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}
