// The parts of one connection's health check. Each returns a CheckDetail and never throws: a fault
// in one part (a hanging provider, an HTML answer, a reset, a 500) becomes that part's outcome.
//   connectivity  DNS, TCP, TLS to the API base URL, with timings;
//   credentials   the definition's healthCheck method through the runtime (401/403, invalid_grant);
//   permissions   the granted OAuth scopes include the required ones; the missing are named;
//   webhooks      the receiver and the forwarding target answer, when configured;
//   secretAge     each secret's age against the environment's rotation policy.
import type { ConnectionView } from '../../contract/types.ts'
import type {
  CheckDetail,
  CheckKind,
  CheckOutcome,
  HealthSettings,
  SecretAge,
} from '../../contract/health.ts'
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import { baseUrlOf } from '../connectors/http/binding.ts'
import type { AuthStatus } from '../../contract/types.ts'
import type { CallResult } from '../../contract/types.ts'
import type { WebhookEndpointView } from '../../contract/webhooks.ts'
import { probeConnectivity } from './connectivity.ts'

const dayMs = 24 * 60 * 60 * 1000

const round = (ms: number) => Math.round(ms * 10) / 10

export async function timed(
  kind: CheckKind,
  run: () => Promise<Omit<CheckDetail, 'kind' | 'durationMs'>>,
): Promise<CheckDetail> {
  const started = performance.now()
  try {
    const result = await run()
    return { kind, durationMs: round(performance.now() - started), ...result }
  } catch (error) {
    return {
      kind,
      outcome: 'fail',
      durationMs: round(performance.now() - started),
      message: `The ${kind} check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
}

export const skipped = (kind: CheckKind, message: string): CheckDetail => ({
  kind,
  outcome: 'skipped',
  durationMs: 0,
  message,
})

/** The base URL a connection's calls go to, or null when the definition leaves it to a connector. */
export function baseUrlFor(
  definition: IntegrationDefinition,
  view: Pick<ConnectionView, 'environment' | 'config'>,
) {
  try {
    return baseUrlOf(definition, view.environment, view.config)
  } catch {
    return null
  }
}

export function connectivityCheck(baseUrl: string | null, timeoutMs: number): Promise<CheckDetail> {
  if (!baseUrl)
    return Promise.resolve(skipped('connectivity', 'No base URL to reach (the connector decides).'))
  return timed('connectivity', async () => {
    const report = await probeConnectivity(baseUrl, timeoutMs)
    const timings = report.steps.map((s) => `${s.step.toUpperCase()} ${s.ms} ms`).join(', ')
    return {
      outcome: report.ok ? 'pass' : 'fail',
      message: report.ok
        ? `${report.host}:${report.port} reachable (${timings}).`
        : (report.problem ?? 'Unreachable.'),
      data: { host: report.host, port: report.port, address: report.address, steps: report.steps },
    }
  })
}

/** What the credentials call's result means for the credentials. */
export function credentialsVerdict(
  methodId: string,
  call: CallResult,
): Omit<CheckDetail, 'kind' | 'durationMs'> {
  const data = {
    methodId,
    callId: call.callId,
    httpStatus: call.response?.status ?? null,
    latencyMs: call.durationMs,
    errorCode: call.error?.code ?? null,
  }
  if (call.status === 'success' || call.status === 'output-mismatch') {
    return {
      outcome: 'pass',
      message: `${methodId} succeeded in ${Math.round(call.durationMs)} ms${call.status === 'output-mismatch' ? " (its answer does not match the method's outputSchema)" : ''}.`,
      data,
    }
  }
  const error = call.error
  const reason = (error?.details as { reason?: unknown } | undefined)?.reason
  if (error?.code === 'AUTH_REQUIRED' && reason === 'LOCKED')
    return { outcome: 'locked', message: error.message, data }
  const status = call.response?.status
  if (status === 401 || status === 403) {
    return {
      outcome: 'fail',
      message: `Credentials refused: ${error?.message ?? `the provider answered ${status}.`}`,
      data,
    }
  }
  return { outcome: 'fail', message: error?.message ?? `${methodId} failed.`, data }
}

export function permissionsCheck(
  definition: IntegrationDefinition,
  auth: Pick<AuthStatus, 'authType' | 'signedIn' | 'grantedScopes' | 'requestedScopes'> | null,
): CheckDetail {
  const declared = definition.healthCheck?.requiredScopes
  if (!auth || auth.authType !== 'oauth2') {
    return skipped(
      'permissions',
      declared?.length
        ? `${definition.name} uses ${definition.authType} credentials, whose permissions cannot be read.`
        : 'No scopes to compare (not an OAuth connection).',
    )
  }
  if (!auth.signedIn) return skipped('permissions', 'Not signed in: no scopes were granted.')
  const required = declared ?? auth.requestedScopes
  const granted = new Set(auth.grantedScopes)
  const missing = required.filter((scope) => !granted.has(scope))
  return {
    kind: 'permissions',
    outcome: missing.length ? 'fail' : 'pass',
    durationMs: 0,
    message: missing.length
      ? `Missing scope${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (granted: ${auth.grantedScopes.join(', ') || 'none'}).`
      : `All ${required.length} required scope${required.length === 1 ? '' : 's'} granted.`,
    data: { required, granted: auth.grantedScopes, missing },
  }
}

/** Whether a URL answers at all (any HTTP status below 500 counts: it is up and listening). */
async function answers(url: string, timeoutMs: number): Promise<{ ok: boolean; detail: string }> {
  try {
    const response = await fetch(url, {
      method: 'HEAD',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    await response.body?.cancel()
    return { ok: response.status < 500, detail: `answered ${response.status}` }
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name
    if (name === 'TimeoutError') return { ok: false, detail: `did not answer within ${timeoutMs} ms` }
    const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code
    return { ok: false, detail: `could not be reached${typeof cause === 'string' ? ` (${cause})` : ''}` }
  }
}

export function webhooksCheck(endpoint: WebhookEndpointView | null, timeoutMs: number): Promise<CheckDetail> {
  const targets: { what: string; url: string }[] = []
  if (endpoint?.receiver.running && endpoint.receiver.url)
    targets.push({ what: 'The receiver', url: endpoint.receiver.url })
  if (endpoint?.settings.targetUrl)
    targets.push({ what: 'The forwarding target', url: endpoint.settings.targetUrl })
  if (targets.length === 0) return Promise.resolve(skipped('webhooks', 'No webhook URL is configured.'))
  return timed('webhooks', async () => {
    const results = await Promise.all(
      targets.map(async (t) => ({ ...t, ...(await answers(t.url, timeoutMs)) })),
    )
    const failing = results.filter((r) => !r.ok)
    return {
      outcome: failing.length ? 'fail' : 'pass',
      message:
        (failing.length ? failing : results).map((r) => `${r.what} ${r.url} ${r.detail}`).join('; ') + '.',
      data: { urls: results.map((r) => ({ url: r.url, ok: r.ok, detail: r.detail })) },
    }
  })
}

export function secretAges(
  view: Pick<ConnectionView, 'secrets' | 'environment'>,
  settings: HealthSettings,
  now: Date,
): SecretAge[] {
  const policy = settings.rotationDays[view.environment]
  return view.secrets.map((secret) => {
    const ageDays = Math.floor((now.getTime() - Date.parse(secret.setAt)) / dayMs)
    return { field: secret.field, setAt: secret.setAt, ageDays, overdue: ageDays > policy }
  })
}

export function secretAgeCheck(ages: SecretAge[], policyDays: number): CheckDetail {
  if (ages.length === 0) return skipped('secretAge', 'No stored secrets.')
  const overdue = ages.filter((a) => a.overdue)
  const outcome: CheckOutcome = overdue.length ? 'warn' : 'pass'
  return {
    kind: 'secretAge',
    outcome,
    durationMs: 0,
    message: overdue.length
      ? `Past the ${policyDays}-day rotation policy: ${overdue.map((a) => `${a.field} (${a.ageDays} days)`).join(', ')}.`
      : `Every secret is within the ${policyDays}-day rotation policy (oldest ${Math.max(...ages.map((a) => a.ageDays))} days).`,
    data: { policyDays, ages },
  }
}

const rank: Record<CheckOutcome, number> = { skipped: 0, pass: 1, warn: 2, fail: 3, locked: 4 }

/** The whole check's outcome (its worst part) and message (the worst part's). */
export function summarize(details: CheckDetail[]): {
  outcome: 'pass' | 'warn' | 'fail' | 'locked'
  message: string | null
} {
  let worst: CheckDetail | null = null
  for (const detail of details) if (!worst || rank[detail.outcome] > rank[worst.outcome]) worst = detail
  if (!worst || worst.outcome === 'skipped' || worst.outcome === 'pass')
    return { outcome: 'pass', message: null }
  return { outcome: worst.outcome, message: worst.message }
}
