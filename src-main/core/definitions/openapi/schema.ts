// OpenAPI Schema Objects (Swagger 2.0, OpenAPI 3.0 and 3.1) → JSON Schema draft-07 that ajv compiles
// in strict mode. Keywords are copied from an allow-list, so anything draft-07 does not know (x-*
// extensions, discriminator, xml, externalDocs, deprecated, $defs, unevaluated*) is dropped, and
// each copied keyword's value is checked, so a malformed value is dropped rather than failing later.
//
// The dereferenced document shares one object for every use of a component, and so does the output:
// each source object is converted once and the result reused (GitHub's ~900 component schemas are
// used ~4,000 times). The converted schemas must therefore never be mutated; callers that need a
// variation (a parameter's own description) make a shallow copy.
import { fullFormats } from 'ajv-formats/dist/formats.js'
import { linearPatternProblem } from '../../validation/linear-regexp.ts'
import { invalid, isObj, str, type Dialect, type Obj, type Schema, type SchemaObject } from './util.ts'

const jsonTypes = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'])

/**
 * Formats ajv-formats knows, OpenAPI's own (int32, int64, float, double, byte, binary, password) among
 * them. Strict ajv refuses a schema with an unknown format, so others ("repo.nwo") are dropped.
 */
const knownFormats = new Set(Object.keys(fullFormats))

const stringKeywords = new Set(['title', 'description', '$comment', 'contentMediaType', 'contentEncoding'])
const countKeywords = new Set([
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'maxProperties',
  'minProperties',
])
const booleanKeywords = new Set(['uniqueItems', 'readOnly', 'writeOnly'])
const combinators = ['allOf', 'anyOf', 'oneOf', 'not'] as const

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
const uniqueStrings = (value: unknown[]): string[] => [
  ...new Set(value.filter((item): item is string => typeof item === 'string')),
]

export class SchemaConverter {
  readonly #dialect: Dialect
  // Two caches: the same source converts differently inside anyOf/oneOf/not/if (see #convert).
  readonly #plain = new Map<object, Schema>()
  readonly #composite = new Map<object, Schema>()
  readonly #active = new Set<object>()
  readonly #patterns = new Map<string, boolean>()

  constructor(dialect: Dialect) {
    this.#dialect = dialect
  }

  /** A top-level schema (method input or output): always an object, as the format requires. */
  convertRoot(source: unknown, at: string): SchemaObject {
    return asObject(this.convert(source, at))
  }

  /**
   * Converts one schema. `at` names where it was found, for error messages. `composite` is true inside
   * anyOf, oneOf, not and if/then/else, where ajv with useDefaults cannot apply a `default` and in
   * strict mode refuses the schema ("default is ignored"), so defaults are left out there.
   */
  convert(source: unknown, at: string, composite = false): Schema {
    if (typeof source === 'boolean') return source
    if (!isObj(source)) return {}
    const cache = composite ? this.#composite : this.#plain
    const done = cache.get(source)
    if (done !== undefined) return done
    // The document's cycles were refused before conversion; this guard keeps a missed one from
    // overflowing the stack.
    if (this.#active.has(source)) {
      throw invalid(
        'The OpenAPI document has a $ref cycle',
        at,
        'is a schema that contains itself ($ref cycle)',
      )
    }
    this.#active.add(source)
    try {
      const result = this.#build(source, at, composite)
      cache.set(source, result)
      return result
    } finally {
      this.#active.delete(source)
    }
  }

  #build(source: Obj, at: string, composite: boolean): Schema {
    const ref = str(source.$ref)
    if (ref !== undefined) {
      throw invalid(
        'The OpenAPI document has a $ref that cannot be resolved',
        at,
        `refers to "${ref}", outside the document; only references within the document are imported`,
      )
    }
    // OpenAPI 3.0 `nullable` (and Swagger's x-nullable) adds null to `type`. Without a `type`, 3.0.3
    // says it has no effect, but documents (GitHub's 143 times) write it beside allOf/anyOf/oneOf
    // meaning "or null", so that becomes anyOf [null, the schema]; a `default` stays outside, where
    // ajv can still apply it.
    const nullable = source.nullable === true || source['x-nullable'] === true
    if (nullable && source.type === undefined && combinators.some((key) => source[key] !== undefined)) {
      const wrapper: SchemaObject = {}
      if (typeof source.description === 'string') wrapper.description = source.description
      if (!composite && source.default !== undefined) wrapper.default = source.default
      wrapper.anyOf = [{ type: 'null' }, this.#keywords(source, at, true, false)]
      return wrapper
    }
    return this.#keywords(source, at, composite, nullable)
  }

  #keywords(source: Obj, at: string, composite: boolean, nullable: boolean): SchemaObject {
    const out: SchemaObject = {}
    const child = (value: unknown, path: string, inComposite = composite) =>
      this.convert(value, `${at}.${path}`, inComposite)
    for (const [key, value] of Object.entries(source)) {
      if (stringKeywords.has(key)) {
        if (typeof value === 'string') out[key] = value
      } else if (countKeywords.has(key)) {
        if (Number.isInteger(value) && (value as number) >= 0) out[key] = value
      } else if (booleanKeywords.has(key)) {
        if (typeof value === 'boolean') out[key] = value
      } else {
        switch (key) {
          case 'type': {
            const types = typeList(value)
            if (!types) break
            if (nullable && !types.includes('null')) types.push('null')
            out.type = types.length === 1 ? types[0] : types
            // Swagger 2.0's "file" is a binary string.
            if (value === 'file' && source.format === undefined) out.format = 'binary'
            break
          }
          case 'format':
            if (typeof value === 'string' && knownFormats.has(value)) out.format = value
            break
          case 'enum':
            if (Array.isArray(value)) out.enum = nullable && !value.includes(null) ? [...value, null] : value
            break
          case 'const':
            out.const = value
            break
          case 'default':
            if (!composite) out.default = value
            break
          case 'examples':
            if (Array.isArray(value)) out.examples = value
            break
          case 'example':
            if (!Array.isArray(source.examples)) out.examples = [value]
            break
          case 'multipleOf':
            if (isNumber(value) && value > 0) out.multipleOf = value
            break
          case 'maximum':
          case 'minimum':
          case 'exclusiveMaximum':
          case 'exclusiveMinimum':
            // Numbers only; the boolean form of Swagger 2.0 and OpenAPI 3.0 is rewritten below.
            if (isNumber(value)) out[key] = value
            break
          case 'pattern':
            if (typeof value === 'string' && this.#validPattern(value)) out.pattern = value
            break
          case 'required':
            if (Array.isArray(value) && value.length) out.required = uniqueStrings(value)
            break
          case 'properties':
            if (isObj(value))
              out.properties = mapEntries(value, (name, schema) => child(schema, `properties.${name}`))
            break
          case 'patternProperties':
            if (isObj(value)) {
              const valid = Object.fromEntries(
                Object.entries(value).filter(([pattern]) => this.#validPattern(pattern)),
              )
              out.patternProperties = mapEntries(valid, (name, schema) =>
                child(schema, `patternProperties.${name}`),
              )
            }
            break
          case 'additionalProperties':
            if (typeof value === 'boolean' || isObj(value)) out.additionalProperties = child(value, key)
            break
          case 'items':
            if (Array.isArray(value)) out.items = value.map((item, index) => child(item, `items[${index}]`))
            else if (this.#dialect === 'oas31' && Array.isArray(source.prefixItems)) {
              // 2020-12: items after prefixItems is draft-07's additionalItems.
              if (typeof value === 'boolean' || isObj(value)) out.additionalItems = child(value, key)
            } else if (typeof value === 'boolean' || isObj(value)) out.items = child(value, key)
            break
          case 'prefixItems':
            if (Array.isArray(value))
              out.items = value.map((item, index) => child(item, `prefixItems[${index}]`))
            break
          case 'additionalItems':
            // ajv (strict) refuses additionalItems unless items is a list.
            if (Array.isArray(source.items) && (typeof value === 'boolean' || isObj(value))) {
              out.additionalItems = child(value, key)
            }
            break
          case 'contains':
          case 'propertyNames':
          case 'not':
            if (typeof value === 'boolean' || isObj(value)) out[key] = child(value, key, true)
            break
          case 'allOf':
          case 'anyOf':
          case 'oneOf':
            if (Array.isArray(value) && value.length) {
              out[key] = value.map((item, index) =>
                child(item, `${key}[${index}]`, key === 'allOf' ? composite : true),
              )
            }
            break
          default:
            // Everything else is dropped: see the file comment. if/then/else and the dependencies
            // family are handled below, as they depend on each other.
            break
        }
      }
    }
    // Swagger 2.0 and OpenAPI 3.0 write an exclusive bound as a boolean beside maximum/minimum.
    for (const [exclusive, bound] of [
      ['exclusiveMaximum', 'maximum'],
      ['exclusiveMinimum', 'minimum'],
    ] as const) {
      if (source[exclusive] === true && isNumber(source[bound])) {
        out[exclusive] = source[bound]
        delete out[bound]
      }
    }
    // ajv (strict) refuses an `if` without then/else, and then/else without `if`.
    if (source.if !== undefined && (source.then !== undefined || source.else !== undefined)) {
      for (const key of ['if', 'then', 'else'] as const) {
        const value = source[key]
        if (typeof value === 'boolean' || isObj(value)) out[key] = child(value, key, true)
      }
    }
    const dependencies: [string, Schema | string[]][] = []
    for (const key of ['dependencies', 'dependentRequired', 'dependentSchemas'] as const) {
      const group = source[key]
      if (!isObj(group)) continue
      for (const [name, value] of Object.entries(group)) {
        if (Array.isArray(value)) dependencies.push([name, uniqueStrings(value)])
        else if (typeof value === 'boolean' || isObj(value))
          dependencies.push([name, child(value, `${key}.${name}`, true)])
      }
    }
    if (dependencies.length) out.dependencies = Object.fromEntries(dependencies)
    return out
  }

  /**
   * ajv compiles patterns with the u flag (for its meta-schema's `regex` format) and runs them on RE2
   * (linear time); a pattern that does not compile both ways (a lookahead, a backreference) is dropped.
   */
  #validPattern(pattern: string): boolean {
    let valid = this.#patterns.get(pattern)
    if (valid === undefined) {
      try {
        new RegExp(pattern, 'u')
        valid = linearPatternProblem(pattern) === null
      } catch {
        valid = false
      }
      this.#patterns.set(pattern, valid)
    }
    return valid
  }
}

/** The JSON types named by `type`, or undefined when none is valid. */
function typeList(value: unknown): string[] | undefined {
  const names = (Array.isArray(value) ? value : [value])
    .map((name) => (name === 'file' ? 'string' : name))
    .filter((name): name is string => typeof name === 'string' && jsonTypes.has(name))
  const unique = [...new Set(names)]
  return unique.length ? unique : undefined
}

// Object.fromEntries, not assignment: a property may be called "__proto__".
function mapEntries(source: Obj, convert: (name: string, value: unknown) => Schema): Record<string, Schema> {
  return Object.fromEntries(Object.entries(source).map(([name, value]) => [name, convert(name, value)]))
}

/** A boolean schema as an object: true is {}, false is {not: {}}. */
export function asObject(schema: Schema): SchemaObject {
  if (schema === true) return {}
  if (schema === false) return { not: {} }
  return schema
}
