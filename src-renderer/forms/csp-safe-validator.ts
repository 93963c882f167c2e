// RJSF's validator for the renderer, which runs under a Content-Security-Policy without 'unsafe-eval'.
//
// @rjsf/validator-ajv8 compiles every schema with `new Function`, which that CSP refuses, and its
// precompiled mode needs the schemas at build time (definitions arrive at run time). This adapter puts
// @cfworker/json-schema, a maintained validator that interprets schemas instead of compiling them,
// behind RJSF's `ValidatorType`. The authoritative check stays in the core, which validates with ajv.
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema'
import {
  createErrorHandler,
  ErrorSchemaBuilder,
  getDefaultFormState,
  ROOT_SCHEMA_PREFIX,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  withIdRefPrefix,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils'

type Result = { errors?: OutputUnit[]; validationError?: Error }

/** Runs cfworker on a copy of the schema (it annotates the schemas it sees) and of plain JSON data. */
function run(schema: RJSFSchema, formData: unknown, root?: RJSFSchema, allErrors = true): Result {
  try {
    const validator = new Validator(structuredClone(schema) as Schema, '2019-09', !allErrors)
    // RJSF's `#/…` refs point into the root schema, registered under RJSF's own root id (as ajv8 does).
    if (root) validator.addSchema(structuredClone(root) as Schema, ROOT_SCHEMA_PREFIX)
    // Like RJSF before ajv: JSON drops undefined fields, which cfworker refuses (undefined is checked as null).
    const data: unknown = formData === undefined ? null : JSON.parse(JSON.stringify(formData))
    return { errors: validator.validate(data).errors }
  } catch (error) {
    // An unresolvable $ref or an invalid pattern: the schema, not the data, is at fault.
    return { validationError: error instanceof Error ? error : new Error(String(error)) }
  }
}

/** Keywords that only announce the errors of their sub-schemas, which follow them: users see those. */
const wrappers = new Set([
  ...['$ref', '$recursiveRef', 'allOf', 'if', 'dependentSchemas'],
  ...['properties', 'patternProperties', 'additionalProperties', 'unevaluatedProperties'],
  ...['items', 'prefixItems', 'additionalItems', 'unevaluatedItems'],
])
/** Errors inside an anyOf/oneOf option (or a propertyNames check): their summary says it better. */
const insideAlternative = /\/(?:(?:anyOf|oneOf)\/\d+|propertyNames)\//

const segments = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((raw) => decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~'))

/** The value of the keyword at a cfworker keyword location, following the local $refs on the way. */
function keywordValue(schema: unknown, location: string): unknown {
  let node = schema
  for (const key of segments(location)) {
    const next =
      typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined
    node =
      key === '$ref' && typeof next === 'string' && next.startsWith('#') ? keywordValue(schema, next) : next
  }
  return node
}

const list = (value: unknown) => [value].flat().map(String).join(' or ')
const messages: Record<string, (value: unknown) => string> = {
  type: (value) => `must be ${list(value)}`,
  enum: () => 'must be one of the allowed values',
  const: () => 'must be the constant value',
  pattern: (value) => `must match pattern "${String(value)}"`,
  format: (value) => `must match format "${String(value)}"`,
  minLength: (value) => `must have at least ${String(value)} characters`,
  maxLength: (value) => `must have at most ${String(value)} characters`,
  minimum: (value) => `must be ≥ ${String(value)}`,
  maximum: (value) => `must be ≤ ${String(value)}`,
  exclusiveMinimum: (value) => `must be > ${String(value)}`,
  exclusiveMaximum: (value) => `must be < ${String(value)}`,
  multipleOf: (value) => `must be a multiple of ${String(value)}`,
  minItems: (value) => `must have at least ${String(value)} items`,
  maxItems: (value) => `must have at most ${String(value)} items`,
  uniqueItems: () => 'must not contain duplicates',
  minProperties: (value) => `must have at least ${String(value)} properties`,
  maxProperties: (value) => `must have at most ${String(value)} properties`,
  anyOf: () => 'must match at least one of the options',
  oneOf: () => 'must match exactly one of the options',
  not: () => 'must not match the excluded schema',
  false: () => 'is not allowed',
}

/** cfworker's output units as RJSF errors, leaves only, each on the field it concerns. */
export function toRjsfErrors(units: OutputUnit[], schema: RJSFSchema): RJSFValidationError[] {
  const errors: RJSFValidationError[] = []
  units.forEach((unit, i) => {
    if (insideAlternative.test(unit.keywordLocation)) return
    // A missing property (required, dependentRequired, array dependencies) is the missing field's error.
    const missing = /^Instance (?:has "(.*)" but )?does not have (?:required property )?"(.*)"\.$/.exec(
      unit.error,
    )
    if (wrappers.has(unit.keyword) || (unit.keyword === 'dependencies' && !missing)) return
    const path = [...segments(unit.instanceLocation), ...(missing ? [missing[2] ?? ''] : [])]
    const property = path.map((segment) => `.${segment}`).join('')
    let name = unit.keyword
    let message = messages[name]?.(keywordValue(schema, unit.keywordLocation)) ?? unit.error
    if (missing) message = missing[1] ? `is required with ${missing[1]}` : 'is a required property'
    if (name === 'false' && units[i - 1]?.keyword === 'additionalProperties') name = 'additionalProperties'
    errors.push({
      name,
      message,
      property,
      schemaPath: unit.keywordLocation,
      stack: `${property} ${message}`.trim(),
    })
  })
  return errors
}

/** An RJSF validator that interprets schemas with @cfworker/json-schema: safe under a strict CSP. */
export class CspSafeValidator implements ValidatorType {
  rawValidation<R = OutputUnit>(
    schema: RJSFSchema,
    formData?: unknown,
  ): { errors?: R[]; validationError?: Error } {
    return run(schema, formData) as { errors?: R[]; validationError?: Error }
  }

  /** Mirrors @rjsf/validator-ajv8: transformErrors first, then customValidate's errors merged in. */
  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator,
    transformErrors?: ErrorTransformer,
    uiSchema?: UiSchema,
  ): ValidationData<unknown> {
    const { errors: units = [], validationError } = run(schema, formData)
    let errors = toRjsfErrors(units, schema)
    if (validationError) errors.push({ stack: validationError.message })
    if (transformErrors) errors = transformErrors(errors, uiSchema)
    const builder = new ErrorSchemaBuilder(toErrorSchema(errors))
    if (validationError) builder.addErrors(validationError.message, '$schema')
    const errorSchema = builder.ErrorSchema
    if (!customValidate) return { errors, errorSchema }
    // customValidate sees the data with its defaults filled in, undefined fields included.
    const data = getDefaultFormState(this, schema, formData, schema, true)
    const handler = customValidate(data, createErrorHandler(data), uiSchema, errorSchema)
    return validationDataMerge({ errors, errorSchema }, unwrapErrorHandler(handler))
  }

  /** Used by RJSF to pick anyOf/oneOf options and if/then/else branches: refs resolve against the root. */
  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    const result = run(withIdRefPrefix(schema), formData, rootSchema, false)
    return result.errors?.length === 0
  }
}

/** One validator for every form: it keeps no state between calls. */
export const validator = new CspSafeValidator()
