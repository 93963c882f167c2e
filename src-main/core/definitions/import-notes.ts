// What an import report says about a valid definition beyond "stored": what was ignored (protocol
// parameters in oauth2Config.additionalParameters) and what follows from what the document leaves
// out (no api: its methods need an endpoint). Warnings never refuse a file.
import { endpointNeed } from '../../contract/definition-defaults.ts'
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { ValidationIssue } from '../../contract/errors.ts'
import { protocolParameterNote, protocolParameters } from '../auth/protocol-parameters.ts'

export function definitionWarnings(definition: IntegrationDefinition): ValidationIssue[] {
  const warnings: ValidationIssue[] = []
  for (const name of Object.keys(definition.oauth2Config?.additionalParameters ?? {})) {
    if (protocolParameters.has(name))
      warnings.push({
        path: `oauth2Config.additionalParameters.${name}`,
        message: `${name} ${protocolParameterNote(name)}.`,
      })
  }
  const need = endpointNeed(definition)
  if (need) warnings.push({ path: 'api', message: `No base URL is given. ${need}` })
  return warnings
}
