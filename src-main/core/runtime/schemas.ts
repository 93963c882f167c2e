// Compiled input and output validators of a method, per pinned definition version (a connection may
// be pinned to an older version than the installed one), compiled on first use and kept.
import type { ValidateFunction } from 'ajv'
import type { IntegrationDefinition, MethodDefinition } from '../../contract/definition-format.ts'
import { createSchemaAjv, tryCompile } from '../definitions/schema-compiler.ts'
import { AppError } from '../errors.ts'

export function createMethodSchemas() {
  // Defaults are applied while validating: callers validate copies (inputs keep the defaults, outputs
  // are returned as they came).
  const ajv = createSchemaAjv()
  const cache = new Map<string, ValidateFunction>()
  return (
    definition: IntegrationDefinition,
    method: MethodDefinition,
    which: 'input' | 'output',
  ): ValidateFunction => {
    const key = `${definition.integrationId}@${definition.version}#${method.id}:${which}`
    let validate = cache.get(key)
    if (!validate) {
      const result = tryCompile(ajv, which === 'input' ? method.inputSchema : method.outputSchema)
      if ('error' in result) {
        throw new AppError(
          'INTERNAL',
          `The ${which} schema of ${definition.integrationId}.${method.id} does not compile.`,
        )
      }
      validate = result.validate
      cache.set(key, validate)
    }
    return validate
  }
}
