// The single entry point through which every host runs a contract call: look the call up, validate
// its arguments against the contract's schema (compiled once, on first use), run the handler, and
// turn the result or failure into an Outcome. Hosts add only their own gate (sender frame, token).
import type { ValidateFunction } from 'ajv'
import { api, type CallName, type Handlers } from '../../contract/api.ts'
import type { Outcome } from '../../contract/errors.ts'
import { AppError, toErrorBody } from '../errors.ts'
import type { Logger } from '../host.ts'
import { createAjv, problemCount, toIssues } from '../validation/ajv.ts'

export type Dispatch = (name: string, args: unknown) => Promise<Outcome<unknown>>

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(api, name)
}

export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  // Defaults from the schemas are applied to a copy; callers' objects are never mutated.
  const ajv = createAjv({ coerceTypes: false })
  const validators = new Map<CallName, ValidateFunction>()
  const validatorFor = (name: CallName): ValidateFunction => {
    let validate = validators.get(name)
    if (!validate) {
      validate = ajv.compile(api[name].args)
      validators.set(name, validate)
    }
    return validate
  }

  return async (name, rawArgs) => {
    try {
      if (!isCallName(name)) throw new AppError('UNKNOWN_CALL', `There is no call named "${name}".`)
      const args: unknown = structuredClone(rawArgs === undefined ? {} : rawArgs)
      const validate = validatorFor(name)
      if (!validate(args)) {
        const issues = toIssues(validate.errors)
        throw AppError.invalid(`Invalid arguments for ${name} (${problemCount(issues)}).`, issues)
      }
      const handler = handlers[name] as (args: unknown) => unknown
      return { ok: true, value: await handler(args) }
    } catch (error) {
      if (!(error instanceof AppError)) {
        logger.error('call failed', {
          call: name,
          error: error instanceof Error ? error.stack : String(error),
        })
      }
      return { ok: false, error: toErrorBody(error) }
    }
  }
}
