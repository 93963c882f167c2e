// Config fields filled after sign-in (a definition's `configChoices`, e.g. Xero's tenant): which ones a
// connection still lacks, and the settings form without them (they cannot be known before sign-in).
import type { RJSFSchema } from '@rjsf/utils'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'

export const choiceFields = (definition: IntegrationDefinition): string[] =>
  Object.keys(definition.configChoices ?? {})

const empty = (value: unknown) => value === undefined || value === null || value === ''

/** Fields filled after sign-in that are still empty: until they are set, the connection needs setup. */
export const missingChoiceFields = (definition: IntegrationDefinition, config: Record<string, unknown>) =>
  choiceFields(definition).filter((field) => empty(config[field]))

/** A field's title from the configSchema, or its name. */
export function fieldTitle(definition: IntegrationDefinition, field: string): string {
  const properties = (definition.configSchema as { properties?: Record<string, { title?: string }> })
    .properties
  return properties?.[field]?.title ?? field
}

/** The configSchema without the fields filled after sign-in: neither shown nor required before it. */
export function beforeSignIn(schema: RJSFSchema, definition: IntegrationDefinition): RJSFSchema {
  const later = new Set(choiceFields(definition))
  if (!later.size) return schema
  return {
    ...schema,
    properties: Object.fromEntries(
      Object.entries(schema.properties ?? {}).filter(([name]) => !later.has(name)),
    ),
    ...(schema.required ? { required: schema.required.filter((name) => !later.has(name)) } : {}),
  }
}
