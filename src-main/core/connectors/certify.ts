// The connector certification suite: one set of conformance checks every connector must pass, run on
// each built-in in the tests and on any manifest entry by `switchboard connectors certify <name>`.
// It drives the connector through the runtime's own HTTP client (provider-http.ts) against a loopback
// provider it starts, so what is checked is what the runtime would do:
//   - every operation is implemented or declared unsupported (contract.ts);
//   - failures are from the typed family (CallFailure): an unknown method, a provider error, a reset;
//   - no secret reaches an error or the log: a canary credential is applied to every request;
//   - revoke, when supported, is idempotent (twice is harmless);
//   - cancellation is honoured: a call to a provider that never answers ends as Cancelled, promptly.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import { CallFailure } from '../runtime/errors.ts'
import { createProviderHttp, createTrace } from '../runtime/provider-http.ts'
import { contractProblems, type Connector, type ConnectorContext } from './contract.ts'

export interface CertificationCheck {
  name: string
  ok: boolean
  detail: string
}

export interface CertificationReport {
  connector: string
  ok: boolean
  checks: CertificationCheck[]
}

const canary = 'sb-canary-secret-7f3a9c1e5d'

type Mode = 'ok' | 'error' | 'reset' | 'hang'

/** A definition for connectors that bring none: one read method bound to GET /certify/{id}. */
export function certificationDefinition(baseUrl: string): IntegrationDefinition {
  return {
    integrationId: 'certification',
    name: 'Certification provider',
    description: 'The loopback provider of the connector certification suite.',
    version: '1.0.0',
    category: 'testing',
    docsUrl: 'https://switchboard.app/docs/connectors',
    authType: 'none',
    api: { baseUrl: { production: baseUrl } },
    configSchema: { type: 'object' },
    secretSchema: { type: 'object' },
    methods: [
      {
        id: 'certify.get',
        name: 'Get',
        description: 'Reads one thing.',
        kind: 'read',
        inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
        outputSchema: {},
        http: { method: 'GET', path: '/certify/{id}' },
      },
    ],
  }
}

async function startProvider(mode: () => Mode): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const current = mode()
    if (current === 'hang') return
    if (current === 'reset') return void req.socket.destroy()
    if (current === 'error') {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"certification failure"}')
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1","values":[["a"],[1]]}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

export async function certify(
  connector: Connector,
  options: {
    definition?: (baseUrl: string) => IntegrationDefinition
    methodId?: string
    input?: unknown
  } = {},
): Promise<CertificationReport> {
  const checks: CertificationCheck[] = []
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail })
  let mode: Mode = 'ok'
  const provider = await startProvider(() => mode)
  const logged: string[] = []
  // The console is captured (not written to) so that a connector logging a credential is caught.
  /* eslint-disable no-console */
  const originals = { log: console.log, warn: console.warn, error: console.error, info: console.info }
  const capture = (...args: unknown[]) => void logged.push(args.map(String).join(' '))
  console.log = console.warn = console.error = console.info = capture
  /* eslint-enable no-console */
  try {
    const problems = contractProblems(connector)
    check(
      'contract',
      problems.length === 0,
      problems.length
        ? `it ${problems.join('; it ')}`
        : 'every operation is implemented or declared unsupported',
    )
    if (problems.length) return { connector: connector.name, ok: false, checks }

    const definition = (options.definition ?? certificationDefinition)(provider.url)
    const method = definition.methods.find((m) => m.id === (options.methodId ?? definition.methods[0]?.id))
    const input = options.input ?? { id: '1' }
    const context = (signal: AbortSignal): ConnectorContext => {
      const http = createProviderHttp(
        {
          connectionId: 'certification',
          // The canary stands for a credential: applied to every request like the auth layer does.
          authorize: async (request) => {
            request.headers.set('authorization', `Bearer ${canary}`)
            return { accessToken: null }
          },
          afterRejection: async () => ({ accessToken: canary }),
          secrets: [canary],
          signal,
          abortReason: () => (signal.aborted ? 'cancelled' : null),
          timeoutMs: 10_000,
          retry: null,
        },
        createTrace(),
      )
      return {
        connectionId: 'certification',
        definition,
        environment: 'sandbox',
        config: {},
        baseUrl: provider.url,
        transport: 'official-api',
        signal,
        http,
        seed: 1,
        method: method ?? null,
      }
    }
    const leaks = (text: string) => text.includes(canary)

    // A successful call.
    try {
      await connector.invoke(method?.id ?? 'certify.get', input, context(new AbortController().signal))
      check('invoke', true, `${method?.id ?? 'certify.get'} answered`)
    } catch (error) {
      check(
        'invoke',
        false,
        `${method?.id ?? 'certify.get'} failed against a provider that answers 200: ${String(error)}`,
      )
    }

    // Failures are typed and carry no secret.
    const typed = async (
      name: string,
      run: () => Promise<unknown>,
      expect: (error: CallFailure) => boolean,
      what: string,
    ) => {
      try {
        await run()
        check(name, false, `expected a typed failure (${what}), but the call succeeded`)
      } catch (error) {
        if (!(error instanceof CallFailure))
          return check(name, false, `threw ${String(error)} instead of a typed CallFailure`)
        if (leaks(JSON.stringify({ message: error.message, details: error.details })))
          return check(name, false, 'the error contains the credential')
        check(name, expect(error), `${error.code}: ${error.message}`)
      }
    }
    await typed(
      'unknown method',
      () => connector.invoke('no.such.method', {}, context(new AbortController().signal)),
      (e) => e.code === 'ENDPOINT_MISSING' || e.code === 'INPUT_INVALID',
      'ENDPOINT_MISSING',
    )
    // Cancelled before it starts: it must not run.
    const early = new AbortController()
    early.abort()
    await typed(
      'cancelled before start',
      () => connector.invoke(method?.id ?? 'certify.get', input, context(early.signal)),
      (e) => e.code === 'CANCELLED',
      'CANCELLED',
    )
    if (connector.offline) {
      check('provider error', true, 'not applicable: the connector answers without a provider')
      check('connection reset', true, 'not applicable: the connector answers without a provider')
      check('cancellation', true, 'not applicable beyond "cancelled before start": nothing runs long')
    } else {
      mode = 'error'
      await typed(
        'provider error',
        () => connector.invoke(method?.id ?? 'certify.get', input, context(new AbortController().signal)),
        (e) => e.code === 'PROVIDER',
        'PROVIDER',
      )
      mode = 'reset'
      await typed(
        'connection reset',
        () => connector.invoke(method?.id ?? 'certify.get', input, context(new AbortController().signal)),
        (e) => e.code === 'NETWORK',
        'NETWORK',
      )

      // Cancellation: the provider never answers; cancelling must end the call promptly as Cancelled.
      mode = 'hang'
      const controller = new AbortController()
      const started = Date.now()
      const pending = connector.invoke(method?.id ?? 'certify.get', input, context(controller.signal))
      setTimeout(() => controller.abort(), 100)
      await typed(
        'cancellation',
        () => pending,
        (e) => e.code === 'CANCELLED' && Date.now() - started < 5_000,
        'CANCELLED within 5 s',
      )
    }

    // Revoke twice.
    if (connector.revoke) {
      try {
        await connector.revoke(canary, context(new AbortController().signal))
        await connector.revoke(canary, context(new AbortController().signal))
        check('revoke idempotent', true, 'revoking twice is harmless')
      } catch (error) {
        check(
          'revoke idempotent',
          false,
          `revoking twice failed: ${error instanceof Error && !leaks(error.message) ? error.message : 'an error'}`,
        )
      }
    } else check('revoke idempotent', true, 'revoke is declared unsupported')

    check(
      'no secret in logs',
      !logged.some(leaks),
      logged.some(leaks)
        ? 'the connector logged the credential'
        : `${logged.length} log lines, none with the credential`,
    )
    return { connector: connector.name, ok: checks.every((c) => c.ok), checks }
  } finally {
    Object.assign(console, originals)
    provider.server.closeAllConnections()
    await new Promise<void>((resolve) => provider.server.close(() => resolve()))
  }
}
