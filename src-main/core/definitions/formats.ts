// The import's one hook for document formats: a document is taken as it is (a definition in the
// reference structure or Switchboard's fuller one) or, when it is a ContractSpec IntegrationSpec
// (detected, or named with --format contractspec), converted first. Either way the import report
// gets what the conversion noted and warned, and the definition's own warnings.
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { ValidationIssue } from '../../contract/errors.ts'
import { convertSpec, isContractSpec, specPath } from './contractspec/index.ts'
import { definitionWarnings } from './import-notes.ts'

/** The formats an import may be told to expect; by default each document's is detected. */
export type ImportFormat = 'definition' | 'contractspec'

export interface Prepared {
  document: unknown
  notes: ValidationIssue[]
  warnings: ValidationIssue[]
  /** Renames the converted definition's issue paths to the source document's. */
  path: (path: string) => string
}

const same = (path: string) => path

export function prepareDocument(
  document: unknown,
  format: ImportFormat | undefined,
): Prepared | { issues: ValidationIssue[] } {
  if (format === 'contractspec' || (format === undefined && isContractSpec(document))) {
    const converted = convertSpec(document)
    if ('issues' in converted) return converted
    return { ...converted, document: converted.definition, path: specPath }
  }
  return { document, notes: [], warnings: [], path: same }
}

/** The warnings of a valid definition, after those of its conversion. */
export const warningsOf = (prepared: Pick<Prepared, 'warnings'>, definition: IntegrationDefinition) => [
  ...prepared.warnings,
  ...definitionWarnings(definition),
]
