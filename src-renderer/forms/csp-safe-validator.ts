// RJSF's validator for the renderer, which runs under a Content-Security-Policy without 'unsafe-eval'.
//
// @rjsf/validator-ajv8 compiles every schema with `new Function`, which that CSP refuses, and its
// precompiled mode needs the schemas at build time (definitions arrive at run time). This adapter puts
// @cfworker/json-schema, a maintained validator that interprets schemas instead of compiling them,
// behind RJSF's `ValidatorType`. The authoritative check stays in the core, which validates with ajv.
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema'
import { schemaIssues, type SchemaError } from '../../src-main/contract/schema-messages.ts'
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

const limitKeywords = new Set([
  ...['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'],
  ...['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
])

/** A cfworker output unit in ajv's error shape, for the one message builder. */
function schemaErrorOf(unit: OutputUnit, schema: RJSFSchema, missing: string | undefined): SchemaError {
  const value = keywordValue(schema, unit.keywordLocation)
  const params: Record<string, unknown> = {}
  if (missing !== undefined) params.missingProperty = missing
  if (unit.keyword === 'type') params.type = [value].flat().join(',')
  if (unit.keyword === 'enum') params.allowedValues = value
  if (unit.keyword === 'const') params.allowedValue = value
  if (unit.keyword === 'pattern') params.pattern = value
  if (unit.keyword === 'format') params.format = value
  if (unit.keyword === 'multipleOf') params.multipleOf = value
  if (limitKeywords.has(unit.keyword)) params.limit = value
  const matches = /\((\d+) matches\)/.exec(unit.error)
  if (unit.keyword === 'oneOf' && matches && Number(matches[1]) > 1) params.passingSchemas = []
  return {
    keyword: unit.keyword === 'false' ? 'false schema' : unit.keyword,
    instancePath: unit.instanceLocation.replace(/^#/, ''),
    schemaPath: unit.keywordLocation,
    params,
    message: unit.error,
  }
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
    if (name === 'false' && units[i - 1]?.keyword === 'additionalProperties') name = 'additionalProperties'
    // The sentence comes from the one message builder the core uses too. The field's description is
    // already shown under it, so the hint is left out here.
    const error = schemaErrorOf(unit, schema, missing?.[2])
    if (missing?.[1]) {
      error.keyword = 'dependentRequired'
      error.params.property = missing[1]
    }
    if (name === 'additionalProperties') {
      error.keyword = 'additionalProperties'
      error.params.additionalProperty = path.at(-1)
      error.instancePath = error.instancePath.replace(/\/[^/]*$/, '')
    }
    const message = schemaIssues([error], { rootSchema: schema, hints: false })[0]?.message ?? unit.error
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
