// A definition written back as a ContractSpec IntegrationSpec: the parts the spec has a place for
// (identity, capabilities, requirements, config and secret fields as flat maps, webhooks, links,
// version, the catalog's times). Methods, sign-in settings and bindings have no place in a spec.
import { categoryOf, secretSchemaOf } from '../../../contract/definition-defaults.ts'
import type { IntegrationDefinition } from '../../../contract/definition-format.ts'
import type { FieldMap, FieldSpec, IntegrationSpec } from './spec.ts'

interface SchemaObject {
  properties?: Record<string, Record<string, unknown>>
  required?: string[]
}

const specTypes = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array'])

/** A JSON Schema object's top-level properties as a flat field map (nested schemas keep only their type). */
export function schemaToFieldMap(schema: object): FieldMap {
  const { properties = {}, required = [] } = schema as SchemaObject
  const map: FieldMap = {}
  for (const [name, property] of Object.entries(properties)) {
    const declared = [property.type].flat().find((type) => typeof type === 'string' && specTypes.has(type))
    const field: FieldSpec = { type: (declared as FieldSpec['type'] | undefined) ?? 'string' }
    if (typeof property.description === 'string') field.description = property.description
    field.required = required.includes(name)
    if (property.default !== undefined) field.default = property.default
    map[name] = field
  }
  return map
}

export function definitionToSpec(
  definition: IntegrationDefinition,
  times: { createdAt: string; updatedAt: string },
): IntegrationSpec {
  const capabilities =
    definition.providesCapabilities ??
    definition.methods.flatMap((method) =>
      method.capability
        ? [{ capabilityId: method.capability, operation: method.id, description: method.description }]
        : [],
    )
  const spec: IntegrationSpec = {
    id: definition.integrationId,
    label: definition.name,
    description: definition.description,
    category: categoryOf(definition),
    providesCapabilities: capabilities.map(({ capabilityId, operation, description }) => ({
      capabilityId,
      operation,
      ...(description !== undefined ? { description } : {}),
    })),
    configSchema: schemaToFieldMap(definition.configSchema),
    secretSchema: schemaToFieldMap(secretSchemaOf(definition)),
  }
  if (definition.requirements) spec.requirements = { ...definition.requirements }
  if (definition.webhooks) {
    const { supported, events, signatureHeader } = definition.webhooks
    spec.webhooks = {
      supported,
      ...(events ? { events } : {}),
      ...(signatureHeader !== undefined ? { signatureHeader } : {}),
    }
  }
  if (definition.docsUrl) spec.docsUrl = definition.docsUrl
  if (definition.setupGuideUrl) spec.setupGuideUrl = definition.setupGuideUrl
  spec.version = definition.version
  spec.createdAt = times.createdAt
  spec.updatedAt = times.updatedAt
  return spec
}

/** The export file's text: a JSON array of specs, two-space indented, ending in a newline. */
export function specsToJson(
  rows: readonly { definition: IntegrationDefinition; createdAt: string; updatedAt: string }[],
): string {
  return `${JSON.stringify(
    rows.map((row) => definitionToSpec(row.definition, row)),
    null,
    2,
  )}\n`
}
