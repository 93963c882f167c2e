// The one message builder: JSON Schema validation errors (ajv's, or the renderer's validator's mapped
// to the same shape) as sentences people can read. Each names the field by its `title` (else its
// name), says in words what is wrong, and adds the schema's own `description` as the hint — never a
// raw regular expression alone. anyOf/oneOf/const/enum noise collapses into one line ("authType must
// be one of oauth2, apikey, custom, none"), and each issue is reported once.
//
// Used by the import report, the connection wizard and forms, the CLI and the API's argument checks.
// Dependency-free (type imports only), so the renderer imports it as it is.
import type { ValidationIssue } from './errors.ts'

/** One validation error, in ajv's shape (which the renderer's validator output is mapped to). */
export interface SchemaError {
  keyword: string
  /** JSON pointer of the value ("/config/region"); empty for the value itself. */
  instancePath: string
  /** JSON pointer of the failing keyword in the schema ("#/properties/region/pattern"). */
  schemaPath: string
  params: Record<string, unknown>
  message?: string
  /** The schema holding the keyword (ajv's `verbose`); else looked up from the root schema. */
  parentSchema?: unknown
  /** The value that failed (ajv's `verbose`); used to pick the anyOf branch that was meant. */
  data?: unknown
}

export interface MessageOptions {
  /** Prefix of every path ("config", "secrets"). */
  root?: string
  /** The schema validated against, where errors carry no parentSchema. */
  rootSchema?: unknown
  /** Add the field's description as the hint (default); a form that shows it already leaves it out. */
  hints?: boolean
}

type Schema = Record<string, unknown>
const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** "/config/region" → "config.region"; array indexes stay as [0]. Empty means the value itself. */
export function pointerToPath(pointer: string): string {
  if (!pointer) return ''
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '')
}

const segmentsOf = (pointer: string) =>
  pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((raw) => decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~'))

/** The schema at a schema pointer, following local $refs met on the way (the renderer's validator's paths). */
export function schemaAt(root: unknown, pointer: string): unknown {
  let node = root
  for (const key of segmentsOf(pointer)) {
    if (!isObject(node) && !Array.isArray(node)) return undefined
    const next = (node as Schema)[key]
    node = key === '$ref' && typeof next === 'string' && next.startsWith('#') ? schemaAt(root, next) : next
  }
  return node
}

const parentPointer = (schemaPath: string) => schemaPath.slice(0, schemaPath.lastIndexOf('/'))

function parentOf(error: SchemaError, options: MessageOptions): Schema {
  if (isObject(error.parentSchema)) return error.parentSchema
  const found =
    options.rootSchema === undefined
      ? undefined
      : schemaAt(options.rootSchema, parentPointer(error.schemaPath))
  return isObject(found) ? found : {}
}

const lastName = (path: string) => {
  const match = /(?:^|\.)([^.]+)$/.exec(path)
  return match?.[1] ?? path
}

/** A field's name for people: its title, else its own name. */
function subject(schema: Schema | undefined, path: string): string {
  if (schema && typeof schema.title === 'string' && schema.title.trim()) return schema.title.trim()
  return path ? lastName(path) : 'The value'
}

const hintOf = (schema: Schema | undefined) =>
  schema && typeof schema.description === 'string' && schema.description.trim()
    ? schema.description.trim()
    : undefined

/** Ends with a full stop unless it already ends a sentence. */
const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`)

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

/** "a, b or c" */
export function oneOfList(values: readonly unknown[], last = 'or'): string {
  const words = values.map(show)
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`
}

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
}

const formatWords: Record<string, string> = {
  email: 'an e-mail address',
  uri: 'an absolute URL (https://…)',
  url: 'an absolute URL (https://…)',
  'uri-reference': 'a URL or a path',
  uuid: 'a UUID (8-4-4-4-12 hexadecimal digits)',
  'date-time': 'a date and time (ISO 8601, e.g. 2026-01-31T09:30:00Z)',
  date: 'a date (YYYY-MM-DD)',
  time: 'a time (HH:MM:SS)',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  regex: 'a regular expression',
}

// ---- patterns in words --------------------------------------------------------------------------

const literalChar = /^(?:\\[.\-_/:+*?()[\]{}|^$\\]|[A-Za-z0-9 _\-:/@#%&=~,'"!]|\\d)/

/** The literal alternatives of a pattern made of literal text and (a|b) groups, or null. */
function alternatives(source: string): string[] | null {
  let rest = source
  let results = ['']
  while (rest.length) {
    const group = /^\((?:\?:)?([^()]*)\)/.exec(rest)
    if (group) {
      const options = (group[1] ?? '').split('|')
      if (!options.every((option) => /^(?:\\.|[A-Za-z0-9 _\-:/@#])*$/.test(option))) return null
      const plain = options.map((option) => option.replace(/\\(.)/g, '$1'))
      results = results.flatMap((prefix) => plain.map((option) => prefix + option))
      rest = rest.slice(group[0].length)
    } else {
      const char = literalChar.exec(rest)
      if (!char || char[0] === '\\d') return null
      const text = char[0].replace(/^\\/, '')
      results = results.map((prefix) => prefix + text)
      rest = rest.slice(char[0].length)
    }
    if (results.length > 8) return null
  }
  return results
}

/** What an anchored, simple pattern asks for ("must start with sk_test_ or sk_live_"), or null. */
export function describePattern(pattern: string): string | null {
  if (!pattern.startsWith('^')) return null
  const exact = pattern.endsWith('$') && !pattern.endsWith('\\$')
  const body = pattern.slice(1, exact ? -1 : undefined)
  const options = alternatives(body)
  if (!options || options.some((option) => !option)) return null
  return exact ? `must be ${oneOfList(options)}` : `must start with ${oneOfList(options)}`
}

// ---- one error in words -------------------------------------------------------------------------

const plural = (count: unknown, word: string) => `${String(count)} ${word}${count === 1 ? '' : 's'}`

function predicate(error: SchemaError, field: Schema): string {
  const p = error.params
  switch (error.keyword) {
    case 'type':
      return `must be ${oneOfList(
        String(p.type)
          .split(',')
          .map((type) => typeWords[type] ?? type),
      )}`
    case 'enum':
      return `must be one of ${oneOfList((p.allowedValues as unknown[] | undefined) ?? [])}`
    case 'const':
      return `must be ${show(p.allowedValue)}`
    case 'pattern': {
      const pattern = String(p.pattern ?? field.pattern ?? '')
      return describePattern(pattern) ?? 'is not in the expected form'
    }
    case 'format':
      return `must be ${formatWords[String(p.format)] ?? `a valid ${String(p.format)}`}`
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${plural(p.limit, 'character')} long`
    case 'maxLength':
      return `must be at most ${plural(p.limit, 'character')} long`
    case 'minimum':
      return `must be at least ${show(p.limit)}`
    case 'maximum':
      return `must be at most ${show(p.limit)}`
    case 'exclusiveMinimum':
      return `must be greater than ${show(p.limit)}`
    case 'exclusiveMaximum':
      return `must be less than ${show(p.limit)}`
    case 'multipleOf':
      return `must be a multiple of ${show(p.multipleOf)}`
    case 'minItems':
      return p.limit === 1 ? 'must have at least one item' : `must have at least ${plural(p.limit, 'item')}`
    case 'maxItems':
      return `must have at most ${plural(p.limit, 'item')}`
    case 'uniqueItems':
      return typeof p.i === 'number' && typeof p.j === 'number'
        ? `must not repeat an item (items ${p.j} and ${p.i} are the same)`
        : 'must not repeat an item'
    case 'minProperties':
      return p.limit === 1 ? 'must not be empty' : `must have at least ${plural(p.limit, 'field')}`
    case 'maxProperties':
      return `must have at most ${plural(p.limit, 'field')}`
    case 'not':
    case 'false schema':
      return 'is not allowed'
    case 'propertyNames':
      return `has a field named "${String(p.propertyName)}", which is not allowed`
    default:
      return error.message ?? 'is not valid'
  }
}

const join = (base: string, child: string) => (base ? `${base}.${child}` : child)
const withRoot = (root: string | undefined, path: string) =>
  (root ? (path ? `${root}.${path}` : root) : path) || '(root)'

/** Sentence for one error (after anyOf collapsing), with the path it concerns. */
function issueOf(error: SchemaError, options: MessageOptions): ValidationIssue | null {
  const parent = parentOf(error, options)
  const path = pointerToPath(error.instancePath)
  const properties = isObject(parent.properties) ? parent.properties : {}
  switch (error.keyword) {
    case 'if':
    case 'then':
    case 'else':
    case '$ref':
      return null // announces errors reported on their own
    case 'required':
    case 'dependentRequired':
    case 'dependencies': {
      const name = String(error.params.missingProperty)
      const fieldPath = join(path, name)
      const field = isObject(properties[name]) ? properties[name] : undefined
      const when =
        error.keyword === 'required' ? '' : ` when ${String(error.params.property ?? 'another field')} is set`
      return {
        path: withRoot(options.root, fieldPath),
        message: `${subject(field, fieldPath)} is required${when}.`,
      }
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(error.params.additionalProperty ?? error.params.unevaluatedProperty)
      const fieldPath = join(path, name)
      const known = Object.keys(properties)
      const hint = known.length && known.length <= 12 ? ` (known fields: ${known.join(', ')})` : ''
      return { path: withRoot(options.root, fieldPath), message: `${name} is not a field here${hint}.` }
    }
  }
  const hint = options.hints === false ? undefined : hintOf(parent)
  let message = `${subject(parent, path)} ${predicate(error, parent)}`
  if (hint) message += ` — ${hint}`
  else if (error.keyword === 'pattern' && !describePattern(String(error.params.pattern ?? '')))
    message += ` (it must match ${String(error.params.pattern)})`
  return { path: withRoot(options.root, path), message: sentence(message) }
}

// ---- anyOf / oneOf collapsing -------------------------------------------------------------------

/** A property every branch fixes with a const (TypeBox's tagged unions: customAuth.scheme). */
function discriminator(branches: Schema[]): string | null {
  const first = branches[0]
  if (!first || !isObject(first.properties)) return null
  for (const [name, property] of Object.entries(first.properties)) {
    if (!isObject(property) || !('const' in property)) continue
    if (
      branches.every(
        (b) => isObject(b.properties) && isObject(b.properties[name]) && 'const' in b.properties[name],
      )
    )
      return name
  }
  return null
}

const constOf = (schema: Schema): unknown[] | null =>
  'const' in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : null

interface Collapse {
  drop: Set<SchemaError>
  replace: Map<SchemaError, ValidationIssue | null>
}

function collapse(errors: readonly SchemaError[], options: MessageOptions): Collapse {
  const result: Collapse = { drop: new Set(), replace: new Map() }
  const alternatives = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length)
  for (const error of alternatives) {
    if (result.drop.has(error)) continue
    const inside = (e: SchemaError) => e !== error && e.schemaPath.startsWith(`${error.schemaPath}/`)
    const parent = parentOf(error, options)
    const branches = (Array.isArray(parent[error.keyword]) ? parent[error.keyword] : []) as unknown[]
    const objects = branches.filter(isObject)
    const path = pointerToPath(error.instancePath)
    const subjectName = subject(parent, path)
    const hint = options.hints === false ? undefined : hintOf(parent)
    const withHint = (text: string) => sentence(`${text}${hint ? ` — ${hint}` : ''}`)
    // oneOf that failed because several branches matched: one line, nothing to collapse.
    if (error.keyword === 'oneOf' && Array.isArray(error.params.passingSchemas)) {
      result.replace.set(error, {
        path: withRoot(options.root, path),
        message: withHint(`${subjectName} matches more than one of the allowed forms`),
      })
      continue
    }
    const constants = objects.map(constOf)
    if (objects.length && constants.every((c): c is unknown[] => c !== null)) {
      errors.filter(inside).forEach((e) => result.drop.add(e))
      result.replace.set(error, {
        path: withRoot(options.root, path),
        message: withHint(`${subjectName} must be one of ${oneOfList(constants.flat())}`),
      })
      continue
    }
    const tag = objects.length === branches.length ? discriminator(objects) : null
    if (tag) {
      const value = isObject(error.data) ? error.data[tag] : undefined
      const chosen = objects.findIndex(
        (b) =>
          (b.properties as Schema)[tag] !== undefined &&
          ((b.properties as Schema)[tag] as Schema).const === value,
      )
      if (chosen >= 0) {
        // The tag says which form was meant: its errors are the ones that matter.
        const keep = `${error.schemaPath}/${chosen}/`
        errors.filter((e) => inside(e) && !e.schemaPath.startsWith(keep)).forEach((e) => result.drop.add(e))
        result.replace.set(error, null)
      } else {
        errors.filter(inside).forEach((e) => result.drop.add(e))
        const values = objects.map((b) => ((b.properties as Schema)[tag] as Schema).const)
        const tagPath = join(path, tag)
        result.replace.set(error, {
          path: withRoot(options.root, tagPath),
          message: `${tag} must be one of ${oneOfList(values)}.`,
        })
      }
      continue
    }
    // Alternatives that each require fields ("a payment_intent or a charge"): name them.
    const requires = objects.map((b) =>
      Object.keys(b).every((key) => key === 'required') && Array.isArray(b.required)
        ? (b.required as unknown[]).map(String).join(' and ')
        : null,
    )
    if (objects.length === branches.length && requires.every((r) => r !== null)) {
      errors.filter(inside).forEach((e) => result.drop.add(e))
      const which = error.keyword === 'oneOf' ? 'exactly one of' : 'at least one of'
      result.replace.set(error, {
        path: withRoot(options.root, path),
        message: withHint(`${subjectName} needs ${which} ${oneOfList(requires)}`),
      })
      continue
    }
    // Plain alternatives: one line listing what each allows, from their types where they have them.
    errors.filter(inside).forEach((e) => result.drop.add(e))
    const types = objects.map((b) => (typeof b.type === 'string' ? (typeWords[b.type] ?? b.type) : null))
    const forms = types.every((t) => t !== null) ? oneOfList([...new Set(types)]) : null
    result.replace.set(error, {
      path: withRoot(options.root, path),
      message: withHint(
        forms ? `${subjectName} must be ${forms}` : `${subjectName} does not match any of the allowed forms`,
      ),
    })
  }
  return result
}

/** The errors as issues: sentences, collapsed, each once, in the order the errors came. */
export function schemaIssues(
  errors: readonly SchemaError[] | null | undefined,
  options: MessageOptions = {},
): ValidationIssue[] {
  const list = errors ?? []
  const { drop, replace } = collapse(list, options)
  const seen = new Set<string>()
  const issues: ValidationIssue[] = []
  for (const error of list) {
    if (drop.has(error)) continue
    const issue = replace.has(error) ? replace.get(error) : issueOf(error, options)
    if (!issue) continue
    const key = `${issue.path}\u0000${issue.message}`
    if (seen.has(key)) continue
    seen.add(key)
    issues.push(issue)
  }
  return issues
}

/** Issues as one line: "path: sentence; path: sentence". */
export function issuesText(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
}
