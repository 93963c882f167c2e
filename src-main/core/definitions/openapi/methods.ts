// Operations → methods. Each GET/PUT/POST/DELETE/PATCH operation becomes one method whose input is an
// object of the path, query and header parameters plus the request body, and whose http binding says
// where each input field goes:
//   - path parameters keep their names (the path's {name} segments are filled from the field of
//     that name); a {name} the document forgot to declare becomes a required string field;
//   - query parameters keep their names (the binding lists query fields by name); one that would
//     clash with a path parameter is left out, with a warning;
//   - header parameters are fields named after the header (renamed on a clash; headers map
//     header → field); Accept, Content-Type and Authorization are ignored, as OpenAPI 3 says;
//   - cookie parameters cannot be bound and are left out, with a warning;
//   - a JSON (or form) body whose schema is a plain object with properties is flattened: each property
//     becomes a top-level field listed in `body`; any other body (an array, a oneOf, additional
//     properties, or a property name already used by a parameter) is one field `body` (`bodyField`).
// HEAD, OPTIONS and TRACE operations cannot be expressed in a binding and are skipped, with a warning.
import type { HttpBinding, MethodDefinition } from '../../../contract/definition-format.ts'
import type { ValidationIssue } from '../../../contract/errors.ts'
import { requiredScopes } from './auth.ts'
import { asObject, type SchemaConverter } from './schema.ts'
import {
  isHttpUrl,
  isObj,
  issuePath,
  list,
  obj,
  str,
  text,
  type Dialect,
  type Obj,
  type Schema,
  type SchemaObject,
} from './util.ts'

export interface OperationRef {
  path: string
  verb: string
  pathItem: Obj
  operation: Obj
}

const verbs = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const bindable = new Set(['get', 'put', 'post', 'delete', 'patch'])
/** OpenAPI 3: header parameters by these names "SHALL be ignored". */
const ignoredHeaders = new Set(['accept', 'content-type', 'authorization'])

/** Every operation of the document, in document order. */
export function operationsOf(doc: Obj): OperationRef[] {
  const operations: OperationRef[] = []
  for (const [path, item] of Object.entries(obj(doc.paths) ?? {})) {
    const pathItem = obj(item)
    if (!pathItem) continue
    for (const verb of Object.keys(pathItem)) {
      const operation = obj(pathItem[verb])
      if (operation && verbs.includes(verb)) operations.push({ path, verb, pathItem, operation })
    }
  }
  return operations
}

export interface MethodContext {
  doc: Obj
  dialect: Dialect
  converter: SchemaConverter
  /** The oauth2 scheme signed in with, whose required scopes become each method's scopes. */
  oauthScheme: string | undefined
  warnings: ValidationIssue[]
}

export function methodsOf(operations: OperationRef[], context: MethodContext): MethodDefinition[] {
  const ids = new Set<string>()
  const methods: MethodDefinition[] = []
  for (const ref of operations) {
    const at = issuePath('paths', ref.path, ref.verb)
    if (!bindable.has(ref.verb)) {
      context.warnings.push({
        path: at,
        message: `is skipped: ${ref.verb.toUpperCase()} requests cannot be bound`,
      })
      continue
    }
    methods.push(methodOf(ref, at, uniqueId(methodId(ref), ids), context))
  }
  return methods
}

function methodOf(ref: OperationRef, at: string, id: string, context: MethodContext): MethodDefinition {
  const { operation, verb, path } = ref
  const method = verb.toUpperCase() as HttpBinding['method']
  const input = new InputBuilder()
  const http: HttpBinding = { method, path }
  bindParameters(ref, at, input, http, context)
  if (verb === 'get') {
    if (
      operation.requestBody !== undefined ||
      parametersOf(ref).some((param) => param.in === 'body' || param.in === 'formData')
    ) {
      context.warnings.push({
        path: `${at}.requestBody`,
        message: 'is left out: a GET request cannot have a body',
      })
    }
  } else bindBody(ref, at, input, http, context)

  // A binding's path is below the definition's one base URL; a server of the operation's own (GitHub's
  // uploads.github.com for release assets) cannot be expressed.
  const servers = list(operation.servers).length ? list(operation.servers) : list(ref.pathItem.servers)
  const own = str(obj(servers[0])?.url)
  if (own !== undefined && own !== str(obj(list(context.doc.servers)[0])?.url)) {
    context.warnings.push({
      path: `${at}.servers`,
      message: `names its own server (${own}); the method is called on the definition's base URL`,
    })
  }
  const summary = text(operation.summary)
  const docs = str(obj(operation.externalDocs)?.url)
  const description = [
    operation.deprecated === true ? 'Deprecated.' : '',
    text(operation.description) ?? summary ?? '',
    isHttpUrl(docs) ? `Documentation: ${docs}` : '',
  ]
    .filter(Boolean)
    .join('\n\n')
  const result: MethodDefinition = {
    id,
    name: summary ?? `${method} ${path}`,
    description,
    kind: verb === 'get' ? 'read' : verb === 'delete' ? 'delete' : 'write',
    idempotent: verb === 'get' || verb === 'put' || verb === 'delete',
    inputSchema: input.schema(),
    outputSchema: outputSchema(ref, at, context),
    http,
  }
  if (context.oauthScheme) {
    const security = operation.security !== undefined ? operation.security : context.doc.security
    const scopes = requiredScopes(security, context.oauthScheme)
    if (scopes.length) result.scopes = scopes
  }
  return result
}

/** The method's input fields: an object schema built up field by field. */
class InputBuilder {
  readonly #properties: [string, Schema][] = []
  readonly #names = new Set<string>()
  readonly #required: string[] = []

  has(name: string): boolean {
    return this.#names.has(name)
  }

  add(name: string, schema: Schema, required: boolean): void {
    this.#properties.push([name, schema])
    this.#names.add(name)
    if (required) this.#required.push(name)
  }

  /** `name`, or `name` with a suffix when taken. */
  free(name: string, suffix: string): string {
    if (!this.has(name)) return name
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? `${name}${suffix}` : `${name}${suffix}${n}`
      if (!this.has(candidate)) return candidate
    }
  }

  schema(): SchemaObject {
    const schema: SchemaObject = { type: 'object', properties: Object.fromEntries(this.#properties) }
    if (this.#required.length) schema.required = this.#required
    schema.additionalProperties = false
    return schema
  }
}

/** Path-level parameters overridden by operation-level ones of the same name and location. */
function parametersOf({ pathItem, operation }: OperationRef): Obj[] {
  const byKey = new Map<string, Obj>()
  for (const param of [...list(pathItem.parameters), ...list(operation.parameters)]) {
    if (!isObj(param)) continue
    const name = str(param.name)
    const where = str(param.in)
    if (name === undefined || where === undefined) continue
    byKey.set(`${where}:${where === 'header' ? name.toLowerCase() : name}`, param)
  }
  return [...byKey.values()]
}

/** A parameter's schema: OpenAPI 3's `schema` (or its one `content` entry), or the Swagger 2.0 parameter itself. */
function parameterSchema(param: Obj, at: string, context: MethodContext): Schema {
  let source: unknown = param
  if (context.dialect !== 'swagger2') {
    const content = obj(param.content)
    source = param.schema ?? (content ? obj(Object.values(content)[0])?.schema : undefined) ?? {}
  }
  let schema = context.converter.convert(source, `${at}.schema`)
  const description = text(param.description)
  // The converted schema may be shared with other uses, so it is copied, never changed.
  if (description && asObject(schema).description !== description)
    schema = { ...asObject(schema), description }
  if (
    context.dialect !== 'swagger2' &&
    param.example !== undefined &&
    asObject(schema).examples === undefined
  ) {
    schema = { ...asObject(schema), examples: [param.example] }
  }
  return schema
}

function bindParameters(
  ref: OperationRef,
  at: string,
  input: InputBuilder,
  http: HttpBinding,
  context: MethodContext,
) {
  const params = parametersOf(ref)
  const paramAt = (param: Obj) => `${at}.parameters.${str(param.in)}.${str(param.name)}`
  for (const [, name = ''] of ref.path.matchAll(/\{([^}]+)\}/g)) {
    if (input.has(name)) continue
    const declared = params.find((param) => param.in === 'path' && param.name === name)
    input.add(
      name,
      declared ? parameterSchema(declared, paramAt(declared), context) : { type: 'string' },
      true,
    )
  }
  const query: string[] = []
  const headers: [string, string][] = []
  for (const param of params) {
    const name = str(param.name) ?? ''
    const required = param.required === true
    if (param.in === 'query') {
      if (input.has(name)) {
        context.warnings.push({
          path: paramAt(param),
          message: 'is left out: a path parameter has the same name',
        })
        continue
      }
      input.add(name, parameterSchema(param, paramAt(param), context), required)
      query.push(name)
    } else if (param.in === 'header') {
      if (ignoredHeaders.has(name.toLowerCase())) continue
      const field = input.free(name, '-header')
      input.add(field, parameterSchema(param, paramAt(param), context), required)
      headers.push([name, field])
    } else if (param.in === 'cookie') {
      context.warnings.push({
        path: paramAt(param),
        message: 'is left out: cookie parameters cannot be bound',
      })
    }
  }
  if (query.length) http.query = query
  if (headers.length) http.headers = Object.fromEntries(headers)
}

const isJson = (mediaType: string) => /^[^;]*\bjson\b/i.test(mediaType)
const isForm = (mediaType: string) =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(mediaType)

interface Body {
  schema: Schema
  required: boolean
  encoding: 'json' | 'form'
  description?: string | undefined
}

/** The request body: OpenAPI 3's requestBody, or Swagger 2.0's body or formData parameters. */
function requestBody(ref: OperationRef, at: string, context: MethodContext): Body | undefined {
  const { converter } = context
  if (context.dialect === 'swagger2') {
    const params = parametersOf(ref)
    const body = params.find((param) => param.in === 'body')
    if (body) {
      return {
        schema: converter.convert(body.schema ?? {}, `${at}.parameters.body.${str(body.name)}.schema`),
        required: body.required === true,
        encoding: 'json',
        description: text(body.description),
      }
    }
    const form = params.filter((param) => param.in === 'formData')
    if (!form.length) return undefined
    const fields = form.map((param) => {
      const name = str(param.name) ?? ''
      return [name, parameterSchema(param, `${at}.parameters.formData.${name}`, context)] as const
    })
    const required = form.filter((param) => param.required === true).map((param) => str(param.name) ?? '')
    const schema: SchemaObject = { type: 'object', properties: Object.fromEntries(fields) }
    if (required.length) schema.required = required
    return { schema, required: required.length > 0, encoding: 'form' }
  }
  const body = obj(ref.operation.requestBody)
  const content = obj(body?.content)
  if (!body || !content) return undefined
  const types = Object.keys(content)
  const json = types.find(isJson)
  const form = types.find(isForm)
  const chosen = json ?? form ?? types[0]
  if (chosen === undefined) return undefined
  let description = text(body.description)
  if (!json && !form) {
    // The binding sends JSON or a form; a document that wants another media type gets the field,
    // and a note, so the method still exists.
    description = [description, `The API expects ${chosen}.`].filter(Boolean).join(' ')
  }
  const schema = obj(content[chosen])?.schema ?? {}
  return {
    schema: converter.convert(schema, `${at}.requestBody.content.${chosen}.schema`),
    required: body.required === true,
    encoding: form && !json ? 'form' : 'json',
    description,
  }
}

/** A body schema whose properties can be top-level fields: an object, its properties listed, nothing more. */
function flattenable(schema: Schema): schema is SchemaObject & { properties: Record<string, Schema> } {
  if (typeof schema === 'boolean') return false
  const properties = obj(schema.properties)
  if (!properties || !Object.keys(properties).length) return false
  if (schema.type !== undefined && schema.type !== 'object') return false
  const extra = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'dependencies', 'patternProperties', 'propertyNames']
  if (extra.some((key) => schema[key] !== undefined)) return false
  if (schema.minProperties !== undefined || schema.maxProperties !== undefined) return false
  return schema.additionalProperties === undefined || schema.additionalProperties === false
}

function bindBody(
  ref: OperationRef,
  at: string,
  input: InputBuilder,
  http: HttpBinding,
  context: MethodContext,
) {
  const body = requestBody(ref, at, context)
  if (!body) return
  const { schema } = body
  if (flattenable(schema) && Object.keys(schema.properties).every((name) => !input.has(name))) {
    const required = new Set(body.required ? list(schema.required) : [])
    for (const [name, property] of Object.entries(schema.properties))
      input.add(name, property, required.has(name))
    http.body = Object.keys(schema.properties)
  } else {
    const field = input.has('body') ? input.free('requestBody', '') : 'body'
    const own = body.description ? { ...asObject(schema), description: body.description } : schema
    input.add(field, own, body.required)
    http.bodyField = field
  }
  if (body.encoding === 'form') http.bodyEncoding = 'form'
}

/** 2xx responses, 200 and 201 first, then the other codes in order, then 2XX. */
function successCodes(responses: Obj): string[] {
  const rank = (code: string) =>
    code === '200' ? 0 : code === '201' ? 1 : /^\d+$/.test(code) ? Number(code) : 1000
  return Object.keys(responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .sort((a, b) => rank(a) - rank(b))
}

/**
 * The JSON schema of the successful responses: {} when none has one, that schema when one does, and
 * anyOf them when several 2xx responses differ (GitHub's 201 deployment or 202 message), so a
 * response of any of them validates.
 */
function outputSchema(ref: OperationRef, at: string, context: MethodContext): SchemaObject {
  const responses = obj(ref.operation.responses) ?? {}
  const produces = list(ref.operation.produces ?? context.doc.produces).filter(
    (type) => typeof type === 'string',
  )
  const found: { source: unknown; at: string }[] = []
  for (const code of successCodes(responses)) {
    const response = obj(responses[code])
    const where = `${at}.responses.${code}`
    if (!response) continue
    if (context.dialect === 'swagger2') {
      if (
        response.schema !== undefined &&
        (!produces.length || produces.some((type) => isJson(String(type))))
      ) {
        found.push({ source: response.schema, at: `${where}.schema` })
      }
      continue
    }
    const content = obj(response.content) ?? {}
    const type = Object.keys(content).find(isJson)
    const schema = type === undefined ? undefined : obj(content[type])?.schema
    if (schema !== undefined) found.push({ source: schema, at: `${where}.content.${type}.schema` })
  }
  const distinct = found.filter(
    (entry, index) => found.findIndex((other) => other.source === entry.source) === index,
  )
  const [first] = distinct
  if (!first) return {}
  if (distinct.length === 1) return context.converter.convertRoot(first.source, first.at)
  return { anyOf: distinct.map((entry) => context.converter.convert(entry.source, entry.at, true)) }
}

/** A method id from the operationId ("repos/list-for-org" → "repos.list-for-org"), or from verb and path. */
function methodId({ operation, verb, path }: OperationRef): string {
  const fromOperation = sanitizeId(str(operation.operationId) ?? '')
  if (fromOperation) return fromOperation
  const segments = path.split('/').map((segment) => segment.replace(/[{}]/g, ''))
  return sanitizeId([verb, ...segments].filter(Boolean).join('.')) || verb
}

function sanitizeId(raw: string): string {
  return raw
    .trim()
    .replace(/\s*[/\\:]+\s*/g, '.')
    .replace(/\s+/g, '-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 128)
}

/** Ids are unique regardless of case; a repeated one gets -2, -3, … */
function uniqueId(id: string, taken: Set<string>): string {
  let candidate = id
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = `-${n}`
    candidate = `${id.slice(0, 128 - suffix.length)}${suffix}`
  }
  taken.add(candidate.toLowerCase())
  return candidate
}
