// The one module that moves a connection between states. Auth state (the `status` column: credentials
// set, missing, refused, undecryptable) and health state (untested, healthy, failing) are kept apart:
// saving or replacing credentials makes the connection "untested" until a check or a call succeeds
// with them. Every writer of either goes through a transition here.
import { eq } from 'drizzle-orm'
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { CallResult, ConnectionState, ConnectionStatus, HealthState } from '../../contract/types.ts'
import type { Tx } from '../db/tx.ts'
import type { Writer } from '../db/write.ts'
import { connections } from '../db/schema.ts'
import type { Clock } from '../host.ts'

type Row = typeof connections.$inferSelect
type Changes = Partial<
  Pick<Row, 'status' | 'healthState' | 'lastHealthCheck' | 'lastHealthCheckStatus' | 'lastErrorMessage'>
>

export function createStatus({ writer, clock }: { writer: Writer; clock: Clock }) {
  // State derived from what happened (a call, a check, a sign-in). Inside a change's write it joins
  // that transaction (`tx`), and the change's own event records what happened.
  const write = (id: string, changes: Changes, tx?: Tx) => {
    const apply = (into: Tx) =>
      into
        .update(connections)
        .set({ ...changes, updatedAt: clock.now().toISOString() })
        .where(eq(connections.id, id))
        .run()
    return tx
      ? apply(tx)
      : writer.writeUnrecorded('connection state derived from a call, a check or a sign-in', apply)
  }

  return {
    /** The initial auth state of a new connection: with its credentials or without. */
    initial: (hasCredentials: boolean): Pick<Row, 'status' | 'healthState'> => ({
      status: hasCredentials ? 'connected' : 'disconnected',
      healthState: 'untested',
    }),
    /** New credentials (secrets saved, signed in): nothing is known about them yet. */
    credentialsSaved: (id: string, tx?: Tx) =>
      write(id, { status: 'connected', healthState: 'untested', lastErrorMessage: null }, tx),
    /** Credentials gone (disconnected, revoked); `message` says why when it went wrong. */
    credentialsRemoved: (id: string, message: string | null = null, tx?: Tx) =>
      write(id, { status: 'disconnected', healthState: 'untested', lastErrorMessage: message }, tx),
    /** The provider refused the saved sign-in: only a new one helps. */
    signInNeeded: (id: string, message: string, tx?: Tx) =>
      write(id, { status: 'error', healthState: 'failing', lastErrorMessage: message }, tx),
    /** A token was refreshed: the sign-in is good again (health unchanged). */
    signInRenewed: (id: string, tx?: Tx) => write(id, { status: 'connected', lastErrorMessage: null }, tx),
    /** Its secrets no longer decrypt. */
    locked: (id: string, message: string, tx?: Tx) =>
      write(id, { status: 'locked', lastErrorMessage: message }, tx),
    /** A health check ran (at `at`, when it started; default now). */
    checked: (id: string, ok: boolean, message: string | null, at?: string, tx?: Tx) =>
      write(
        id,
        {
          healthState: ok ? 'healthy' : 'failing',
          lastHealthCheck: at ?? clock.now().toISOString(),
          lastHealthCheckStatus: ok ? 'success' : 'failure',
          lastErrorMessage: ok ? null : message,
        },
        tx,
      ),
    /**
     * A method call finished: success proves the credentials work; a refusal of them (no usable
     * credentials, 401, 403) proves they do not. Anything else (bad input, a timeout, a mock) says
     * nothing about the connection's health.
     */
    callFinished: (result: CallResult, before: Pick<Row, 'healthState' | 'lastErrorMessage'>) => {
      if (result.mock) return
      const refused =
        result.error?.code === 'AUTH_REQUIRED' ||
        (result.error?.code === 'PROVIDER' &&
          (result.response?.status === 401 || result.response?.status === 403))
      const after: Pick<Row, 'healthState' | 'lastErrorMessage'> | null =
        result.status === 'success' || result.status === 'output-mismatch'
          ? { healthState: 'healthy', lastErrorMessage: null }
          : refused
            ? { healthState: 'failing', lastErrorMessage: result.error?.message ?? null }
            : null
      // A call that confirms what is known changes nothing (no write on the hot path).
      if (
        !after ||
        (after.healthState === before.healthState && after.lastErrorMessage === before.lastErrorMessage)
      )
        return
      write(result.connectionId, after)
    },
  }
}

export type Status = ReturnType<typeof createStatus>

/** Config fields filled after sign-in (the definition's configChoices) that are still empty. */
export function pendingSetup(definition: IntegrationDefinition, config: Record<string, unknown>): string[] {
  return Object.keys(definition.configChoices ?? {}).filter((field) => {
    const value = config[field]
    return value === undefined || value === null || value === ''
  })
}

/** The one state shown to people, from auth and health kept apart. */
export function connectionState(facts: {
  status: ConnectionStatus
  healthState: HealthState
  missingSecrets: string[]
  setupNeeded: string[]
  authType: IntegrationDefinition['authType']
}): ConnectionState {
  if (facts.status === 'locked') return 'locked'
  if (facts.status === 'error') return 'sign-in-needed'
  if (facts.status === 'disconnected' && facts.authType !== 'none')
    return facts.authType === 'oauth2' ? 'sign-in-needed' : 'disconnected'
  if (facts.missingSecrets.length && facts.authType !== 'oauth2') return 'disconnected'
  if (facts.setupNeeded.length) return 'needs-setup'
  return facts.healthState
}
