// A ContractSpec IntegrationSpec turned into a definition, with a note for every part: where it went,
// what was derived, and what had no place. The spec has no methods: each capability operation becomes
// a method with open input and output schemas and no binding, so it needs an endpoint (a baseUrl in
// the connection's config, or a connector) before it can be called.
import type { IntegrationDefinition, MethodDefinition } from '../../../contract/definition-format.ts'
import type { ValidationIssue } from '../../../contract/errors.ts'
import { fieldKeys, specKeys, type FieldMap, type IntegrationSpec } from './spec.ts'

export interface Converted {
  definition: IntegrationDefinition
  /** What went where (for the import report). */
  notes: ValidationIssue[]
  /** What had no place, or was guessed. */
  warnings: ValidationIssue[]
}

/** JSON Schema keywords a field of the spec may carry besides its own; kept as they are. */
const schemaKeywords = new Set([
  'title',
  'enum',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'items',
  'examples',
])

/** A flat field map ({name: {type, description, required, default}}) as a JSON Schema object. */
export function fieldMapToSchema(
  map: FieldMap | undefined,
  at: string,
  warnings: ValidationIssue[],
): Record<string, unknown> {
  const properties: Record<string, Record<string, unknown>> = {}
  const required: string[] = []
  for (const [name, field] of Object.entries(map ?? {})) {
    const property: Record<string, unknown> = { type: field.type }
    if (field.description !== undefined) property.description = field.description
    if (field.default !== undefined) property.default = field.default
    for (const [key, value] of Object.entries(field)) {
      if (fieldKeys.has(key)) continue
      if (schemaKeywords.has(key)) property[key] = value
      else
        warnings.push({
          path: `${at}.${name}.${key}`,
          message: `${key} has no place in a definition; dropped.`,
        })
    }
    properties[name] = property
    if (field.required) required.push(name)
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) }
}

const readWords = /^(list|get|read|retrieve|fetch|search|find|query|lookup|describe|count|export)/i
const deleteWords = /^(delete|remove|destroy|archive|cancel|revoke)/i

function kindOf(operation: string): MethodDefinition['kind'] {
  if (readWords.test(operation)) return 'read'
  if (deleteWords.test(operation)) return 'delete'
  return 'write'
}

const methodCapability = /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/

/** The signature scheme a webhook's signature header implies (the ones Switchboard verifies). */
function schemeOf(header: string | undefined): NonNullable<IntegrationDefinition['webhooks']>['scheme'] {
  switch (header?.toLowerCase()) {
    case 'stripe-signature':
      return 'stripe'
    case 'x-hub-signature-256':
      return 'github'
    case 'x-slack-signature':
      return 'slack'
    default:
      return undefined
  }
}

const spaced = (id: string) => id.replace(/[._-]+/g, ' ')

export function specToDefinition(spec: IntegrationSpec): Converted {
  const notes: ValidationIssue[] = []
  const warnings: ValidationIssue[] = []
  const note = (path: string, message: string) => notes.push({ path, message })

  const definition: IntegrationDefinition = {
    integrationId: spec.id,
    name: spec.label,
    description: spec.description ?? '',
    version: spec.version ?? '1.0.0',
    authType: 'none',
    configSchema: fieldMapToSchema(spec.configSchema, 'configSchema', warnings),
    methods: [],
  }
  note('id', 'became integrationId.')
  note('label', 'became name.')
  if (spec.version === undefined)
    warnings.push({ path: 'version', message: 'version is not given; stored as 1.0.0.' })
  if (spec.category !== undefined) definition.category = spec.category
  if (spec.docsUrl !== undefined) definition.docsUrl = spec.docsUrl
  if (spec.setupGuideUrl !== undefined) definition.setupGuideUrl = spec.setupGuideUrl
  if (spec.configSchema)
    note('configSchema', 'fields became a JSON Schema object (required fields listed in its required).')
  if (spec.secretSchema) {
    definition.secretSchema = fieldMapToSchema(spec.secretSchema, 'secretSchema', warnings)
    note('secretSchema', 'fields became a JSON Schema object (required fields listed in its required).')
  }
  warnings.push({
    path: 'authType',
    message:
      'A spec does not say how requests are signed; authType is none. The secrets are kept for the connector that calls the service.',
  })

  const capabilities = spec.providesCapabilities ?? []
  if (capabilities.length) {
    definition.providesCapabilities = capabilities.map(({ capabilityId, operation, description }) => ({
      capabilityId,
      operation,
      ...(description !== undefined ? { description } : {}),
    }))
    note('providesCapabilities', 'kept; each capability operation also became a method.')
  }
  const ids = new Set<string>()
  capabilities.forEach(({ capabilityId, operation, description }, index) => {
    const id = `${capabilityId}.${operation}`
    if (ids.has(id)) {
      warnings.push({
        path: `providesCapabilities[${index}]`,
        message: `${id} repeats an earlier capability operation; one method is made for both.`,
      })
      return
    }
    ids.add(id)
    definition.methods.push({
      id,
      name: description ?? `${operation} ${spaced(capabilityId)}`,
      description: description ?? `${operation} (${capabilityId}).`,
      ...(methodCapability.test(capabilityId) ? { capability: capabilityId } : {}),
      kind: kindOf(operation),
      inputSchema: { type: 'object' },
      outputSchema: { type: 'object' },
    })
  })
  if (definition.methods.length)
    note(
      'methods',
      `${definition.methods.length} made, one per capability operation, with open input and output schemas; they need an endpoint (a baseUrl in the connection’s config, or a connector).`,
    )
  if (spec.requirements) {
    const { capabilities: needed, minVersion } = spec.requirements
    definition.requirements = {
      ...(needed ? { capabilities: needed } : {}),
      ...(minVersion !== undefined ? { minVersion } : {}),
    }
    note('requirements', 'kept.')
  }
  if (spec.webhooks) {
    const { supported, events, signatureHeader } = spec.webhooks
    const scheme = schemeOf(signatureHeader)
    definition.webhooks = {
      supported,
      ...(events ? { events } : {}),
      ...(signatureHeader !== undefined ? { signatureHeader } : {}),
      ...(scheme ? { scheme } : {}),
    }
    note(
      'webhooks',
      scheme ? `kept; the ${signatureHeader} header means the ${scheme} signature scheme.` : 'kept.',
    )
  }
  for (const at of ['createdAt', 'updatedAt'] as const)
    if (spec[at] !== undefined)
      note(at, 'not stored in the definition: the catalog keeps its own times (an export writes them).')
  for (const part of ['providesCapabilities', 'webhooks', 'requirements'] as const) {
    const value = spec[part]
    const items = Array.isArray(value)
      ? value.map((item, i) => [`${part}[${i}]`, item] as const)
      : [[part, value] as const]
    for (const [path, item] of items) {
      if (!item || typeof item !== 'object') continue
      const known =
        part === 'providesCapabilities'
          ? ['capabilityId', 'operation', 'description']
          : part === 'webhooks'
            ? ['supported', 'events', 'signatureHeader']
            : ['capabilities', 'minVersion']
      for (const key of Object.keys(item))
        if (!known.includes(key))
          warnings.push({ path: `${path}.${key}`, message: `${key} has no place in a definition; dropped.` })
    }
  }
  for (const key of Object.keys(spec))
    if (!specKeys.has(key))
      warnings.push({ path: key, message: `${key} has no place in a definition; dropped.` })
  return { definition, notes, warnings }
}

/** Issue paths of the converted definition named as the spec's own fields, where they differ. */
export function specPath(path: string): string {
  return path.replace(/^integrationId/, 'id').replace(/^name(?=$|\.)/, 'label')
}
