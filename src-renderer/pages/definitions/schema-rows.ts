// Flattens a JSON Schema into rows for a readable property table: nested objects and arrays of objects
// become indented child rows. Pure, so it is easy to test and cheap to memoise.

type Json = Record<string, unknown>

export interface SchemaRow {
  /** Unique within the table, e.g. "customers[].email". */
  key: string
  name: string
  depth: number
  type: string
  required: boolean
  description: string
  /** Constraints and defaults in words: "pattern ^cus_", "1 – 100", "default 10", "one of: a, b". */
  notes: string[]
}

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const refName = (ref: string) => ref.split('/').pop() ?? ref

/** A short type label: "string", "integer", "string | null", "array of object", "Customer ($ref)". */
export function typeLabel(schema: unknown): string {
  if (schema === true || (isJson(schema) && Object.keys(schema).length === 0)) return 'any'
  if (schema === false) return 'never'
  if (!isJson(schema)) return 'any'
  if (typeof schema.$ref === 'string') return refName(schema.$ref)
  if ('const' in schema) return `const ${JSON.stringify(schema.const)}`
  const type = schema.type
  const variants = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined
  if (type === undefined && Array.isArray(variants)) return variants.map(typeLabel).join(' | ')
  const types = Array.isArray(type) ? type.map(String) : type === undefined ? [] : [String(type)]
  const labels = types.map((one) =>
    one === 'array' && schema.items !== undefined ? `array of ${typeLabel(schema.items)}` : one,
  )
  if (labels.length) return labels.join(' | ')
  if (isJson(schema.properties)) return 'object'
  if (Array.isArray(schema.enum)) return 'enum'
  return 'any'
}

function notesOf(schema: Json): string[] {
  const notes: string[] = []
  if (Array.isArray(schema.enum))
    notes.push(`one of: ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`)
  if (typeof schema.format === 'string') notes.push(`format ${schema.format}`)
  if (typeof schema.pattern === 'string') notes.push(`pattern ${schema.pattern}`)
  const range = (min: unknown, max: unknown, unit = '') => {
    if (min !== undefined && max !== undefined) notes.push(`${min} – ${max}${unit}`)
    else if (min !== undefined) notes.push(`≥ ${min}${unit}`)
    else if (max !== undefined) notes.push(`≤ ${max}${unit}`)
  }
  range(schema.minimum, schema.maximum)
  range(schema.minLength, schema.maxLength, ' characters')
  range(schema.minItems, schema.maxItems, ' items')
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`)
  if (schema.readOnly === true) notes.push('read-only')
  if (schema.deprecated === true) notes.push('deprecated')
  return notes
}

/** The object schema whose properties are shown beneath a row, if any. */
function childObject(schema: Json): Json | null {
  if (isJson(schema.properties)) return schema
  if (isJson(schema.items) && isJson(schema.items.properties)) return schema.items
  return null
}

const maxDepth = 8

function walk(object: Json, prefix: string, depth: number, rows: SchemaRow[]): void {
  const properties = isJson(object.properties) ? object.properties : {}
  const required = new Set(Array.isArray(object.required) ? object.required.map(String) : [])
  for (const [name, value] of Object.entries(properties)) {
    const schema = isJson(value) ? value : {}
    const key = prefix ? `${prefix}.${name}` : name
    rows.push({
      key,
      name,
      depth,
      type: typeLabel(value),
      required: required.has(name),
      description: typeof schema.description === 'string' ? schema.description : String(schema.title ?? ''),
      notes: notesOf(schema),
    })
    const child = childObject(schema)
    if (child && depth < maxDepth) walk(child, child === schema ? key : `${key}[]`, depth + 1, rows)
  }
}

export function schemaRows(schema: unknown): SchemaRow[] {
  if (!isJson(schema)) return []
  const rows: SchemaRow[] = []
  const root = childObject(schema)
  if (root) walk(root, root === schema ? '' : '[]', 0, rows)
  // Alternatives at the root (e.g. "either payment_intent or charge") are summarised, not expanded.
  return rows
}

/** Root-level rules the table cannot show per row, in words. */
export function schemaRules(schema: unknown): string[] {
  if (!isJson(schema)) return []
  const rules: string[] = []
  const requiredSets = (variants: unknown) =>
    Array.isArray(variants)
      ? variants
          .map((variant) =>
            isJson(variant) && Array.isArray(variant.required) ? variant.required.join(' + ') : null,
          )
          .filter((text): text is string => Boolean(text))
      : []
  const oneOf = requiredSets(schema.oneOf)
  if (oneOf.length) rules.push(`Exactly one of: ${oneOf.join(' or ')}`)
  const anyOf = requiredSets(schema.anyOf)
  if (anyOf.length) rules.push(`At least one of: ${anyOf.join(' or ')}`)
  if (schema.additionalProperties === false) rules.push('No other fields are accepted.')
  if (schema.type === 'array') rules.push('An array; each item has the fields below.')
  return rules
}
