// The ContractSpec IntegrationSpec document, the other reference model of an integration: what it
// offers (capabilities), what it needs (config and secret fields as flat maps), its webhooks. It has
// no methods and no sign-in settings. Checked on import so a broken spec is refused with JSON paths;
// keys it does not define are not refused but reported as having no place.
import { Type, type Static } from 'typebox'

const FieldSpec = Type.Object(
  {
    type: Type.Union(
      [
        Type.Literal('string'),
        Type.Literal('number'),
        Type.Literal('integer'),
        Type.Literal('boolean'),
        Type.Literal('object'),
        Type.Literal('array'),
      ],
      { description: 'The JSON type of the value.' },
    ),
    description: Type.Optional(Type.String()),
    required: Type.Optional(Type.Boolean()),
    default: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: true },
)

export const FieldMap = Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' }), FieldSpec)

export const IntegrationSpec = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    label: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    category: Type.Optional(Type.String({ minLength: 1 })),
    providesCapabilities: Type.Optional(
      Type.Array(
        Type.Object(
          {
            capabilityId: Type.String({ minLength: 1 }),
            operation: Type.String({ minLength: 1 }),
            description: Type.Optional(Type.String()),
          },
          { additionalProperties: true },
        ),
      ),
    ),
    requirements: Type.Optional(
      Type.Object(
        {
          capabilities: Type.Optional(Type.Array(Type.String())),
          minVersion: Type.Optional(Type.String()),
        },
        { additionalProperties: true },
      ),
    ),
    configSchema: Type.Optional(FieldMap),
    secretSchema: Type.Optional(FieldMap),
    webhooks: Type.Optional(
      Type.Object(
        {
          supported: Type.Boolean(),
          events: Type.Optional(Type.Array(Type.String())),
          signatureHeader: Type.Optional(Type.String()),
        },
        { additionalProperties: true },
      ),
    ),
    docsUrl: Type.Optional(Type.String()),
    setupGuideUrl: Type.Optional(Type.String()),
    version: Type.Optional(Type.String()),
    createdAt: Type.Optional(Type.String()),
    updatedAt: Type.Optional(Type.String()),
  },
  { additionalProperties: true, title: 'ContractSpec IntegrationSpec' },
)

export type IntegrationSpec = Static<typeof IntegrationSpec>
export type FieldSpec = Static<typeof FieldSpec>
export type FieldMap = Static<typeof FieldMap>

/** The keys the spec defines (anything else in a document has no place in a definition). */
export const specKeys = new Set(Object.keys(IntegrationSpec.properties))
export const fieldKeys = new Set(Object.keys(FieldSpec.properties))

/**
 * A document is taken for a spec when it has the spec's identity (id, label) and none of a
 * definition's (integrationId, methods).
 */
export function looksLikeSpec(document: unknown): boolean {
  if (!document || typeof document !== 'object' || Array.isArray(document)) return false
  const record = document as Record<string, unknown>
  return (
    typeof record.id === 'string' &&
    typeof record.label === 'string' &&
    !('integrationId' in record) &&
    !('methods' in record)
  )
}
