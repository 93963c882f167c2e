// Health checks against real loopback providers: each part's findings, the history table, the status
// module following the checks, notifications once per transition and recovery, faults (a hanging
// provider, HTML, resets, 500s) that never hold up the other checks, locked connections, secret age.
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PushEventName } from '../../src-main/contract/events.ts'
import type { CheckDetail, CheckKind } from '../../src-main/contract/health.ts'
import { openDatabase } from '../../src-main/core/db/open.ts'
import { permissionsCheck, summarize } from '../../src-main/core/health/checks.ts'
import { createHealthStore } from '../../src-main/core/health/store.ts'
import { databaseFileName } from '../../src-main/core/index.ts'
import type { Notice } from '../../src-main/core/host.ts'
import { healthDefinition } from '../support/health.ts'
import { coreWith, movableClock } from '../support/oidc-server.ts'
import { json, startProvider, type Provider } from '../support/provider.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose()
})

interface Setup {
  temp: TempCore
  provider: Provider
  notices: Notice[]
  events: { name: PushEventName; payload: unknown }[]
  clock: ReturnType<typeof movableClock>
  connection(id: string, path: string): string
}

async function setup(): Promise<Setup> {
  const provider = await startProvider()
  const notices: Notice[] = []
  const clock = movableClock()
  const temp = await coreWith([healthDefinition(), hooksDefinition], {
    notify: (n) => void notices.push(n),
    clock,
  })
  cleanups.push(
    () => provider.close(),
    () => temp.dispose(),
  )
  const events: Setup['events'] = []
  temp.core.events.subscribe((name, payload) => void events.push({ name, payload }))
  const connection = (id: string, path: string) =>
    temp.core.connections.create({
      id,
      clientId: 'acme',
      integrationId: 'svc',
      environment: 'production',
      config: { baseUrl: `${provider.url}${path}` },
      secrets: { apiKey: `key-${id}` },
    }).id
  return { temp, provider, notices, events, clock, connection }
}

/** The same service, sending webhooks (GitHub's signature scheme). */
const hooksDefinition = healthDefinition('hooks', {
  secretSchema: {
    type: 'object',
    properties: { apiKey: { type: 'string' }, webhookSecret: { type: 'string', format: 'password' } },
    required: ['apiKey'],
  },
  webhooks: {
    supported: true,
    scheme: 'github',
    signatureHeader: 'X-Hub-Signature-256',
    secretField: 'webhookSecret',
  },
})

const partOf = (checks: CheckDetail[], kind: CheckKind) => checks.find((c) => c.kind === kind)

/** A TCP port where nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('health checks', () => {
  it('records a healthy check with connectivity timings, and the connection follows it', async () => {
    const { temp, provider, connection } = await setup()
    provider.route('GET', '/ok/me', json(200, { id: 'acct_1' }))
    const id = connection('ok', '/ok')
    const record = await temp.core.health.check(id)
    expect(record.outcome).toBe('pass')
    expect(record.message).toBeNull()
    expect(record.latencyMs).not.toBeNull()
    const connectivity = partOf(record.checks, 'connectivity')!
    expect(connectivity.outcome).toBe('pass')
    expect((connectivity.data?.steps as { step: string }[]).map((s) => s.step)).toEqual(['dns', 'tcp'])
    expect(partOf(record.checks, 'credentials')!.outcome).toBe('pass')
    expect(partOf(record.checks, 'permissions')!.outcome).toBe('skipped')
    expect(partOf(record.checks, 'webhooks')!.outcome).toBe('skipped')
    expect(partOf(record.checks, 'secretAge')!.outcome).toBe('pass')
    expect(provider.seen.at(-1)?.headers.authorization).toBe('Bearer key-ok')

    const view = temp.core.connections.get(id)
    expect(view.state).toBe('healthy')
    expect(view.lastHealthCheckStatus).toBe('success')
    expect(view.lastHealthCheck).toBe(record.startedAt)
    expect(temp.core.health.history(id).checks.map((c) => c.id)).toEqual([record.id])
  })

  it('a refused key fails with the provider message, alerts once per transition and announces recovery', async () => {
    const { temp, provider, notices, events, connection } = await setup()
    let refuse = true
    provider.route('GET', '/flaky/me', (req, res) => {
      if (refuse) json(401, { message: 'Invalid API key provided' })(req, res, undefined as never)
      else json(200, { id: 'acct_2' })(req, res, undefined as never)
    })
    const id = connection('flaky', '/flaky')

    const first = await temp.core.health.check(id)
    expect(first.outcome).toBe('fail')
    expect(first.message).toContain('Credentials refused: The provider answered 401')
    expect(first.message).toContain('Invalid API key provided')
    expect(first.transition).toBe('failed')
    expect(first.consecutiveFailures).toBe(1)
    let view = temp.core.connections.get(id)
    expect(view.healthState).toBe('failing')
    expect(view.lastHealthCheckStatus).toBe('failure')
    expect(view.lastErrorMessage).toBe(first.message)
    expect(notices).toHaveLength(1)
    expect(notices[0]!.title).toMatch(/is failing/)
    expect(notices[0]!.body).toContain('Invalid API key provided')

    const second = await temp.core.health.check(id)
    expect(second.transition).toBeNull()
    expect(second.consecutiveFailures).toBe(2)
    expect(notices).toHaveLength(1)

    refuse = false
    const third = await temp.core.health.check(id)
    expect(third.outcome).toBe('pass')
    expect(third.transition).toBe('recovered')
    expect(third.consecutiveFailures).toBe(0)
    expect(notices).toHaveLength(2)
    expect(notices[1]!.title).toMatch(/recovered/)
    view = temp.core.connections.get(id)
    expect(view.state).toBe('healthy')
    expect(view.lastErrorMessage).toBeNull()

    const alerts = temp.core.health.overview().alerts
    expect(alerts.map((a) => a.transition)).toEqual(['recovered', 'failed'])
    const results = events.filter((e) => e.name === 'health.result').map((e) => e.payload)
    expect(results).toHaveLength(3)
  })

  it('network down reads differently from credentials revoked', async () => {
    const { temp, connection } = await setup()
    const port = await closedPort()
    const id = temp.core.connections.create({
      id: 'down',
      clientId: 'acme',
      integrationId: 'svc',
      environment: 'production',
      config: { baseUrl: `http://127.0.0.1:${port}` },
      secrets: { apiKey: 'k' },
    }).id
    void connection
    const record = await temp.core.health.check(id)
    expect(record.outcome).toBe('fail')
    expect(partOf(record.checks, 'connectivity')!.outcome).toBe('fail')
    expect(record.message).toMatch(/could not be reached \(.*ECONNREFUSED/)
    expect(partOf(record.checks, 'credentials')!.outcome).toBe('skipped')
    expect(partOf(record.checks, 'credentials')!.message).toMatch(/could not be reached/)
  })

  it('faults (hang, HTML, reset, 500) fail on their own without holding up the healthy ones', async () => {
    const { temp, provider, connection } = await setup()
    temp.core.health.updateSettings({ timeoutMs: 800, concurrency: 8 })
    provider.route('GET', '/ok/me', json(200, { id: 'fine' }))
    provider.route('GET', '/hang/me', () => {})
    provider.route('GET', '/html/me', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Maintenance</body></html>')
    })
    provider.route('GET', '/reset/me', (req) => req.socket.destroy())
    provider.route('GET', '/boom/me', json(500, { message: 'Internal failure' }))
    const ids = ['ok', 'hang', 'html', 'reset', 'boom'].map((name) => connection(name, `/${name}`))

    const started = performance.now()
    const okDone = temp.core.health.check('ok').then(() => performance.now() - started)
    const { run, checks } = await temp.core.health.checkNow({})
    const total = performance.now() - started
    expect(run).toMatchObject({ total: ids.length, done: ids.length, failed: 4, running: false })
    const byId = new Map(checks.map((c) => [c.connectionId, c]))
    expect(byId.get('ok')!.outcome).toBe('pass')
    expect(byId.get('hang')!.message).toMatch(/did not answer within 800 ms/)
    expect(byId.get('html')!.message).toMatch(/text\/html.*not JSON/)
    expect(byId.get('reset')!.message).toMatch(/reset/)
    expect(byId.get('boom')!.message).toMatch(/500.*Internal failure/)
    // The healthy check finished long before the hanging one gave up; nothing waited on the hang.
    expect(await okDone).toBeLessThan(800)
    expect(total).toBeLessThan(800 * 3 * 3)
  })

  it('a locked connection reports locked without a crash and without touching its status', async () => {
    const { temp, provider, notices, connection } = await setup()
    provider.route('GET', '/ok/me', json(200, { id: 'fine' }))
    const id = connection('ok', '/ok')
    temp.core.vault.lock()
    const record = await temp.core.health.check(id)
    expect(record.outcome).toBe('locked')
    expect(partOf(record.checks, 'credentials')!.outcome).toBe('locked')
    expect(record.transition).toBeNull()
    expect(notices).toHaveLength(0)
    expect(provider.seen).toHaveLength(0)
    expect(temp.core.connections.row(id).healthState).toBe('untested')
  })

  it('flags secrets past the rotation policy of their environment', async () => {
    const { temp, provider, clock, connection } = await setup()
    provider.route('GET', '/ok/me', json(200, { id: 'fine' }))
    const id = connection('ok', '/ok')
    temp.core.health.updateSettings({ rotationDays: { production: 30 } })
    clock.advance(45 * 24 * 60 * 60 * 1000)
    const record = await temp.core.health.check(id)
    expect(record.outcome).toBe('warn')
    expect(record.message).toMatch(/Past the 30-day rotation policy: apiKey \(45 days\)/)
    // A warning is not a failure: the connection stays healthy.
    expect(temp.core.connections.get(id).state).toBe('healthy')
    const summary = temp.core.health.overview().connections.find((c) => c.connectionId === id)!
    expect(summary.secretAges).toEqual([
      expect.objectContaining({ field: 'apiKey', ageDays: 45, overdue: true }),
    ])
  })

  it('checks the configured webhook target answers', async () => {
    const { temp, provider, connection } = await setup()
    provider.route('GET', '/ok/me', json(200, { id: 'fine' }))
    provider.route('HEAD', '/hook', (_req, res) => res.writeHead(204).end())
    const plain = connection('plain', '/ok')
    expect(partOf((await temp.core.health.check(plain)).checks, 'webhooks')).toMatchObject({
      outcome: 'skipped',
      message: 'Service svc sends no webhooks.',
    })
    const id = temp.core.connections.create({
      id: 'hooked',
      clientId: 'acme',
      integrationId: 'hooks',
      environment: 'production',
      config: { baseUrl: `${provider.url}/ok` },
      secrets: { apiKey: 'k' },
    }).id
    expect(partOf((await temp.core.health.check(id)).checks, 'webhooks')!.outcome).toBe('skipped')
    temp.core.webhooks.updateSettings(id, { targetUrl: `${provider.url}/hook` })
    expect(partOf((await temp.core.health.check(id)).checks, 'webhooks')).toMatchObject({
      outcome: 'pass',
      message: expect.stringContaining('answered 204'),
    })
    const port = await closedPort()
    temp.core.webhooks.updateSettings(id, { targetUrl: `http://127.0.0.1:${port}/hook` })
    const record = await temp.core.health.check(id)
    expect(partOf(record.checks, 'webhooks')).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('could not be reached'),
    })
    expect(record.outcome).toBe('fail')
  })

  it('never runs two checks of one connection at once: a second ask joins the first', async () => {
    const { temp, provider, connection } = await setup()
    let release: () => void = () => {}
    provider.route('GET', '/slow/me', (req, res) => {
      release = () => json(200, { id: 'x' })(req, res, undefined as never)
    })
    const id = connection('slow', '/slow')
    const a = temp.core.health.check(id)
    const b = temp.core.health.check(id)
    await expect.poll(() => provider.seen.length).toBe(1)
    expect(temp.core.health.overview().connections[0]!.checking).toBe(true)
    release()
    const [ra, rb] = await Promise.all([a, b])
    expect(ra.id).toBe(rb.id)
    expect(provider.seen).toHaveLength(1)
    expect(temp.core.health.history(id).checks).toHaveLength(1)
  })

  it('a check’s row is on disk when it resolves, and each connection keeps only its newest rows', async () => {
    const { temp, provider, connection } = await setup()
    provider.route('GET', '/ok/me', json(200, { id: 'acct_1' }))
    const a = connection('a', '/ok')
    const b = connection('b', '/ok')
    // Another process's view of the same file: what it sees is committed.
    const other = new Database(join(temp.dataDir, databaseFileName), { readonly: true })
    cleanups.push(() => void other.close())
    const onDisk = (id: string) =>
      (
        other.prepare('SELECT id FROM health_checks WHERE connection_id = ? ORDER BY id').all(id) as {
          id: number
        }[]
      ).map((row) => row.id)
    const [first] = await Promise.all([temp.core.health.check(a), temp.core.health.check(b)])
    expect(onDisk(a)).toEqual([first.id])
    // The same store over a second handle with a retention of 3: older rows of that connection only go.
    const db = openDatabase(join(temp.dataDir, databaseFileName))
    cleanups.push(() => void db.$client.close())
    const store = createHealthStore(db, 3)
    const ids = [first.id]
    for (let i = 0; i < 4; i++)
      ids.push(
        db.transaction((tx) =>
          store.insert(tx, { ...first, startedAt: new Date(Date.UTC(2026, 0, i + 1)).toISOString() }),
        ).id,
      )
    expect(onDisk(a)).toEqual(ids.slice(-3))
    expect(onDisk(b)).toHaveLength(1)
  })

  it('the overview lists failing connections first with their chart points', async () => {
    const { temp, provider, connection } = await setup()
    provider.route('GET', '/ok/me', json(200, { id: 'fine' }))
    provider.route('GET', '/bad/me', json(403, { message: 'Forbidden for this key' }))
    connection('a-ok', '/ok')
    connection('b-bad', '/bad')
    await temp.core.health.checkNow({})
    await temp.core.health.checkNow({ connectionId: 'a-ok' })
    const overview = temp.core.health.overview()
    expect(overview.connections.map((c) => c.connectionId)).toEqual(['b-bad', 'a-ok'])
    expect(overview.connections[1]!.recent.map((p) => p.outcome)).toEqual(['pass', 'pass'])
    expect(overview.settings.intervalMinutes).toEqual({ production: 15, sandbox: 60 })
    expect(temp.core.health.overview({ environment: 'sandbox' }).connections).toEqual([])
  })
})

describe('health settings', () => {
  it('are the data folder’s shared settings: another process reads them, bad values are refused', async () => {
    const { temp } = await setup()
    temp.core.health.updateSettings({ intervalMinutes: { sandbox: 120 }, concurrency: 4 })
    const other = createTempCore({ dataDir: temp.dataDir })
    try {
      expect(other.core.health.settings()).toEqual({
        intervalMinutes: { production: 15, sandbox: 120 },
        rotationDays: { production: 90, sandbox: 180 },
        concurrency: 4,
        timeoutMs: 10_000,
      })
    } finally {
      other.core.close()
    }
    expect(() => temp.core.health.updateSettings({ concurrency: 0 })).toThrow(/health.concurrency must be/)
    expect(temp.core.health.settings().concurrency).toBe(4)
  })
})

describe('check parts', () => {
  const definition = healthDefinition()
  it('names the missing scopes of an OAuth connection', () => {
    const detail = permissionsCheck(
      { ...definition, healthCheck: { method: 'me', requiredScopes: ['read', 'write', 'admin'] } },
      { authType: 'oauth2', signedIn: true, grantedScopes: ['read'], requestedScopes: ['read', 'write'] },
    )
    expect(detail.outcome).toBe('fail')
    expect(detail.message).toBe('Missing scopes: write, admin (granted: read).')
    expect(
      permissionsCheck(definition, {
        authType: 'oauth2',
        signedIn: true,
        grantedScopes: ['a', 'b'],
        requestedScopes: ['a'],
      }).outcome,
    ).toBe('pass')
  })

  it('the worst part decides the outcome; skipped parts do not count', () => {
    const part = (outcome: 'pass' | 'warn' | 'fail' | 'skipped', message: string = outcome) => ({
      kind: 'credentials' as const,
      outcome,
      durationMs: 1,
      message,
    })
    expect(summarize([part('skipped'), part('pass')])).toEqual({ outcome: 'pass', message: null })
    expect(summarize([part('warn'), part('fail', 'broken'), part('pass')])).toEqual({
      outcome: 'fail',
      message: 'broken',
    })
  })
})
