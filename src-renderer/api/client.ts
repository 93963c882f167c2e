// The renderer's typed client. `window.switchboard` (from the preload, or the HTTP bridge in tests)
// returns outcomes; this turns them into results or a thrown ApiError. Only the contract's types are
// imported: the renderer carries no main-process code.
import type {
  SwitchboardBridge,
  SwitchboardClient,
  SwitchboardWindowApi,
} from '../../src-main/contract/api.ts'
import type { ErrorBody, ErrorCode, ErrorDetails, Outcome } from '../../src-main/contract/errors.ts'

declare global {
  interface Window {
    /** subscribe may be missing where an older host provides only the calls. */
    switchboard?: SwitchboardBridge & Partial<Pick<SwitchboardWindowApi, 'subscribe'>>
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetails | undefined

  constructor(body: ErrorBody) {
    super(body.message)
    this.name = 'ApiError'
    this.code = body.code
    this.details = body.details
  }
}

type Transport = (args?: unknown) => Promise<Outcome<unknown>>

export function createClient(bridge: SwitchboardBridge): SwitchboardClient {
  const client: Record<string, Record<string, (args?: unknown) => Promise<unknown>>> = {}
  for (const [namespace, calls] of Object.entries(
    bridge as unknown as Record<string, Record<string, Transport>>,
  )) {
    // `subscribe` (the push channel) is a function beside the namespaces; usePush carries it.
    if (typeof calls !== 'object' || calls === null) continue
    const group: Record<string, (args?: unknown) => Promise<unknown>> = {}
    for (const [method, transport] of Object.entries(calls)) {
      group[method] = async (args) => {
        let outcome: Outcome<unknown>
        try {
          outcome = await transport(args)
        } catch {
          throw new ApiError({
            code: 'UNAVAILABLE',
            message: 'Switchboard’s background service did not answer.',
          })
        }
        if (outcome.ok) return outcome.value
        throw new ApiError(outcome.error)
      }
    }
    client[namespace] = group
  }
  return client as unknown as SwitchboardClient
}
