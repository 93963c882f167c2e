// Integration definitions as one JSON bundle: a small envelope (format, version, when) around the
// definitions exactly as written, each valid against the published definition schema. The bundle's own
// schema is derived from that schema, so the two cannot drift.
import { Type, type Static, type TSchema } from 'typebox'
import type { ValidateFunction } from 'ajv'
import { IntegrationDefinition } from '../../../contract/definition-format.ts'
import type { ValidationIssue } from '../../../contract/errors.ts'
import { AppError } from '../../errors.ts'
import { createAjv, problemCount, toIssues } from '../../validation/ajv.ts'

export const bundleFormat = 'switchboard.definitions'
export const bundleVersion = 1
export const bundleSchemaId = 'https://switchboard.app/schemas/definition-bundle.schema.json'

export const DefinitionBundle = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    format: Type.Literal(bundleFormat),
    version: Type.Literal(bundleVersion),
    exportedAt: Type.String({
      format: 'date-time',
      description: 'When the bundle was written (ISO 8601, UTC).',
    }),
    definitions: Type.Array(IntegrationDefinition),
  },
  {
    additionalProperties: false,
    $id: bundleSchemaId,
    title: 'Switchboard integration definitions bundle',
    description:
      'Integration definitions exported together, each valid against the integration definition schema.',
  },
)

export type DefinitionBundle = Static<typeof DefinitionBundle>

/** The bundle's JSON Schema document, with the draft named (publishable next to the definition schema). */
export function definitionBundleJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...(JSON.parse(JSON.stringify(DefinitionBundle as TSchema)) as Record<string, unknown>),
  }
}

let bundleValidator: ValidateFunction | undefined
// No defaults: validating must not write them into the definitions.
const bundleCheck = () => (bundleValidator ??= createAjv({ useDefaults: false }).compile(DefinitionBundle))

/** Every problem with a bundle (schema, then repeated integration ids); empty when it is valid. */
export function definitionBundleIssues(value: unknown): ValidationIssue[] {
  if (!bundleCheck()(value)) return toIssues(bundleCheck().errors)
  const seen = new Map<string, number>()
  const issues: ValidationIssue[] = []
  ;(value as DefinitionBundle).definitions.forEach((definition, index) => {
    const first = seen.get(definition.integrationId)
    if (first === undefined) seen.set(definition.integrationId, index)
    else {
      issues.push({
        path: `definitions[${index}].integrationId`,
        message: `repeats "${definition.integrationId}" of definitions[${first}]`,
      })
    }
  })
  return issues
}

/** The bundle of these definitions; throws INVALID_ARGUMENT naming each problem if any is invalid. */
export function buildDefinitionBundle(
  definitions: readonly IntegrationDefinition[],
  options: { now?: Date } = {},
): DefinitionBundle {
  const bundle: DefinitionBundle = {
    $schema: bundleSchemaId,
    format: bundleFormat,
    version: bundleVersion,
    exportedAt: (options.now ?? new Date()).toISOString(),
    definitions: [...definitions],
  }
  const issues = definitionBundleIssues(bundle)
  if (issues.length > 0)
    throw AppError.invalid(`The definitions cannot be exported (${problemCount(issues)}).`, issues)
  return bundle
}

/** The bundle as a JSON file's text: two-space indented, ending in a newline. */
export function definitionBundleToJson(bundle: DefinitionBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`
}
