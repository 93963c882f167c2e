// A JSON Schema validator for the configuration form preview that never generates code.
//
// @rjsf/validator-ajv8 compiles every schema it sees into a function with `new Function`, which the
// renderer's Content-Security-Policy (script-src 'self', no 'unsafe-eval') refuses: a schema with
// oneOf/anyOf/if, or any validation, would raise a CSP violation. Its precompiled mode needs the
// schemas at build time, and definitions are imported at run time. This interpreter walks the schema
// instead: enough of draft 07 / 2020-12 for RJSF to pick oneOf/anyOf options, resolve if/then/else
// and report field errors — the authoritative check stays in the core, which validates with ajv.
import {
  ErrorSchemaBuilder,
  type RJSFSchema,
  type RJSFValidationError,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils'

type Schema = RJSFSchema | boolean

interface Issue {
  /** Data path segments, e.g. ['items', 0, 'name']. */
  path: (string | number)[]
  keyword: string
  message: string
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value)
  return actual === type || (type === 'number' && actual === 'integer')
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]))
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((key) => equal(a[key], b[key]))
  }
  return false
}

/** Resolves a local reference ("#/definitions/x", also with RJSF's root-schema prefix). */
function resolveRef(ref: string, root: RJSFSchema): Schema | undefined {
  const hash = ref.indexOf('#')
  if (hash < 0) return undefined
  const pointer = ref.slice(hash + 1)
  let node: unknown = root
  for (const raw of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined
  }
  return isObject(node) || typeof node === 'boolean' ? (node as Schema) : undefined
}

const patterns = new Map<string, RegExp | null>()
function patternOf(source: string): RegExp | null {
  if (!patterns.has(source)) {
    try {
      patterns.set(source, new RegExp(source, 'u'))
    } catch {
      patterns.set(source, null)
    }
  }
  return patterns.get(source) ?? null
}

/** Checks `value` against `schema`, pushing every failure; returns whether it passed. */
function check(schema: Schema, value: unknown, root: RJSFSchema, path: Issue['path'], out: Issue[]): boolean {
  if (schema === true) return true
  if (schema === false) {
    out.push({ path, keyword: 'false schema', message: 'is not allowed' })
    return false
  }
  const before = out.length
  const fail = (keyword: string, message: string, at: Issue['path'] = path) =>
    out.push({ path: at, keyword, message })

  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema.$ref, root)
    if (target !== undefined) check(target, value, root, path, out)
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type]
    if (!types.some((type) => matchesType(value, type))) {
      fail('type', `must be ${types.join(' or ')}`)
      return false
    }
  }
  if (schema.enum && !schema.enum.some((option) => equal(option, value)))
    fail('enum', 'must be one of the allowed values')
  if (schema.const !== undefined && !equal(schema.const, value)) fail('const', 'must be the constant value')

  if (typeof value === 'string') {
    const length = [...value].length
    if (schema.minLength !== undefined && length < schema.minLength)
      fail('minLength', `must have at least ${schema.minLength} characters`)
    if (schema.maxLength !== undefined && length > schema.maxLength)
      fail('maxLength', `must have at most ${schema.maxLength} characters`)
    if (schema.pattern !== undefined && patternOf(schema.pattern)?.test(value) === false)
      fail('pattern', `must match pattern "${schema.pattern}"`)
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail('minimum', `must be ≥ ${schema.minimum}`)
    if (schema.maximum !== undefined && value > schema.maximum) fail('maximum', `must be ≤ ${schema.maximum}`)
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum)
      fail('exclusiveMinimum', `must be > ${schema.exclusiveMinimum}`)
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum)
      fail('exclusiveMaximum', `must be < ${schema.exclusiveMaximum}`)
    if (
      schema.multipleOf &&
      Math.abs(value / schema.multipleOf - Math.round(value / schema.multipleOf)) > 1e-9
    )
      fail('multipleOf', `must be a multiple of ${schema.multipleOf}`)
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      fail('minItems', `must have at least ${schema.minItems} items`)
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      fail('maxItems', `must have at most ${schema.maxItems} items`)
    if (schema.uniqueItems && value.some((item, i) => value.findIndex((other) => equal(item, other)) !== i))
      fail('uniqueItems', 'must not contain duplicates')
    const items = schema.items
    if (Array.isArray(items)) {
      items.forEach((itemSchema, i) => {
        if (i < value.length) check(itemSchema as Schema, value[i], root, [...path, i], out)
      })
    } else if (items !== undefined) {
      value.forEach((item, i) => check(items as Schema, item, root, [...path, i], out))
    }
  }
  if (isObject(value)) {
    for (const name of schema.required ?? [])
      if (value[name] === undefined) fail('required', 'is a required property', [...path, name])
    const properties = schema.properties ?? {}
    for (const [name, propertySchema] of Object.entries(properties))
      if (value[name] !== undefined) check(propertySchema as Schema, value[name], root, [...path, name], out)
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== true) {
      for (const name of Object.keys(value)) {
        if (name in properties) continue
        if (schema.additionalProperties === false)
          fail('additionalProperties', 'is not allowed', [...path, name])
        else check(schema.additionalProperties as Schema, value[name], root, [...path, name], out)
      }
    }
    const dependent = (schema as { dependentRequired?: Record<string, string[]> }).dependentRequired ?? {}
    for (const [name, needs] of Object.entries(dependent))
      if (value[name] !== undefined)
        for (const need of needs)
          if (value[need] === undefined)
            fail('dependentRequired', `is required with ${name}`, [...path, need])
  }

  for (const sub of schema.allOf ?? []) check(sub as Schema, value, root, path, out)
  if (schema.anyOf && !schema.anyOf.some((sub) => check(sub as Schema, value, root, path, [])))
    fail('anyOf', 'must match at least one of the options')
  if (schema.oneOf) {
    const matches = schema.oneOf.filter((sub) => check(sub as Schema, value, root, path, [])).length
    if (matches !== 1) fail('oneOf', 'must match exactly one of the options')
  }
  if (schema.not !== undefined && check(schema.not as Schema, value, root, path, []))
    fail('not', 'must not match the excluded schema')
  if (schema.if !== undefined) {
    const branch = check(schema.if as Schema, value, root, path, []) ? schema.then : schema.else
    if (branch !== undefined) check(branch as Schema, value, root, path, out)
  }
  return out.length === before
}

const propertyOf = (path: Issue['path']) =>
  path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('')

/** Every failure of `value` against `schema` (for tests and the preview). */
export function validateValue(schema: RJSFSchema, value: unknown, root: RJSFSchema = schema): Issue[] {
  const issues: Issue[] = []
  check(schema, value, root, [], issues)
  return issues
}

/** An RJSF validator that interprets schemas: no code generation, so it runs under a strict CSP. */
export function createPreviewValidator(): ValidatorType {
  return {
    // customValidate is not used by the preview (it has no submit), so it is not run.
    validateFormData(formData, schema, _customValidate, transformErrors, uiSchema): ValidationData<unknown> {
      let errors: RJSFValidationError[] = validateValue(schema, formData).map((issue) => ({
        name: issue.keyword,
        message: issue.message,
        property: propertyOf(issue.path),
        stack: `${propertyOf(issue.path) || '(root)'} ${issue.message}`,
      }))
      if (transformErrors) errors = transformErrors(errors, uiSchema)
      const builder = new ErrorSchemaBuilder()
      for (const error of errors) {
        const at = error.property?.replace(/^\./, '')
        builder.addErrors(error.message ?? 'is invalid', at || undefined)
      }
      return { errors, errorSchema: builder.ErrorSchema }
    },
    isValid(schema, formData, rootSchema) {
      return validateValue(schema, formData, rootSchema).length === 0
    },
    rawValidation(schema, formData) {
      return { errors: validateValue(schema, formData) as never[] }
    },
  }
}
