// Capability requirements between definitions: a definition that needs "payments.refund" is stored
// only when the catalog (or the same import) has a definition that provides it. Shared by the
// bundled catalog load and by imports, which check the same rule.
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { ValidationIssue } from '../../contract/errors.ts'
import type { DefinitionSummary } from '../../contract/types.ts'

/** Every capability provided by the stored definitions plus the ones about to be stored. */
export function capabilityProviders(
  stored: Iterable<DefinitionSummary>,
  extra: readonly IntegrationDefinition[],
): Set<string> {
  const provided = new Set<string>()
  for (const summary of stored) summary.capabilities.forEach((c) => provided.add(c))
  for (const definition of extra) {
    definition.providesCapabilities?.forEach((c) => provided.add(c.capabilityId))
    definition.methods.forEach((m) => m.capability && provided.add(m.capability))
  }
  return provided
}

export function unmetRequirements(
  definition: IntegrationDefinition,
  provided: Set<string>,
): ValidationIssue[] {
  return (definition.requirements?.capabilities ?? []).flatMap((capability, index) =>
    provided.has(capability)
      ? []
      : [
          {
            path: `requirements.capabilities[${index}]`,
            message: `needs "${capability}", which no definition in the catalog provides`,
          },
        ],
  )
}
