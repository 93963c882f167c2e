// What a method does, for the Playground's badges and the production confirmation. A definition may
// leave `kind` out: its HTTP verb then says it (GET reads, DELETE deletes, the others write).
import type { MethodDefinition } from '../../../src-main/contract/definition-format.ts'

export type MethodKind = 'read' | 'write' | 'delete'

export function methodKind(method: Pick<MethodDefinition, 'kind' | 'http'>): MethodKind {
  if (method.kind) return method.kind
  const verb = method.http?.method
  if (!verb || verb === 'GET') return 'read'
  return verb === 'DELETE' ? 'delete' : 'write'
}

/** Whether running it against a production connection asks first. */
export const needsConfirmation = (
  method: Pick<MethodDefinition, 'kind' | 'http'>,
  environment: 'sandbox' | 'production',
) => environment === 'production' && methodKind(method) !== 'read'
