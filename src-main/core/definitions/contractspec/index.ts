// ContractSpec IntegrationSpec documents, in and out: detection, checking and conversion on import,
// the JSON array written by `definitions export --format contractspec`.
import type { ValidateFunction } from 'ajv'
import type { ValidationIssue } from '../../../contract/errors.ts'
import { createAjv, toIssues } from '../../validation/ajv.ts'
import { IntegrationSpec, looksLikeSpec } from './spec.ts'
import { specToDefinition, type Converted } from './to-definition.ts'

export { looksLikeSpec } from './spec.ts'
export { definitionToSpec, specsToJson } from './from-definition.ts'
export { specPath } from './to-definition.ts'

let specValidator: ValidateFunction | undefined
const specCheck = () =>
  (specValidator ??= createAjv({ useDefaults: false, strict: false }).compile(IntegrationSpec))

/** Checks a document as a spec and converts it; the issues name the spec's own JSON paths. */
export function convertSpec(document: unknown): Converted | { issues: ValidationIssue[] } {
  const check = specCheck()
  if (!check(document)) return { issues: toIssues(check.errors) }
  const converted = specToDefinition(document as IntegrationSpec)
  if (!converted.definition.methods.length)
    return {
      issues: [
        {
          path: 'providesCapabilities',
          message:
            'providesCapabilities lists no capability operations; a definition needs at least one method, and they are made from these.',
        },
      ],
    }
  return converted
}

export const isContractSpec = looksLikeSpec
